package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.dateTime;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.ref;

import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Document;
import dev.bridgekeeper.sandbox.internal.AccountingLedger.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sandbox Accounting's purchasing records besides bills: suppliers' credit notes (posted to the books, not yet
 * used against a bill) and purchase orders (commitments, not posted; those due before December have been
 * delivered and are closed).
 */
final class AccountingPurchases {

    /** Orders expected after this date are still open. */
    static final LocalDate DELIVERED_BY = LocalDate.of(2025, 12, 1);

    private final AccountingDocuments documents;

    AccountingPurchases(AccountingDocuments documents) {
        this.documents = documents;
    }

    int count(String dataType) {
        return switch (dataType) {
            case "billCreditNotes" -> documents.billCreditNotes();
            case "purchaseOrders" -> documents.purchaseOrders();
            default -> 0;
        };
    }

    void fill(Map<String, Object> r, String dataType, int index) {
        if (dataType.equals("billCreditNotes")) {
            billCreditNote(r, documents.billCreditNote(index));
        } else {
            purchaseOrder(r, documents.purchaseOrder(index));
        }
    }

    private static void billCreditNote(Map<String, Object> r, Document d) {
        Role account = AccountingLedger.billAccount(d);
        r.put("billCreditNoteNumber", "SCN-" + (40_001 + d.index()));
        r.put("supplierRef", ref("sup-" + d.party(), "supplierName", AccountingRecords.supplierName(d.party())));
        r.put("issueDate", dateTime(d.date()));
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", account == Role.COST_OF_SALES ? "Damaged stock returned" : "Service credit");
        line.put("unitAmount", d.subTotal());
        line.put("quantity", 1);
        line.put("subTotal", d.subTotal());
        line.put("taxAmount", d.tax());
        line.put("totalAmount", d.total());
        line.put("accountRef", ref(account.id(), "name", account.title));
        line.put("taxRateRef", AccountingLists.taxRateRef(AccountingLists.STANDARD_RATE));
        line.put("itemRef", AccountingLists.itemRef(account == Role.COST_OF_SALES ? AccountingLists.STOCK
                : AccountingLists.SERVICES));
        r.put("lineItems", List.of(line));
        r.put("subTotal", d.subTotal());
        r.put("totalTaxAmount", d.tax());
        r.put("totalAmount", d.total());
        r.put("totalDiscount", BigDecimal.ZERO.setScale(2));
        r.put("discountPercentage", BigDecimal.ZERO.setScale(2));
        r.put("remainingCredit", d.total());
        r.put("status", "Submitted");
    }

    private static void purchaseOrder(Map<String, Object> r, Document d) {
        // stock in units of the item's price: the order's net is quantity x unit price exactly
        BigDecimal unit = new BigDecimal("42.50");
        int quantity = Math.max(1, d.subTotal().divide(unit, 0, RoundingMode.DOWN).intValue());
        BigDecimal subTotal = unit.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal tax = SandboxDraws.vat(subTotal);
        LocalDate expected = d.date().plusDays(14);
        boolean delivered = expected.isBefore(DELIVERED_BY);
        String supplier = AccountingRecords.supplierName(d.party());
        r.put("purchaseOrderNumber", "PO-" + (50_001 + d.index()));
        r.put("issueDate", dateTime(d.date()));
        r.put("expectedDeliveryDate", dateTime(expected));
        if (delivered) {
            r.put("deliveryDate", dateTime(expected.minusDays(d.index() % 3)));
        }
        r.put("paymentDueDate", dateTime(expected.plusDays(30)));
        r.put("note", "Stock replenishment");
        r.put("supplierRef", ref("sup-" + d.party(), "supplierName", supplier));
        r.put("status", delivered ? "Closed" : "Open");
        r.put("currency", d.currency());
        r.put("currencyRate", d.rate());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", "Stock for resale");
        line.put("accountRef", ref(Role.COST_OF_SALES.id(), "name", Role.COST_OF_SALES.title));
        line.put("itemRef", AccountingLists.itemRef(AccountingLists.STOCK));
        line.put("trackingCategoryRefs",
                List.of(AccountingLists.trackingCategoryRef(AccountingLists.OPERATIONS_DEPARTMENT)));
        line.put("unitAmount", unit);
        line.put("quantity", quantity);
        line.put("discountAmount", BigDecimal.ZERO.setScale(2));
        line.put("discountPercentage", BigDecimal.ZERO.setScale(2));
        line.put("subTotal", subTotal);
        line.put("taxAmount", tax);
        line.put("taxRateRef", AccountingLists.taxRateRef(AccountingLists.STANDARD_RATE));
        line.put("totalAmount", subTotal.add(tax));
        r.put("lineItems", List.of(line));
        r.put("totalDiscount", BigDecimal.ZERO.setScale(2));
        r.put("subTotal", subTotal);
        r.put("totalTaxAmount", tax);
        r.put("totalAmount", subTotal.add(tax));
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", "Goods in");
        contact.put("email", "goodsin@sandbox-accounting.example");
        contact.put("phone", "+44 20 7946 0000");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("type", "Delivery");
        address.put("line1", "Unit 4, Harbour Trading Estate");
        address.put("city", "Bristol");
        address.put("postalCode", "BS1 6XX");
        address.put("country", "GB");
        Map<String, Object> shipTo = new LinkedHashMap<>();
        shipTo.put("contact", contact);
        shipTo.put("address", address);
        r.put("shipTo", shipTo);
    }
}
