package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.decimal;
import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.ref;
import static dev.bridgekeeper.connector.quickbooks.QboValues.refName;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code accountTransactions}: every movement of money in or out of one of the company's bank or credit card accounts
 * ({@code banks}), from the documents that make one, each against the account QuickBooks names: Payment (in, to
 * DepositToAccountRef), BillPayment (out, from the cheque's bank or the card), Purchase (out; in for a card refund),
 * SalesReceipt (in), RefundReceipt (out), Deposit (in) and Transfer (one record per side: out of FromAccountRef, into
 * ToAccountRef). A document whose account is no bank account (a payment into Undeposited Funds) moves no bank money
 * and is left out; its money reaches the bank through a Deposit. Ids are {@code <document>-<Id>}
 * ({@code transfer-<Id>-from}, {@code -to}); each line refers to the record the money belongs to.
 *
 * <p>Each movement is written by a {@link Form}: as Codat's account transaction ({@link #ACCOUNT_TRANSACTION}), or as
 * a line of its account's statement ({@code bankTransactions}, {@link QboBankTransactions#LINE}).
 */
final class QboAccountTransactions {

    /** Writes one movement of money into the record {@code r}, which already holds its id. */
    @FunctionalInterface
    interface Form {

        /**
         * @param document the QuickBooks document that moves the money
         * @param bank     the id of the bank or card account it moves through
         * @param bankName that account's name as the document names it, or null
         * @param amount   positive into the account, negative out of it
         * @param lines    Codat's account transaction lines: what the money belongs to
         */
        void write(ObjectNode r, JsonNode document, String bank, String bankName, BigDecimal amount,
                List<ObjectNode> lines);
    }

    /** Codat's account transaction: the account, the date, the total and the records the money belongs to. */
    static final Form ACCOUNT_TRANSACTION = (r, document, bank, bankName, amount, lines) -> {
        put(r, "transactionId", text(document, "Id"));
        put(r, "note", text(document, "PrivateNote"));
        ObjectNode bankRef = r.putObject("bankAccountRef").put("id", bank);
        put(bankRef, "name", bankName);
        put(r, "date", QboValues.date(text(document, "TxnDate")));
        r.put("status", "Unknown"); // QuickBooks' API has no cleared or reconciled flag on these documents
        QboLines.currency(r, document);
        ArrayNode out = r.putArray("lines");
        lines.forEach(out::add);
        r.put("totalAmount", amount);
    };

    private final QboRecords records;
    private final Set<String> banks;
    private final Form form;

    /** @param banks ids of the company's accounts of type Bank or Credit Card */
    QboAccountTransactions(QboRecords records, Set<String> banks, Form form) {
        this.records = records;
        this.banks = Set.copyOf(banks);
        this.form = form;
    }

    /** The entities in the order they are read, each with the same conditions its own data type's reader sends. */
    List<QboEntityReader.Source> sources() {
        return List.of(
                source("Payment", "payment-", this::payment),
                source("BillPayment", "billPayment-", this::billPayment),
                source("Purchase", "purchase-", this::purchase),
                source("SalesReceipt", "salesReceipt-", this::salesReceipt),
                source("RefundReceipt", QboCashTransactions.REFUND_RECEIPT, this::refundReceipt),
                source("Deposit", QboCashTransactions.DEPOSIT, this::deposit),
                new QboEntityReader.Source("Transfer", null, "TxnDate", this::transfer,
                        id -> List.of("transfer-" + id + "-from", "transfer-" + id + "-to")));
    }

    private static QboEntityReader.Source source(String entity, String prefix,
            Function<JsonNode, ConnectorRecord> mapper) {
        return new QboEntityReader.Source(entity, null, "TxnDate", mapper, prefix);
    }

    private ConnectorRecord payment(JsonNode p) {
        BigDecimal total = decimal(p, "TotalAmt");
        return movement("payment-" + text(p, "Id"), p, p, "DepositToAccountRef", total,
                line(null, "payments", text(p, "Id"), total));
    }

    private ConnectorRecord billPayment(JsonNode p) {
        boolean card = "CreditCard".equals(text(p, "PayType"));
        JsonNode from = card ? p.path("CreditCardPayment") : p.path("CheckPayment");
        BigDecimal total = decimal(p, "TotalAmt").negate();
        return movement("billPayment-" + text(p, "Id"), p, from, card ? "CCAccountRef" : "BankAccountRef", total,
                line(null, "billPayments", text(p, "Id"), total));
    }

    /** A purchase spends; one with {@code Credit: true} is a refund to a card (money in, and no direct cost). */
    private ConnectorRecord purchase(JsonNode p) {
        boolean refund = p.path("Credit").asBoolean(false);
        BigDecimal total = refund ? decimal(p, "TotalAmt") : decimal(p, "TotalAmt").negate();
        return movement("purchase-" + text(p, "Id"), p, p, "AccountRef", total,
                refund ? line("Card refund", null, null, total)
                : line(null, "directCosts", text(p, "Id"), total));
    }

    private ConnectorRecord salesReceipt(JsonNode r) {
        BigDecimal total = decimal(r, "TotalAmt");
        return movement("salesReceipt-" + text(r, "Id"), r, r, "DepositToAccountRef", total,
                line(null, "directIncomes", text(r, "Id"), total));
    }

    private ConnectorRecord refundReceipt(JsonNode r) {
        BigDecimal total = decimal(r, "TotalAmt").negate();
        return movement(QboCashTransactions.REFUND_RECEIPT + text(r, "Id"), r, r, "DepositToAccountRef", total,
                line(null, "directIncomes", QboCashTransactions.REFUND_RECEIPT + text(r, "Id"), total));
    }

    /** A deposit's lines: each deposited payment or sales receipt, and the money that is income of its own. */
    private ConnectorRecord deposit(JsonNode d) {
        List<ObjectNode> lines = new ArrayList<>();
        for (JsonNode line : d.path("Line")) {
            BigDecimal amount = decimal(line, "Amount");
            JsonNode linked = line.path("LinkedTxn").path(0);
            if (linked.isObject()) {
                String type = String.valueOf(text(linked, "TxnType"));
                String dataType = switch (type) {
                    case "Payment" -> "payments";
                    case "SalesReceipt" -> "directIncomes";
                    default -> null;
                };
                lines.add(line(dataType == null ? type : text(line, "Description"), dataType,
                        dataType == null ? null : text(linked, "TxnId"), amount));
            } else {
                lines.add(line(text(line, "Description"), "directIncomes", QboCashTransactions.DEPOSIT
                        + text(d, "Id"), amount));
            }
        }
        return movement(QboCashTransactions.DEPOSIT + text(d, "Id"), d, d, "DepositToAccountRef",
                decimal(d, "TotalAmt"),
                lines.toArray(ObjectNode[]::new));
    }

    private List<ConnectorRecord> transfer(JsonNode t) {
        BigDecimal amount = decimal(t, "Amount");
        String id = text(t, "Id");
        List<ConnectorRecord> sides = new ArrayList<>(2);
        ConnectorRecord from = movement("transfer-" + id + "-from", t, t, "FromAccountRef", amount.negate(),
                line(null, "transfers", id, amount.negate()));
        ConnectorRecord to = movement("transfer-" + id + "-to", t, t, "ToAccountRef", amount,
                line(null, "transfers", id, amount));
        if (from != null) {
            sides.add(from);
        }
        if (to != null) {
            sides.add(to);
        }
        return sides;
    }

    /**
     * The record {@code id} of money moving through {@code account.accountField} ({@code amount}: positive in,
     * negative out), or null when that account is not a bank or card account.
     */
    private ConnectorRecord movement(String id, JsonNode document, JsonNode account, String accountField,
            BigDecimal amount, ObjectNode... lines) {
        String bank = ref(account, accountField);
        if (bank == null || !banks.contains(bank)) {
            return null;
        }
        ObjectNode r = records.object().put("id", id);
        form.write(r, document, bank, refName(account, accountField), amount, List.of(lines));
        return records.record(id, r, document);
    }

    private ObjectNode line(String description, String dataType, String id, BigDecimal amount) {
        ObjectNode line = records.object();
        put(line, "description", description);
        if (dataType != null && id != null) {
            line.putObject("recordRef").put("id", id).put("dataType", dataType);
        }
        line.put("amount", amount);
        return line;
    }
}
