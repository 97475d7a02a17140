package dev.bridgekeeper.connector.xero;

import static dev.bridgekeeper.connector.xero.XeroMapping.decimal;
import static dev.bridgekeeper.connector.xero.XeroMapping.number;
import static dev.bridgekeeper.connector.xero.XeroMapping.put;
import static dev.bridgekeeper.connector.xero.XeroMapping.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code accountTransactions}: every movement of money in or out of one of the organisation's bank accounts
 * ({@code banks}: Accounts of Type BANK, credit cards and PayPal included), from the records that make one, each
 * against the account Xero names: Payments (into or out of Account, by PaymentType), BankTransactions (RECEIVE*
 * in, SPEND* out, of BankAccount) and BankTransfers (one record per side: out of FromBankAccount, into
 * ToBankAccount). A payment to an account that is no bank account (Xero lets payments go to any account with
 * payments enabled) moves no bank money and is left out. The -TRANSFER bank transactions are left out too: they are
 * the two sides of a BankTransfer, read as such. Ids are Xero's: the PaymentID, the BankTransactionID, and for a
 * transfer the ids Xero gives its two sides (FromBankTransactionID, ToBankTransactionID). Each record has one line,
 * referring to the record the money belongs to.
 */
final class XeroAccountTransactions {

    /** Payment types whose money leaves the bank: bill payments and refunds to customers. */
    private static final Set<String> PAID_OUT = Set.of("ACCPAYPAYMENT", "ARCREDITPAYMENT", "AROVERPAYMENTPAYMENT",
            "ARPREPAYMENTPAYMENT");

    private final JsonMapper json;
    private final XeroMapping mapping;
    private final Map<String, String> banks;

    /** @param banks the organisation's bank accounts: AccountID → Name */
    XeroAccountTransactions(JsonMapper json, XeroMapping mapping, Map<String, String> banks) {
        this.json = json;
        this.mapping = mapping;
        this.banks = Collections.unmodifiableMap(new HashMap<>(banks)); // a bank may have no name: null values
    }

    /**
     * A payment (receivable: a {@code payments} record, else a {@code billPayments} one) as money into or out of
     * its Account; none when the account is no bank account.
     */
    List<ConnectorRecord> payment(JsonNode p, boolean receivable) {
        String id = text(p, "PaymentID");
        JsonNode document = text(p.path("Invoice"), "InvoiceID") != null ? p.path("Invoice") : p.path("CreditNote");
        String type = String.valueOf(text(p, "PaymentType")).toUpperCase(Locale.ROOT);
        BigDecimal amount = decimal(p, "Amount");
        BigDecimal signed = PAID_OUT.contains(type) ? amount.negate() : amount;
        return movement(id, id, p, p.path("Account"), text(document, "CurrencyCode"), signed,
                receivable ? "payments" : "billPayments", id, XeroDates.instant(text(p, "UpdatedDateUTC")),
                reconciled(p.path("IsReconciled")));
    }

    /**
     * A spend-money or receive-money transaction (or a prepayment or overpayment made with one) as money out of or
     * into its BankAccount. The line refers to the {@code directCosts} or {@code directIncomes} record of a SPEND or
     * RECEIVE; a prepayment or overpayment is no direct cost or income, so its line refers to the
     * {@code bankTransactions} record. None for the sides of a transfer (RECEIVE-TRANSFER, SPEND-TRANSFER).
     */
    List<ConnectorRecord> bankTransaction(JsonNode bt) {
        String type = String.valueOf(text(bt, "Type")).toUpperCase(Locale.ROOT);
        if (type.endsWith("-TRANSFER")) {
            return List.of();
        }
        String id = text(bt, "BankTransactionID");
        BigDecimal total = decimal(bt, "Total");
        boolean in = type.startsWith("RECEIVE");
        String dataType = switch (type) {
            case "RECEIVE" -> "directIncomes";
            case "SPEND" -> "directCosts";
            default -> "bankTransactions";
        };
        return movement(id, id, bt, bt.path("BankAccount"), text(bt, "CurrencyCode"), in ? total : total.negate(),
                dataType, id, XeroDates.instant(text(bt, "UpdatedDateUTC")), reconciled(bt.path("IsReconciled")));
    }

    /**
     * A transfer's two sides: Amount out of FromBankAccount, into ToBankAccount. Xero states the amount once, in the
     * sending account's currency, so the receiving side carries that currency too.
     */
    List<ConnectorRecord> transfer(JsonNode t) {
        String id = text(t, "BankTransferID");
        BigDecimal amount = decimal(t, "Amount");
        JsonNode from = t.path("FromBankAccount");
        String currency = text(from, "CurrencyCode");
        // BankTransfers carry no UpdatedDateUTC: a transfer cannot be edited, only deleted
        Instant created = XeroDates.instant(text(t, "CreatedDateUTC"));
        List<ConnectorRecord> sides = new ArrayList<>(2);
        sides.addAll(movement(side(t, "FromBankTransactionID", id + "-from"), id, t, from, currency,
                amount.negate(), "transfers", id, created, reconciled(t.path("FromIsReconciled"))));
        sides.addAll(movement(side(t, "ToBankTransactionID", id + "-to"), id, t, t.path("ToBankAccount"), currency,
                amount, "transfers", id, created, reconciled(t.path("ToIsReconciled"))));
        return sides;
    }

    private static String side(JsonNode transfer, String field, String otherwise) {
        String id = text(transfer, field);
        return id != null ? id : otherwise;
    }

    private static String reconciled(JsonNode flag) {
        return flag.isMissingNode() || flag.isNull() ? "Unknown" : flag.asBoolean(false) ? "Reconciled"
                : "Unreconciled";
    }

    /**
     * The record {@code id} of {@code amount} (positive in, negative out) moving through {@code account}, or none
     * when that is no bank account. VOIDED: status Void, kept; DELETED: Void and flagged deleted.
     */
    private List<ConnectorRecord> movement(String id, String transactionId, JsonNode source, JsonNode account,
            String currency, BigDecimal amount, String dataType, String recordId, Instant updated,
            String reconciled) {
        String bank = text(account, "AccountID");
        if (bank == null || !banks.containsKey(bank)) {
            return List.of();
        }
        ObjectNode r = json.createObjectNode();
        r.put("id", id);
        r.put("transactionId", transactionId);
        put(r, "note", text(source, "Reference"));
        ObjectNode bankRef = r.putObject("bankAccountRef").put("id", bank);
        put(bankRef, "name", banks.get(bank) != null ? banks.get(bank) : text(account, "Name"));
        put(r, "date", XeroDates.date(XeroDates.instant(text(source, "Date"))));
        String status = String.valueOf(text(source, "Status")).toUpperCase(Locale.ROOT);
        boolean deleted = "DELETED".equals(status);
        r.put("status", deleted || "VOIDED".equals(status) ? "Void" : reconciled);
        put(r, "currency", currency);
        number(r, "currencyRate", source, "CurrencyRate");
        ObjectNode line = r.putArray("lines").addObject();
        line.putObject("recordRef").put("id", recordId).put("dataType", dataType);
        line.put("amount", amount);
        r.put("totalAmount", amount);
        return List.of(mapping.record(id, r, updated, deleted));
    }
}
