package dev.bridgekeeper.connector.xero.emulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The double entry a posted document makes, as Xero's GET Journals shows it: one journal per document with
 * signed NetAmount per account (debit positive, credit negative), always summing to zero. Reports are then
 * sums of journal lines, so the balance sheet balances and the trial balance nets to zero by construction.
 */
final class JournalPosting {

    static final String RECEIVABLES = "610";
    static final String PAYABLES = "800";
    static final String SALES_TAX = "820";

    private JournalPosting() {}

    /** Whether a document in this state has posted to the ledger (drafts and deletions have not). */
    static boolean posts(JsonNode record) {
        String status = record.path("Status").asString("");
        if (record.has("ManualJournalID")) {
            return status.equals("POSTED");
        }
        if (record.has("BankTransferID")) {
            return !status.equals("DELETED");
        }
        return status.equals("AUTHORISED") || status.equals("PAID");
    }

    static String sourceId(JsonNode record) {
        for (String field : List.of("InvoiceID", "CreditNoteID", "PaymentID", "BankTransactionID", "BankTransferID",
                "ManualJournalID")) {
            if (record.has(field)) {
                return record.path(field).asString();
            }
        }
        return "";
    }

    /** The journal a posted document makes; null when it cannot be posted against this chart of accounts. */
    static ObjectNode journalFor(JsonNode doc, Ledger ledger) {
        Map<String, BigDecimal[]> lines = new LinkedHashMap<>();
        String sourceType;
        if (doc.has("InvoiceID")) {
            boolean sale = doc.path("Type").asString("").equals("ACCREC");
            sourceType = sale ? "ACCREC" : "ACCPAY";
            postDocument(lines, doc, sale ? RECEIVABLES : PAYABLES, sale);
        } else if (doc.has("CreditNoteID")) {
            boolean sale = doc.path("Type").asString("").equals("ACCRECCREDIT");
            sourceType = sale ? "ACCRECCREDIT" : "ACCPAYCREDIT";
            postDocument(lines, doc, sale ? RECEIVABLES : PAYABLES, !sale);
        } else if (doc.has("PaymentID")) {
            boolean received = doc.path("PaymentType").asString("").equals("ACCRECPAYMENT");
            sourceType = received ? "ACCRECPAYMENT" : "ACCPAYPAYMENT";
            BigDecimal amount = money(doc.path("Amount"));
            String bank = doc.path("Account").path("Code").asString("");
            add(lines, bank, received ? amount : amount.negate(), BigDecimal.ZERO);
            add(lines, received ? RECEIVABLES : PAYABLES, received ? amount.negate() : amount, BigDecimal.ZERO);
        } else if (doc.has("BankTransactionID")) {
            boolean receive = doc.path("Type").asString("").startsWith("RECEIVE");
            sourceType = receive ? "CASHREC" : "CASHPAID";
            postDocument(lines, doc, doc.path("BankAccount").path("Code").asString(""), receive);
        } else if (doc.has("BankTransferID")) {
            sourceType = "TRANSFER";
            BigDecimal amount = money(doc.path("Amount"));
            add(lines, doc.path("ToBankAccount").path("Code").asString(""), amount, BigDecimal.ZERO);
            add(lines, doc.path("FromBankAccount").path("Code").asString(""), amount.negate(), BigDecimal.ZERO);
        } else if (doc.has("ManualJournalID")) {
            sourceType = "MANJOURNAL";
            for (JsonNode line : doc.path("JournalLines")) {
                add(lines, line.path("AccountCode").asString(""), money(line.path("LineAmount")), BigDecimal.ZERO);
            }
        } else {
            return null;
        }
        if (lines.isEmpty() || lines.keySet().stream().anyMatch(code -> ledger.accountByCode(code) == null)) {
            return null;
        }
        BigDecimal sum = lines.values().stream().map(v -> v[0]).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.signum() != 0) {
            return null;
        }
        ObjectNode journal = Ledger.object();
        journal.put("JournalDate", doc.path("Date").asString(""));
        journal.put("Reference", referenceOf(doc));
        journal.put("SourceID", sourceId(doc));
        journal.put("SourceType", sourceType);
        ArrayNode out = journal.putArray("JournalLines");
        String description = doc.path("Contact").path("Name").asString(doc.path("Narration").asString(""));
        lines.forEach((code, amounts) -> out.add(line(ledger.accountByCode(code), amounts[0], amounts[1], description,
                sourceId(doc) + code)));
        return journal;
    }

    /** Lines of a document with LineItems: each line's account and the tax account one side, the control account the other. */
    private static void postDocument(Map<String, BigDecimal[]> lines, JsonNode doc, String control, boolean creditLines) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (JsonNode item : doc.path("LineItems")) {
            BigDecimal net = money(item.path("LineAmount"));
            BigDecimal itemTax = money(item.path("TaxAmount"));
            add(lines, item.path("AccountCode").asString(""), creditLines ? net.negate() : net,
                    creditLines ? itemTax.negate() : itemTax);
            total = total.add(net).add(itemTax);
            tax = tax.add(itemTax);
        }
        if (tax.signum() != 0) {
            add(lines, SALES_TAX, creditLines ? tax.negate() : tax, BigDecimal.ZERO);
        }
        if (total.signum() != 0) {
            add(lines, control, creditLines ? total : total.negate(), BigDecimal.ZERO);
        }
    }

    /** The sum of several journals' lines per account (null when they net to nothing). */
    static ObjectNode netOf(List<ObjectNode> journals) {
        Map<String, ObjectNode> byAccount = new LinkedHashMap<>();
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        for (ObjectNode journal : journals) {
            for (JsonNode line : journal.path("JournalLines")) {
                String code = line.path("AccountCode").asString("");
                byAccount.putIfAbsent(code, (ObjectNode) line);
                add(sums, code, money(line.path("NetAmount")), money(line.path("TaxAmount")));
            }
        }
        if (sums.values().stream().allMatch(v -> v[0].signum() == 0)) {
            return null;
        }
        ObjectNode net = Ledger.object();
        ArrayNode out = net.putArray("JournalLines");
        sums.forEach((code, amounts) -> {
            ObjectNode line = byAccount.get(code).deepCopy();
            line.put("NetAmount", amounts[0]);
            line.put("TaxAmount", amounts[1]);
            line.put("GrossAmount", amounts[0].add(amounts[1]));
            out.add(line);
        });
        return net;
    }

    /** A journal undoing {@code net}, dated like the changed document. */
    static ObjectNode reversal(ObjectNode net, String sourceId, JsonNode changed) {
        ObjectNode journal = Ledger.object();
        journal.put("JournalDate", changed.path("Date").asString(""));
        journal.put("Reference", referenceOf(changed));
        journal.put("SourceID", sourceId);
        journal.put("SourceType", sourceTypeOf(changed));
        ArrayNode out = journal.putArray("JournalLines");
        int n = 0;
        for (JsonNode line : net.path("JournalLines")) {
            ObjectNode reversed = ((ObjectNode) line).deepCopy();
            reversed.put("JournalLineID", UUID.nameUUIDFromBytes((sourceId + "/reversal/" + changed
                    .path("UpdatedDateUTC").asString("") + "/" + n++).getBytes()).toString());
            reversed.put("NetAmount", money(line.path("NetAmount")).negate());
            reversed.put("TaxAmount", money(line.path("TaxAmount")).negate());
            reversed.put("GrossAmount", money(line.path("GrossAmount")).negate());
            out.add(reversed);
        }
        return journal;
    }

    private static String sourceTypeOf(JsonNode doc) {
        if (doc.has("InvoiceID")) {
            return doc.path("Type").asString("ACCREC");
        }
        if (doc.has("CreditNoteID")) {
            return doc.path("Type").asString("ACCRECCREDIT");
        }
        if (doc.has("PaymentID")) {
            return doc.path("PaymentType").asString("ACCRECPAYMENT");
        }
        if (doc.has("BankTransactionID")) {
            return doc.path("Type").asString("").startsWith("RECEIVE") ? "CASHREC" : "CASHPAID";
        }
        return doc.has("BankTransferID") ? "TRANSFER" : "MANJOURNAL";
    }

    private static String referenceOf(JsonNode doc) {
        for (String field : List.of("Reference", "InvoiceNumber", "CreditNoteNumber", "Narration")) {
            String value = doc.path(field).asString("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static ObjectNode line(JsonNode account, BigDecimal net, BigDecimal tax, String description, String seed) {
        ObjectNode line = Ledger.object();
        line.put("JournalLineID", UUID.nameUUIDFromBytes(seed.getBytes()).toString());
        line.put("AccountID", account.path("AccountID").asString(""));
        line.put("AccountCode", account.path("Code").asString(""));
        line.put("AccountType", account.path("Type").asString(""));
        line.put("AccountName", account.path("Name").asString(""));
        line.put("Description", description);
        line.put("NetAmount", net);
        line.put("GrossAmount", net.add(tax));
        line.put("TaxAmount", tax);
        line.putArray("TrackingCategories");
        return line;
    }

    private static void add(Map<String, BigDecimal[]> lines, String code, BigDecimal net, BigDecimal tax) {
        BigDecimal[] sum = lines.computeIfAbsent(code, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(net);
        sum[1] = sum[1].add(tax);
    }

    static BigDecimal money(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (node.isNumber()) {
            return node.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP);
        }
        String text = node.asString("");
        return text.isBlank() ? BigDecimal.ZERO.setScale(2) : new BigDecimal(text).setScale(2,
                java.math.RoundingMode.HALF_UP);
    }
}
