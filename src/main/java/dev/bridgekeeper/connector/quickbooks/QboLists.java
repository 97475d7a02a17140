package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.decimal;
import static dev.bridgekeeper.connector.quickbooks.QboValues.has;
import static dev.bridgekeeper.connector.quickbooks.QboValues.join;
import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.ref;
import static dev.bridgekeeper.connector.quickbooks.QboValues.refName;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * QuickBooks' list entities in Codat's standard model (docs/connectors/quickbooks-online.md has the table):
 * CompanyInfo + Preferences → company, Account → chartOfAccounts and bankAccounts, Customer → customers, Vendor →
 * suppliers, Item → items, TaxCode (with its TaxRates) → taxRates. Inactive records are {@code Archived}. Fields
 * QuickBooks leaves out stay out; nothing is written as null.
 */
final class QboLists {

    private final QboRecords records;

    QboLists(QboRecords records) {
        this.records = records;
    }

    /** {@code company} from {@code CompanyInfo} and {@code Preferences}; its id is the realm id. */
    ConnectorRecord company(String realmId, JsonNode info, JsonNode preferences, Instant now) {
        ObjectNode r = records.object();
        r.put("id", realmId);
        put(r, "companyName", text(info, "CompanyName"));
        put(r, "companyLegalName", text(info, "LegalName"));
        r.put("accountingPlatformRef", realmId);
        ArrayNode addresses = r.arrayNode();
        address(addresses, info.path("CompanyAddr"), "Billing");
        if (!info.path("LegalAddr").equals(info.path("CompanyAddr"))) {
            address(addresses, info.path("LegalAddr"), "Unknown");
        }
        if (!addresses.isEmpty()) {
            r.set("addresses", addresses);
        }
        String phone = text(info.path("PrimaryPhone"), "FreeFormNumber");
        if (phone != null) {
            r.putArray("phoneNumbers").addObject().put("number", phone).put("type", "Primary");
        }
        String web = text(info.path("WebAddr"), "URI");
        if (web != null) {
            r.putArray("webLinks").addObject().put("type", "Website").put("url", web);
        }
        Month start = month(text(info, "FiscalYearStartMonth"));
        if (start != null) {
            r.put("financialYearStartDate", financialYearStart(start, now) + "T00:00:00");
        }
        put(r, "baseCurrency", ref(preferences.path("CurrencyPrefs"), "HomeCurrency"));
        put(r, "ledgerLockDate", QboValues.date(text(preferences.path("AccountingInfoPrefs"), "BookCloseDate")));
        String started = QboValues.date(text(info, "CompanyStartDate"));
        put(r, "createdDate", started != null ? started : QboValues.timestamp(QboValues.created(info)));
        return records.record(realmId, r, info);
    }

    /** {@code chartOfAccounts} from {@code Account}. */
    ConnectorRecord account(JsonNode a) {
        ObjectNode r = records.object();
        String id = text(a, "Id");
        r.put("id", id);
        put(r, "nominalCode", text(a, "AcctNum"));
        put(r, "name", text(a, "Name"));
        put(r, "description", text(a, "Description"));
        String type = accountType(text(a, "Classification"));
        StringBuilder category = new StringBuilder(type);
        for (String part : new String[] {text(a, "AccountType"), text(a, "AccountSubType")}) {
            if (part != null) {
                category.append('.').append(part);
            }
        }
        r.put("fullyQualifiedCategory", category.toString());
        put(r, "fullyQualifiedName", text(a, "FullyQualifiedName"));
        put(r, "currency", ref(a, "CurrencyRef"));
        if (has(a, "CurrentBalance")) {
            r.put("currentBalance", creditNormal(type) ? decimal(a, "CurrentBalance").negate()
                    : decimal(a, "CurrentBalance"));
        }
        r.put("type", type);
        r.put("status", active(a) ? "Active" : "Archived");
        r.put("isBankAccount", "Bank".equals(text(a, "AccountType")));
        return records.record(id, r, a);
    }

