package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.decimal;
import static dev.bridgekeeper.connector.quickbooks.QboValues.has;
import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.ref;
import static dev.bridgekeeper.connector.quickbooks.QboValues.refName;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * QuickBooks' transactions in Codat's standard model (docs/connectors/quickbooks-online.md has the table): Invoice →
 * invoices, CreditMemo → creditNotes, Bill → bills, VendorCredit → billCreditNotes, Payment → payments, BillPayment → billPayments, JournalEntry →
 * journalEntries, PurchaseOrder → purchaseOrders. Amounts are QuickBooks' (the company's currency unless {@code CurrencyRef} says otherwise);
 * a document's status follows its open {@code Balance}; subtotal lines, which repeat the sum, are left out. Invoices
 * and bills name the payments that settle them in {@code paymentAllocations}.
 */
final class QboTransactions {

    private final QboRecords records;
    private final QboLines documentLines;

    QboTransactions(QboRecords records, QboLines lines) {
        this.records = records;
        this.documentLines = lines;
    }

    /** {@code invoices} from {@code Invoice}. */
    ConnectorRecord invoice(JsonNode inv) {
        ObjectNode r = header(inv);
        put(r, "invoiceNumber", text(inv, "DocNumber"));
        QboLines.customerRef(r, inv);
        r.put("issueDate", QboValues.date(text(inv, "TxnDate")));
        put(r, "dueDate", QboValues.date(text(inv, "DueDate")));
        QboLines.currency(r, inv);
        BigDecimal discount = documentLines.salesLines(r, inv);
        BigDecimal total = decimal(inv, "TotalAmt");
        BigDecimal tax = decimal(inv.path("TxnTaxDetail"), "TotalTax");
        if (discount.signum() != 0) {
            r.put("totalDiscount", discount);
        }
        r.put("subTotal", total.subtract(tax));
        r.put("totalTaxAmount", tax);
        r.put("totalAmount", total);
        BigDecimal balance = decimal(inv, "Balance");
        r.put("amountDue", balance);
        r.put("status", voided(inv) ? "Void" : balance.signum() == 0 ? "Paid"
                : balance.compareTo(total) < 0 ? "PartiallyPaid" : "Submitted");
        paymentAllocations(r, inv, total, balance, "Payment"::equals);
        put(r, "note", text(inv, "PrivateNote"));
        return records.record(text(inv, "Id"), r, inv);
    }

    /** {@code creditNotes} from {@code CreditMemo} (the customer side; VendorCredit is the supplier's). */
    ConnectorRecord creditNote(JsonNode memo) {
        ObjectNode r = header(memo);
        put(r, "creditNoteNumber", text(memo, "DocNumber"));
        QboLines.customerRef(r, memo);
        BigDecimal discount = documentLines.salesLines(r, memo);
        BigDecimal total = decimal(memo, "TotalAmt");
        BigDecimal tax = decimal(memo.path("TxnTaxDetail"), "TotalTax");
        r.put("totalAmount", total);
        r.put("totalDiscount", discount);
        r.put("subTotal", total.subtract(tax));
        r.put("totalTaxAmount", tax);
        r.put("discountPercentage", BigDecimal.ZERO);
        BigDecimal remaining = has(memo, "RemainingCredit") ? decimal(memo, "RemainingCredit")
                : decimal(memo, "Balance");
        r.put("remainingCredit", remaining);
        r.put("status", voided(memo) ? "Void" : remaining.signum() == 0 ? "Paid"
                : remaining.compareTo(total) < 0 ? "PartiallyPaid" : "Submitted");
        put(r, "issueDate", QboValues.date(text(memo, "TxnDate")));
        QboLines.currency(r, memo);
        put(r, "note", text(memo, "PrivateNote"));
        return records.record(text(memo, "Id"), r, memo);
    }

    /** {@code bills} from {@code Bill}. */
    ConnectorRecord bill(JsonNode bill) {
        ObjectNode r = header(bill);
        put(r, "reference", text(bill, "DocNumber"));
        QboLines.supplierRef(r, bill);
        r.put("issueDate", QboValues.date(text(bill, "TxnDate")));
        put(r, "dueDate", QboValues.date(text(bill, "DueDate")));
        QboLines.currency(r, bill);
        documentLines.expenseLines(r, bill, true);
        BigDecimal total = decimal(bill, "TotalAmt");
        BigDecimal tax = decimal(bill.path("TxnTaxDetail"), "TotalTax");
        BigDecimal balance = decimal(bill, "Balance");
        r.put("status", balance.signum() == 0 ? "Paid" : balance.compareTo(total) < 0 ? "PartiallyPaid" : "Open");
        r.put("subTotal", total.subtract(tax));
        r.put("taxAmount", tax);
        r.put("totalAmount", total);
        r.put("amountDue", balance);
        // Intuit's Bill reference: a bill links its payments as BillPaymentCheck (a card payment likewise BillPayment…)
        paymentAllocations(r, bill, total, balance, type -> type.startsWith("BillPayment"));
        put(r, "note", text(bill, "PrivateNote"));
        return records.record(text(bill, "Id"), r, bill);
    }

