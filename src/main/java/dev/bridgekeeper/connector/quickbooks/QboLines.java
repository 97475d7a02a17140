package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.decimal;
import static dev.bridgekeeper.connector.quickbooks.QboValues.has;
import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.ref;
import static dev.bridgekeeper.connector.quickbooks.QboValues.refName;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts QuickBooks' documents share, in Codat's standard model: sales lines (items, and the lines of groups),
 * expense lines (account or item based), their tax and tracking references, the customer or supplier and the
 * currency. Subtotal lines, which repeat the sum, are left out.
 */
final class QboLines {

    private final QboRecords records;

    QboLines(QboRecords records) {
        this.records = records;
    }

    /** Sales lines (items, and the lines of groups); answers the discount lines' total. */
    BigDecimal salesLines(ObjectNode r, JsonNode document) {
        ArrayNode lines = r.putArray("lineItems");
        BigDecimal discount = BigDecimal.ZERO;
        for (JsonNode line : document.path("Line")) {
            String type = String.valueOf(text(line, "DetailType"));
            if ("DiscountLineDetail".equals(type)) {
                discount = discount.add(decimal(line, "Amount"));
            } else if ("GroupLineDetail".equals(type)) {
                for (JsonNode inner : line.path("GroupLineDetail").path("Line")) {
                    if ("SalesItemLineDetail".equals(text(inner, "DetailType"))) {
                        lines.add(salesLine(inner));
                    }
                }
            } else if ("SalesItemLineDetail".equals(type)) {
                lines.add(salesLine(line));
            }
        }
        return discount;
    }

    ObjectNode salesLine(JsonNode line) {
        return line(records.object(), line, line.path("SalesItemLineDetail"), "ItemAccountRef");
    }

    /** Expense lines into {@code lineItems} (bills number their lines; bill credit notes have no line number). */
    void expenseLines(ObjectNode r, JsonNode document, boolean numbered) {
        ArrayNode lines = r.putArray("lineItems");
        for (JsonNode line : document.path("Line")) {
            ObjectNode item = expenseLine(line, numbered);
            if (item != null) {
                lines.add(item);
            }
        }
    }

    /** A deposit line of money not received before (DepositLineDetail): its account, tax code and class. */
    ObjectNode depositLine(JsonNode line) {
        return line(records.object(), line, line.path("DepositLineDetail"), "AccountRef");
    }

    /** An expense line: account based (an expense account) or item based (an item, its quantity and price). */
    ObjectNode expenseLine(JsonNode line, boolean numbered) {
        String type = String.valueOf(text(line, "DetailType"));
        JsonNode detail = line.path(type);
        if (!"AccountBasedExpenseLineDetail".equals(type) && !"ItemBasedExpenseLineDetail".equals(type)) {
            return null;
        }
        ObjectNode l = records.object();
        if (numbered) {
            put(l, "lineNumber", text(line, "LineNum") != null ? text(line, "LineNum") : text(line, "Id"));
        }
        return line(l, line, detail, "AccountRef");
    }

    /**
     * What every kind of line holds: its description, amounts (a line without a price or quantity is one of its
     * amount), the account {@code accountField} names, and its tax code, item and tracking references.
     */
    private static ObjectNode line(ObjectNode l, JsonNode line, JsonNode detail, String accountField) {
        put(l, "description", text(line, "Description"));
        BigDecimal amount = decimal(line, "Amount");
        l.put("unitAmount", has(detail, "UnitPrice") ? decimal(detail, "UnitPrice") : amount);
        l.put("quantity", has(detail, "Qty") ? decimal(detail, "Qty") : BigDecimal.ONE);
        l.put("subTotal", amount);
        l.put("totalAmount", amount);
        QboLists.accountRef(l, detail, accountField);
        taxRateRef(l, detail);
        if (ref(detail, "ItemRef") != null) {
            ObjectNode item = l.putObject("itemRef").put("id", ref(detail, "ItemRef"));
            put(item, "name", refName(detail, "ItemRef"));
        }
        trackingRefs(l, detail);
        return l;
    }

    private static void taxRateRef(ObjectNode line, JsonNode detail) {
        String code = ref(detail, "TaxCodeRef");
        if (code != null) {
            line.putObject("taxRateRef").put("id", code);
        }
    }

    /** Classes and departments (locations) tag lines; their ids are kept apart by a prefix. */
    private static void trackingRefs(ObjectNode line, JsonNode detail) {
        String classId = ref(detail, "ClassRef");
        if (classId != null) {
            ObjectNode tracking = line.putArray("trackingCategoryRefs").addObject().put("id", "class-" + classId);
            put(tracking, "name", refName(detail, "ClassRef"));
        }
    }

    static void customerRef(ObjectNode r, JsonNode document) {
        String id = ref(document, "CustomerRef");
        if (id != null) {
            ObjectNode customer = r.putObject("customerRef").put("id", id);
            put(customer, "companyName", refName(document, "CustomerRef"));
        }
    }

    static void supplierRef(ObjectNode r, JsonNode document) {
        String id = ref(document, "VendorRef");
        if (id != null) {
            ObjectNode supplier = r.putObject("supplierRef").put("id", id);
            put(supplier, "supplierName", refName(document, "VendorRef"));
        }
    }

    static void currency(ObjectNode r, JsonNode document) {
        put(r, "currency", ref(document, "CurrencyRef"));
        QboValues.number(r, "currencyRate", document, "ExchangeRate");
    }
}