    /** {@code bankAccounts} from a bank or credit card {@code Account}; null for any other account. */
    ConnectorRecord bankAccount(JsonNode a) {
        String accountType = text(a, "AccountType");
        boolean card = "Credit Card".equals(accountType);
        if (!card && !"Bank".equals(accountType)) {
            return null;
        }
        ObjectNode r = records.object();
        String id = text(a, "Id");
        r.put("id", id);
        put(r, "accountName", text(a, "Name"));
        r.put("accountType", card ? "Credit" : "Debit");
        put(r, "nominalCode", text(a, "AcctNum"));
        put(r, "currency", ref(a, "CurrencyRef"));
        if (has(a, "CurrentBalance")) {
            // QuickBooks shows what is owed on a card as a positive balance; in Codat's model it is a debt
            r.put("balance", card ? decimal(a, "CurrentBalance").negate() : decimal(a, "CurrentBalance"));
        }
        put(r, "institution", text(a, "FIName"));
        r.put("status", active(a) ? "Active" : "Archived");
        return records.record(id, r, a);
    }

    /**
     * {@code paymentMethods} from {@code PaymentMethod}. QuickBooks Online types a method only as CREDIT_CARD or
     * NON_CREDIT_CARD; the two methods every company starts with, Cash and Check, are recognised by name.
     */
    ConnectorRecord paymentMethod(JsonNode m) {
        ObjectNode r = records.object();
        String id = text(m, "Id");
        r.put("id", id);
        String name = text(m, "Name");
        put(r, "name", name);
        r.put("type", "CREDIT_CARD".equals(text(m, "Type")) ? "CreditCard"
                : "Cash".equalsIgnoreCase(name) ? "Cash" : "Check".equalsIgnoreCase(name) ? "Check" : "Other");
        r.put("status", active(m) ? "Active" : "Archived");
        return records.record(id, r, m);
    }

    /** {@code customers} from {@code Customer} (sub-customers and projects are customers too). */
    ConnectorRecord customer(JsonNode c) {
        ObjectNode r = contact(c, "customerName");
        ArrayNode addresses = r.arrayNode();
        address(addresses, c.path("BillAddr"), "Billing");
        address(addresses, c.path("ShipAddr"), "Delivery");
        if (!addresses.isEmpty()) {
            r.set("addresses", addresses);
        }
        r.put("status", active(c) ? "Active" : "Archived");
        return records.record(text(c, "Id"), r, c);
    }

    /** {@code suppliers} from {@code Vendor}. */
    ConnectorRecord supplier(JsonNode v) {
        ObjectNode r = contact(v, "supplierName");
        ArrayNode addresses = r.arrayNode();
        address(addresses, v.path("BillAddr"), "Billing");
        if (!addresses.isEmpty()) {
            r.set("addresses", addresses);
        }
        put(r, "taxNumber", text(v, "TaxIdentifier"));
        r.put("status", active(v) ? "Active" : "Archived");
        return records.record(text(v, "Id"), r, v);
    }

    private ObjectNode contact(JsonNode c, String nameField) {
        ObjectNode r = records.object();
        r.put("id", text(c, "Id"));
        String display = text(c, "DisplayName");
        put(r, nameField, display != null ? display : text(c, "CompanyName"));
        put(r, "contactName", join(text(c, "GivenName"), text(c, "FamilyName")));
        put(r, "emailAddress", text(c.path("PrimaryEmailAddr"), "Address"));
        put(r, "phone", text(c.path("PrimaryPhone"), "FreeFormNumber"));
        put(r, "defaultCurrency", ref(c, "CurrencyRef"));
        return r;
    }

    /** {@code items} from {@code Item}: sold when it has an income account, bought when it has an expense one. */
    ConnectorRecord item(JsonNode i) {
        ObjectNode r = records.object();
        String id = text(i, "Id");
        r.put("id", id);
        put(r, "name", text(i, "Name"));
        put(r, "code", text(i, "Sku"));
        r.put("itemStatus", active(i) ? "Active" : "Archived");
        String type = String.valueOf(text(i, "Type"));
        r.put("type", switch (type) {
            case "Service" -> "Service";
            case "Inventory" -> "Inventory";
            case "NonInventory" -> "NonInventory";
            default -> "Unknown"; // Group bundles and Category folders
        });
        boolean bought = ref(i, "ExpenseAccountRef") != null;
        r.put("isBillItem", bought);
        if (bought) {
            ObjectNode bill = r.putObject("billItem");
            put(bill, "description", text(i, "PurchaseDesc"));
            QboValues.number(bill, "unitPrice", i, "PurchaseCost");
            accountRef(bill, i, "ExpenseAccountRef");
        }
        boolean sold = ref(i, "IncomeAccountRef") != null;
        r.put("isInvoiceItem", sold);
        if (sold) {
            ObjectNode invoice = r.putObject("invoiceItem");
            put(invoice, "description", text(i, "Description"));
            QboValues.number(invoice, "unitPrice", i, "UnitPrice");
            accountRef(invoice, i, "IncomeAccountRef");
        }
        return records.record(id, r, i);
    }

