package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.ref;

import dev.bridgekeeper.sandbox.internal.AccountingLedger.Role;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sandbox Accounting's fixed lists: tax rates, tracking categories, items, journals and payment methods. The
 * documents refer to them (every line carries the 20% VAT rate the books charge, invoices and bills name their
 * item, journal entries their journal, payments their method), so each reference resolves to one of these records.
 */
final class AccountingLists {

    /** The rate every document line is taxed at ({@link SandboxDraws#VAT_RATE}). */
    static final int STANDARD_RATE = 0;
    /** Items the documents sell and buy. */
    static final int CONSULTING = 0;
    static final int STOCK = 1;
    static final int PACKAGING = 3;
    static final int SERVICES = 4;
    /** Journals: payroll has its own, everything else is posted to the general one. */
    static final int GENERAL_JOURNAL = 0;
    static final int PAYROLL_JOURNAL = 1;
    /** Tracking categories lines are tracked against: departments under "Department". */
    static final int SALES_DEPARTMENT = 1;
    static final int OPERATIONS_DEPARTMENT = 2;
    /** Customers pay by bank transfer. */
    static final int BANK_TRANSFER = 0;

    private record TaxRate(String name, String code, String rate, String status) {}

    private static final List<TaxRate> TAX_RATES = List.of(
            new TaxRate("Standard rate VAT (20%)", "S", "20.00", "Active"),
            new TaxRate("Reduced rate VAT (5%)", "R", "5.00", "Active"),
            new TaxRate("Zero rated", "Z", "0.00", "Active"),
            new TaxRate("Exempt", "E", "0.00", "Active"),
            new TaxRate("Flat rate scheme (16.5%)", "F", "16.50", "Archived"));

    private record TrackingCategory(String name, int parent) {}

    private static final List<TrackingCategory> TRACKING = List.of(new TrackingCategory("Department", -1),
            new TrackingCategory("Sales", 0), new TrackingCategory("Operations", 0),
            new TrackingCategory("Administration", 0), new TrackingCategory("Region", -1),
            new TrackingCategory("North", 4), new TrackingCategory("South", 4));

    private record Item(String code, String name, String type, Role sales, Role purchases, String price,
            String status) {}

    private static final List<Item> ITEMS = List.of(
            new Item("CONS-DAY", "Consulting services", "Service", Role.SALES, null, "950.00", "Active"),
            new Item("STK-STD", "Stock for resale", "Inventory", Role.SALES, Role.COST_OF_SALES, "42.50", "Active"),
            new Item("STK-PRM", "Premium stock", "Inventory", Role.SALES, Role.COST_OF_SALES, "88.00", "Active"),
            new Item("PACK-BOX", "Packaging and print", "NonInventory", null, Role.OVERHEADS, "12.40", "Active"),
            new Item("SVC-GEN", "Services", "Service", null, Role.OVERHEADS, "150.00", "Active"),
            new Item("STK-OLD", "Discontinued stock line", "Inventory", Role.SALES, Role.COST_OF_SALES, "30.00",
                    "Archived"));

    private record Journal(String code, String name, String type) {}

    private static final List<Journal> JOURNALS = List.of(new Journal("GJ", "General journal", "General"),
            new Journal("PAY", "Payroll journal", "Payroll"));

    private record PaymentMethod(String name, String type, String status) {}

    private static final List<PaymentMethod> PAYMENT_METHODS = List.of(
            new PaymentMethod("Bank transfer", "BankTransfer", "Active"),
            new PaymentMethod("Business debit card", "DebitCard", "Active"),
            new PaymentMethod("Cheque", "Check", "Active"), new PaymentMethod("Petty cash", "Cash", "Archived"));

    private AccountingLists() {}

    static int count(String dataType) {
        return switch (dataType) {
            case "taxRates" -> TAX_RATES.size();
            case "trackingCategories" -> TRACKING.size();
            case "items" -> ITEMS.size();
            case "journals" -> JOURNALS.size();
            case "paymentMethods" -> PAYMENT_METHODS.size();
            default -> 0;
        };
    }

    static void fill(Map<String, Object> r, String dataType, int index) {
        switch (dataType) {
            case "taxRates" -> taxRate(r, TAX_RATES.get(index));
            case "trackingCategories" -> trackingCategory(r, index);
            case "items" -> item(r, ITEMS.get(index));
            case "journals" -> journal(r, JOURNALS.get(index));
            default -> paymentMethod(r, PAYMENT_METHODS.get(index));
        }
    }

    // ---- references, as the documents carry them

    static Map<String, Object> taxRateRef(int index) {
        TaxRate rate = TAX_RATES.get(index);
        Map<String, Object> ref = ref("tax-" + index, "name", rate.name());
        ref.put("effectiveTaxRate", new BigDecimal(rate.rate()));
        return ref;
    }

    static Map<String, Object> itemRef(int index) {
        return ref("item-" + index, "name", ITEMS.get(index).name());
    }

    static Map<String, Object> journalRef(int index) {
        return ref("jnl-" + index, "name", JOURNALS.get(index).name());
    }

    static Map<String, Object> trackingCategoryRef(int index) {
        return ref("tc-" + index, "name", TRACKING.get(index).name());
    }

    static Map<String, Object> paymentMethodRef(int index) {
        return ref("pm-" + index, "name", PAYMENT_METHODS.get(index).name());
    }

    // ---- records

    private static void taxRate(Map<String, Object> r, TaxRate rate) {
        BigDecimal percent = new BigDecimal(rate.rate());
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", "VAT");
        component.put("rate", percent);
        component.put("isCompound", false);
        r.put("name", rate.name());
        r.put("code", rate.code());
        r.put("status", rate.status());
        r.put("effectiveTaxRate", percent);
        r.put("totalTaxRate", percent);
        r.put("components", List.of(component));
    }

    private static void trackingCategory(Map<String, Object> r, int index) {
        TrackingCategory category = TRACKING.get(index);
        r.put("name", category.name());
        if (category.parent() >= 0) {
            r.put("parentId", "tc-" + category.parent());
        }
        r.put("hasChildren", TRACKING.stream().anyMatch(c -> c.parent() == index));
        r.put("status", "Active");
    }

    private static void item(Map<String, Object> r, Item item) {
        r.put("name", item.name());
        r.put("code", item.code());
        r.put("itemStatus", item.status());
        r.put("type", item.type());
        r.put("isBillItem", item.purchases() != null);
        if (item.purchases() != null) {
            r.put("billItem", itemDetails(item, item.purchases()));
        }
        r.put("isInvoiceItem", item.sales() != null);
        if (item.sales() != null) {
            r.put("invoiceItem", itemDetails(item, item.sales()));
        }
    }

    private static Map<String, Object> itemDetails(Item item, Role account) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("description", item.name());
        details.put("unitPrice", new BigDecimal(item.price()));
        details.put("accountRef", ref(account.id(), "name", account.title));
        details.put("taxRateRef", taxRateRef(STANDARD_RATE));
        return details;
    }

    private static void journal(Map<String, Object> r, Journal journal) {
        r.put("journalCode", journal.code());
        r.put("name", journal.name());
        r.put("type", journal.type());
        r.put("hasChildren", false);
        r.put("createdOn", "2019-03-14T09:30:00");
        r.put("status", "Active");
    }

    private static void paymentMethod(Map<String, Object> r, PaymentMethod method) {
        r.put("name", method.name());
        r.put("type", method.type());
        r.put("status", method.status());
    }
}