    /** {@code billCreditNotes} from {@code VendorCredit} (the supplier side; CreditMemo is the customer's). */
    ConnectorRecord billCreditNote(JsonNode credit) {
        ObjectNode r = header(credit);
        put(r, "billCreditNoteNumber", text(credit, "DocNumber"));
        QboLines.supplierRef(r, credit);
        documentLines.expenseLines(r, credit, false);
        BigDecimal total = decimal(credit, "TotalAmt");
        BigDecimal tax = decimal(credit.path("TxnTaxDetail"), "TotalTax");
        r.put("totalAmount", total);
        r.put("totalDiscount", BigDecimal.ZERO);
        r.put("subTotal", total.subtract(tax));
        r.put("totalTaxAmount", tax);
        r.put("discountPercentage", BigDecimal.ZERO);
        BigDecimal remaining = decimal(credit, "Balance");
        r.put("remainingCredit", remaining);
        r.put("status", remaining.signum() == 0 ? "Paid" : remaining.compareTo(total) < 0 ? "PartiallyPaid"
                : "Submitted");
        put(r, "issueDate", QboValues.date(text(credit, "TxnDate")));
        QboLines.currency(r, credit);
        put(r, "note", text(credit, "PrivateNote"));
        return records.record(text(credit, "Id"), r, credit);
    }

    /** {@code purchaseOrders} from {@code PurchaseOrder}: open until QuickBooks closes it (billed or closed by hand). */
    ConnectorRecord purchaseOrder(JsonNode po) {
        ObjectNode r = header(po);
        put(r, "purchaseOrderNumber", text(po, "DocNumber"));
        QboLines.supplierRef(r, po);
        put(r, "issueDate", QboValues.date(text(po, "TxnDate")));
        put(r, "expectedDeliveryDate", QboValues.date(text(po, "DueDate")));
        QboLines.currency(r, po);
        documentLines.expenseLines(r, po, false);
        BigDecimal total = decimal(po, "TotalAmt");
        BigDecimal tax = decimal(po.path("TxnTaxDetail"), "TotalTax");
        r.put("status", switch (String.valueOf(text(po, "POStatus"))) {
            case "Open" -> "Open";
            case "Closed" -> "Closed";
            default -> "Unknown";
        });
        r.put("totalDiscount", BigDecimal.ZERO);
        r.put("subTotal", total.subtract(tax));
        r.put("totalTaxAmount", tax);
        r.put("totalAmount", total);
        put(r, "note", text(po, "Memo") != null ? text(po, "Memo") : text(po, "PrivateNote"));
        return records.record(text(po, "Id"), r, po);
    }

    /** {@code payments} from {@code Payment}: each line pays the invoices (or uses the credit notes) it links. */
    ConnectorRecord payment(JsonNode p) {
        ObjectNode r = header(p);
        QboLines.customerRef(r, p);
        QboLists.accountRef(r, p, "DepositToAccountRef");
        if (ref(p, "PaymentMethodRef") != null) {
            ObjectNode method = r.putObject("paymentMethodRef").put("id", ref(p, "PaymentMethodRef"));
            put(method, "name", refName(p, "PaymentMethodRef"));
        }
        r.put("totalAmount", decimal(p, "TotalAmt"));
        QboLines.currency(r, p);
        r.put("date", QboValues.date(text(p, "TxnDate")));
        put(r, "note", text(p, "PrivateNote"));
        put(r, "reference", text(p, "PaymentRefNum"));
        ArrayNode lines = paymentLines(r, p, Map.of("Invoice", "Invoice", "CreditMemo", "CreditNote"));
        if (decimal(p, "UnappliedAmt").signum() != 0) {
            ObjectNode unapplied = lines.addObject().put("amount", decimal(p, "UnappliedAmt"));
            unapplied.putArray("links").addObject().put("type", "PaymentOnAccount");
        }
        return records.record(text(p, "Id"), r, p);
    }

    /** {@code billPayments} from {@code BillPayment}: paid from a bank (Check) or a credit card (CreditCard). */
    ConnectorRecord billPayment(JsonNode p) {
        ObjectNode r = header(p);
        QboLines.supplierRef(r, p);
        if ("CreditCard".equals(text(p, "PayType"))) {
            QboLists.accountRef(r, p.path("CreditCardPayment"), "CCAccountRef");
        } else {
            QboLists.accountRef(r, p.path("CheckPayment"), "BankAccountRef");
        }
        r.put("totalAmount", decimal(p, "TotalAmt"));
        QboLines.currency(r, p);
        r.put("date", QboValues.date(text(p, "TxnDate")));
        put(r, "note", text(p, "PrivateNote"));
        put(r, "reference", text(p, "DocNumber"));
        paymentLines(r, p, Map.of("Bill", "Bill", "VendorCredit", "CreditNote"));
        return records.record(text(p, "Id"), r, p);
    }