    /**
     * {@code taxRates} from a {@code TaxCode}: its rates are the {@code TaxRate}s its sales list names (its purchase
     * list when it has no sales rates), summed into the effective rate.
     */
    ConnectorRecord taxRate(JsonNode code, Map<String, JsonNode> rates) {
        ObjectNode r = records.object();
        String id = text(code, "Id");
        r.put("id", id);
        put(r, "name", text(code, "Name"));
        put(r, "code", text(code, "Name"));
        r.put("status", active(code) ? "Active" : "Archived");
        JsonNode details = code.path("SalesTaxRateList").path("TaxRateDetail");
        if (details.isEmpty()) {
            details = code.path("PurchaseTaxRateList").path("TaxRateDetail");
        }
        BigDecimal total = BigDecimal.ZERO;
        ArrayNode components = r.arrayNode();
        for (JsonNode detail : details) {
            JsonNode rate = rates.get(ref(detail, "TaxRateRef"));
            BigDecimal value = rate == null ? BigDecimal.ZERO : decimal(rate, "RateValue");
            total = total.add(value);
            ObjectNode component = components.addObject();
            put(component, "name", rate != null ? text(rate, "Name") : refName(detail, "TaxRateRef"));
            component.put("rate", value);
            component.put("isCompound", "TaxOnTax".equals(text(detail, "TaxTypeApplicable")));
        }
        r.put("effectiveTaxRate", total);
        r.put("totalTaxRate", total);
        if (!components.isEmpty()) {
            r.set("components", components);
        }
        return records.record(id, r, code);
    }

    /** {@code accountRef} from a QuickBooks reference to an account, when there is one. */
    static void accountRef(ObjectNode into, JsonNode from, String field) {
        String id = ref(from, field);
        if (id != null) {
            ObjectNode account = into.putObject("accountRef").put("id", id);
            put(account, "name", refName(from, field));
        }
    }

    private static void address(ArrayNode into, JsonNode a, String type) {
        String line1 = text(a, "Line1");
        String city = text(a, "City");
        String postalCode = text(a, "PostalCode");
        if (line1 == null && city == null && postalCode == null) {
            return;
        }
        ObjectNode address = into.addObject().put("type", type);
        put(address, "line1", line1);
        put(address, "line2", join(text(a, "Line2"), text(a, "Line3"), text(a, "Line4"), text(a, "Line5")));
        put(address, "city", city);
        put(address, "region", text(a, "CountrySubDivisionCode"));
        put(address, "country", text(a, "Country"));
        put(address, "postalCode", postalCode);
    }

    private static boolean active(JsonNode record) {
        return !record.path("Active").isBoolean() || record.path("Active").asBoolean();
    }

    private static String accountType(String classification) {
        return switch (String.valueOf(classification)) {
            case "Asset" -> "Asset";
            case "Liability" -> "Liability";
            case "Equity" -> "Equity";
            case "Revenue" -> "Income";
            case "Expense" -> "Expense";
            default -> "Unknown";
        };
    }

    /** QuickBooks shows credit balances (liabilities, equity, income) as positive; Codat's model as negative. */
    private static boolean creditNormal(String type) {
        return "Liability".equals(type) || "Equity".equals(type) || "Income".equals(type);
    }

    private static Month month(String name) {
        if (name == null) {
            return null;
        }
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    /** The most recent first day of {@code start} (FiscalYearStartMonth is a month's name, not a date). */
    static LocalDate financialYearStart(Month start, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate thisYear = LocalDate.of(today.getYear(), start, 1);
        return thisYear.isAfter(today) ? thisYear.minusYears(1) : thisYear;
    }
}
