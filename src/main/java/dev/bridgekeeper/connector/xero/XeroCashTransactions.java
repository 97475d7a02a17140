package dev.bridgekeeper.connector.xero;

import static dev.bridgekeeper.connector.xero.XeroMapping.decimal;
import static dev.bridgekeeper.connector.xero.XeroMapping.number;
import static dev.bridgekeeper.connector.xero.XeroMapping.put;
import static dev.bridgekeeper.connector.xero.XeroMapping.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's spend-money and receive-money transactions as Codat's {@code directCosts} and {@code directIncomes}: money
 * that leaves or enters a bank account without going through accounts payable or receivable. Only Type SPEND and
 * RECEIVE: the -PREPAYMENT and -OVERPAYMENT variants are credit held against a contact (allocated to bills and
 * invoices later, so they are not direct), the -TRANSFER ones are the two sides of a bank transfer
 * ({@code transfers}). Read from the same BankTransactions pages as {@code bankTransactions}, filtered here.
 */
final class XeroCashTransactions {

    private final JsonMapper json;
    private final XeroMapping mapping;

    XeroCashTransactions(JsonMapper json, XeroMapping mapping) {
        this.json = json;
        this.mapping = mapping;
    }

    /** A {@code directCosts} record from a SPEND transaction; null for any other. */
    ConnectorRecord directCost(JsonNode bt) {
        return direct(bt, "SPEND", "suppliers");
    }

    /** A {@code directIncomes} record from a RECEIVE transaction; null for any other. */
    ConnectorRecord directIncome(JsonNode bt) {
        return direct(bt, "RECEIVE", "customers");
    }

    private ConnectorRecord direct(JsonNode bt, String type, String contactDataType) {
        if (!type.equalsIgnoreCase(String.valueOf(text(bt, "Type")))) {
            return null;
        }
        ObjectNode r = json.createObjectNode();
        String id = text(bt, "BankTransactionID");
        r.put("id", id);
        put(r, "reference", text(bt, "Reference"));
        String contactId = text(bt.path("Contact"), "ContactID");
        if (contactId != null) {
            r.putObject("contactRef").put("id", contactId).put("dataType", contactDataType);
        }
        String date = XeroDates.date(XeroDates.instant(text(bt, "Date")));
        r.put("issueDate", date);
        put(r, "currency", text(bt, "CurrencyCode"));
        number(r, "currencyRate", bt, "CurrencyRate");
        ArrayNode lines = r.putArray("lineItems");
        boolean inclusive = "Inclusive".equalsIgnoreCase(text(bt, "LineAmountTypes"));
        for (JsonNode line : bt.path("LineItems")) {
            lines.add(mapping.lineItem(line, inclusive));
        }
        // the whole amount is paid at once, from (or into) the transaction's bank account
        ObjectNode allocation = r.putArray("paymentAllocations").addObject();
        ObjectNode payment = allocation.putObject("payment");
        JsonNode bank = bt.path("BankAccount");
        if (text(bank, "AccountID") != null) {
            ObjectNode ref = payment.putObject("accountRef").put("id", text(bank, "AccountID"));
            put(ref, "name", text(bank, "Name") != null ? text(bank, "Name") : text(bank, "Code"));
        }
        put(payment, "currency", text(bt, "CurrencyCode"));
        number(payment, "currencyRate", bt, "CurrencyRate");
        payment.put("paidOnDate", date);
        payment.put("totalAmount", decimal(bt, "Total"));
        ObjectNode allocated = allocation.putObject("allocation");
        put(allocated, "currency", text(bt, "CurrencyCode"));
        number(allocated, "currencyRate", bt, "CurrencyRate");
        allocated.put("allocatedOnDate", date);
        allocated.put("totalAmount", decimal(bt, "Total"));
        r.put("subTotal", decimal(bt, "SubTotal"));
        r.put("taxAmount", decimal(bt, "TotalTax"));
        r.put("totalAmount", decimal(bt, "Total"));
        String status = String.valueOf(text(bt, "Status")).toUpperCase(Locale.ROOT);
        // Codat's direct costs and incomes have no status: a voided one is flagged deleted, as a deleted one
        return mapping.record(id, r, XeroDates.instant(text(bt, "UpdatedDateUTC")),
                "DELETED".equals(status) || "VOIDED".equals(status));
    }
}
