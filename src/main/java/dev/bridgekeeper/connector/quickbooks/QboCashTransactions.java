package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.decimal;
import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.ref;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Money that moves without an invoice or a bill, in Codat's standard model: Purchase (an expense paid on the spot by
 * cash, cheque or card) → directCosts; SalesReceipt (a sale paid on the spot), RefundReceipt (its refund, negative) and
 * the lines of a Deposit that link no other transaction → directIncomes; Transfer (between two
 * of the company's own accounts) → transfers. Each direct cost or income is paid in full on its date from (or into)
 * the account QuickBooks names, so it carries one payment allocation for its total.
 *
 * <p>A Purchase with {@code Credit: true} is a refund to a credit card, money coming back rather than going out: it
 * is not a direct cost and is left out (see docs/connectors/quickbooks-online.md).
 */
final class QboCashTransactions {

    /** Id prefixes of the direct incomes that are not sales receipts (whose ids are QuickBooks' own). */
    static final String REFUND_RECEIPT = "refundReceipt-";
    static final String DEPOSIT = "deposit-";

    private final QboRecords records;
    private final QboLines lines;

    QboCashTransactions(QboRecords records, QboLines lines) {
        this.records = records;
        this.lines = lines;
    }

    /** {@code directCosts} from {@code Purchase}; {@code null} (not this data type) for a card refund. */
    ConnectorRecord directCost(JsonNode purchase) {
        if (purchase.path("Credit").asBoolean(false)) {
            return null;
        }
        ObjectNode r = records.object().put("id", text(purchase, "Id"));
        put(r, "reference", text(purchase, "DocNumber"));
        put(r, "note", text(purchase, "PrivateNote"));
        JsonNode entity = purchase.path("EntityRef");
        String type = text(entity, "type");
        if (text(entity, "value") != null && ("Vendor".equals(type) || "Customer".equals(type))) {
            r.putObject("contactRef").put("id", text(entity, "value"))
                    .put("dataType", "Vendor".equals(type) ? "suppliers" : "customers");
        }
        lines.expenseLines(r, purchase, false);
        return direct(r, purchase, "AccountRef", decimal(purchase, "TotalAmt"), tax(purchase));
    }

    /** {@code directIncomes} from {@code SalesReceipt}; a discount is already netted off its total. */
    ConnectorRecord directIncome(JsonNode receipt) {
        ObjectNode r = receipt(receipt, "");
        return direct(r, receipt, "DepositToAccountRef", decimal(receipt, "TotalAmt"), tax(receipt));
    }

    /**
     * {@code directIncomes} from {@code RefundReceipt} (id {@code refundReceipt-<Id>}): money paid back on the spot
     * from DepositToAccountRef, so every amount is negative, as Codat has refund receipts.
     */
    ConnectorRecord refundReceipt(JsonNode refund) {
        ObjectNode r = receipt(refund, REFUND_RECEIPT);
        for (JsonNode line : r.path("lineItems")) {
            ObjectNode item = (ObjectNode) line;
            for (String field : List.of("unitAmount", "subTotal", "totalAmount")) {
                item.put(field, item.path(field).decimalValue().negate());
            }
        }
        return direct(r, refund, "DepositToAccountRef", decimal(refund, "TotalAmt").negate(), tax(refund).negate());
    }

    /**
     * {@code directIncomes} from a {@code Deposit} (id {@code deposit-<Id>}): its lines that link no other transaction
     * (DepositLineDetail: money not invoiced, interest) are income received into DepositToAccountRef. Lines linking a
     * Payment or SalesReceipt take money already counted (from Undeposited Funds) to the bank and are left out; a
     * deposit of only those is no direct income ({@code null}).
     */
    ConnectorRecord deposit(JsonNode deposit) {
        ObjectNode r = records.object().put("id", DEPOSIT + text(deposit, "Id"));
        put(r, "note", text(deposit, "PrivateNote"));
        ArrayNode items = r.putArray("lineItems");
        BigDecimal income = BigDecimal.ZERO;
        for (JsonNode line : deposit.path("Line")) {
            if (!line.path("LinkedTxn").isEmpty() || !line.path("DepositLineDetail").isObject()) {
                continue;
            }
            items.add(lines.depositLine(line));
            income = income.add(decimal(line, "Amount"));
            JsonNode entity = line.path("DepositLineDetail").path("Entity");
            String type = text(entity, "type");
            if (!r.has("contactRef") && text(entity, "value") != null
                    && ("Customer".equals(type) || "Vendor".equals(type))) {
                r.putObject("contactRef").put("id", text(entity, "value"))
                        .put("dataType", "Customer".equals(type) ? "customers" : "suppliers");
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        BigDecimal tax = tax(deposit);
        return direct(r, deposit, "DepositToAccountRef", income.add(tax), tax);
    }

    private ObjectNode receipt(JsonNode receipt, String prefix) {
        ObjectNode r = records.object().put("id", prefix + text(receipt, "Id"));
        put(r, "reference", text(receipt, "DocNumber"));
        put(r, "note", text(receipt, "PrivateNote"));
        if (ref(receipt, "CustomerRef") != null) {
            r.putObject("contactRef").put("id", ref(receipt, "CustomerRef")).put("dataType", "customers");
        }
        lines.salesLines(r, receipt);
        return r;
    }

    private static BigDecimal tax(JsonNode document) {
        return decimal(document.path("TxnTaxDetail"), "TotalTax");
    }

    /** {@code transfers} from {@code Transfer}: one amount, in the company's currency, leaves one account for another. */
    ConnectorRecord transfer(JsonNode t) {
        ObjectNode r = records.object().put("id", text(t, "Id"));
        put(r, "description", text(t, "PrivateNote"));
        put(r, "date", QboValues.date(text(t, "TxnDate")));
        BigDecimal amount = decimal(t, "Amount");
        String currency = ref(t, "CurrencyRef");
        side(r.putObject("from"), t, "FromAccountRef", currency, amount);
        side(r.putObject("to"), t, "ToAccountRef", currency, amount);
        return records.record(text(t, "Id"), r, t);
    }

    private static void side(ObjectNode side, JsonNode t, String field, String currency, BigDecimal amount) {
        if (ref(t, field) != null) { // Codat's reference here is a record reference: the account's id, no name
            side.putObject("accountRef").put("id", ref(t, field));
        }
        put(side, "currency", currency);
        side.put("amount", amount);
    }

    /**
     * The totals, and the one payment that settled the document in full on its date through {@code accountField};
     * the record's id is already in {@code r}.
     */
    private ConnectorRecord direct(ObjectNode r, JsonNode document, String accountField, BigDecimal total,
            BigDecimal tax) {
        String date = QboValues.date(text(document, "TxnDate"));
        put(r, "issueDate", date);
        QboLines.currency(r, document);
        r.put("subTotal", total.subtract(tax));
        r.put("taxAmount", tax);
        r.put("totalAmount", total);
        ObjectNode both = r.putArray("paymentAllocations").addObject();
        ObjectNode payment = both.putObject("payment");
        QboLists.accountRef(payment, document, accountField);
        put(payment, "currency", ref(document, "CurrencyRef"));
        put(payment, "paidOnDate", date);
        payment.put("totalAmount", total);
        ObjectNode allocation = both.putObject("allocation");
        put(allocation, "currency", ref(document, "CurrencyRef"));
        put(allocation, "allocatedOnDate", date);
        allocation.put("totalAmount", total);
        return records.record(r.path("id").asString(), r, document);
    }
}