    /**
     * A payment's lines, each linked to the documents it settles ({@code types}: QuickBooks' TxnType to Codat's link
     * type; a journal entry is a manual journal, anything else Other). A link holds the document's side of the
     * allocation: paying an invoice reduces what it is owed, so its amount is the line's, negated.
     */
    private static ArrayNode paymentLines(ObjectNode r, JsonNode payment, Map<String, String> types) {
        ArrayNode lines = r.putArray("lines");
        for (JsonNode line : payment.path("Line")) {
            ObjectNode out = lines.addObject().put("amount", decimal(line, "Amount"));
            ArrayNode links = out.putArray("links");
            for (JsonNode linked : line.path("LinkedTxn")) {
                String txnType = String.valueOf(text(linked, "TxnType"));
                String type = "JournalEntry".equals(txnType) ? "ManualJournal" : types.getOrDefault(txnType, "Other");
                links.addObject().put("type", type).put("id", text(linked, "TxnId"))
                        .put("amount", decimal(line, "Amount").negate());
            }
            put(out, "allocatedOnDate", QboValues.date(text(payment, "TxnDate")));
        }
        return lines;
    }

    /**
     * {@code paymentAllocations} from the payments the document itself links ({@code LinkedTxn} of a type
     * {@code isPayment} accepts): each names its payment. QuickBooks keeps the amount a payment put against the
     * document on the payment's lines, not on the document; with one payment linked it is what the document no longer
     * owes (TotalAmt − Balance), with several the split is left out (the payments carry it in their lines) rather than
     * reading every payment again for each document.
     */
    private static void paymentAllocations(ObjectNode r, JsonNode document, BigDecimal total, BigDecimal balance,
            Predicate<String> isPayment) {
        List<String> payments = new ArrayList<>();
        for (JsonNode linked : document.path("LinkedTxn")) {
            String type = text(linked, "TxnType");
            if (type != null && isPayment.test(type) && text(linked, "TxnId") != null) {
                payments.add(text(linked, "TxnId"));
            }
        }
        ArrayNode allocations = r.putArray("paymentAllocations");
        String currency = ref(document, "CurrencyRef");
        for (String id : payments) {
            ObjectNode both = allocations.addObject();
            ObjectNode payment = both.putObject("payment").put("id", id);
            put(payment, "currency", currency);
            ObjectNode allocation = both.putObject("allocation");
            put(allocation, "currency", currency);
            if (payments.size() == 1) {
                allocation.put("totalAmount", total.subtract(balance));
            }
        }
    }

    /** {@code journalEntries} from {@code JournalEntry} (manual journals): debits positive, credits negative. */
    ConnectorRecord journalEntry(JsonNode j) {
        ObjectNode r = records.object();
        r.put("id", text(j, "Id"));
        put(r, "description", text(j, "PrivateNote"));
        put(r, "postedOn", QboValues.date(text(j, "TxnDate")));
        put(r, "createdOn", QboValues.timestamp(QboValues.created(j)));
        put(r, "updatedOn", QboValues.timestamp(QboValues.updated(j)));
        ArrayNode lines = r.putArray("journalLines");
        String currency = ref(j, "CurrencyRef");
        for (JsonNode line : j.path("Line")) {
            JsonNode detail = line.path("JournalEntryLineDetail");
            if (!detail.isObject()) {
                continue;
            }
            BigDecimal amount = decimal(line, "Amount");
            ObjectNode out = lines.addObject();
            put(out, "description", text(line, "Description"));
            out.put("netAmount", "Credit".equals(text(detail, "PostingType")) ? amount.negate() : amount);
            put(out, "currency", currency);
            QboLists.accountRef(out, detail, "AccountRef");
            JsonNode entity = detail.path("Entity");
            String contact = ref(entity, "EntityRef");
            String type = text(entity, "Type");
            if (contact != null && ("Customer".equals(type) || "Vendor".equals(type))) {
                out.putObject("contactRef").put("id", contact)
                        .put("dataType", "Customer".equals(type) ? "customers" : "suppliers");
            }
        }
        r.putObject("recordRef").put("id", text(j, "Id")).put("dataType", "journalEntries");
        return records.record(text(j, "Id"), r, j);
    }

    private ObjectNode header(JsonNode entity) {
        return records.object().put("id", text(entity, "Id"));
    }


    /** QuickBooks keeps a voided document with zero amounts and "Voided" in its private note. */
    private static boolean voided(JsonNode document) {
        String note = text(document, "PrivateNote");
        return decimal(document, "TotalAmt").signum() == 0 && note != null && note.startsWith("Voided");
    }
}
