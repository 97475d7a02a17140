package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.decimal;
import static dev.bridgekeeper.connector.quickbooks.QboValues.has;
import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.ref;
import static dev.bridgekeeper.connector.quickbooks.QboValues.refName;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * QuickBooks' transactions in Codat's standard model (docs/connectors/quickbooks-online.md has the table): Invoice →
 * invoices, CreditMemo → creditNotes, Bill → bills, VendorCredit → billCreditNotes, Payment → payments, BillPayment → billPayments, JournalEntry →
 * journalEntries. Amounts are QuickBooks' (the company's currency unless {@code CurrencyRef} says otherwise);
 * a document's status follows its open {@code Balance}; subtotal lines, which repeat the sum, are left out.
 */
final class QboTransactions {

    private final QboRecords records;

    QboTransactions(QboRecords records) {
        this.records = records;
    }

    /** {@code invoices} from {@code Invoice}. */
    ConnectorRecord invoice(JsonNode inv) {
        ObjectNode r = header(inv);
        put(r, "invoiceNumber", text(inv, "DocNumber"));
        customerRef(r, inv);
        r.put("issueDate", QboValues.date(text(inv, "TxnDate")));
        put(r, "dueDate", QboValues.date(text(inv, "DueDate")));
        currency(r, inv);
        BigDecimal discount = salesLines(r, inv);
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
        put(r, "note", text(inv, "PrivateNote"));
        return records.record(text(inv, "Id"), r, inv);
    }

    /** {@code creditNotes} from {@code CreditMemo} (the customer side; VendorCredit is the supplier's). */
    ConnectorRecord creditNote(JsonNode memo) {
        ObjectNode r = header(memo);
        put(r, "creditNoteNumber", text(memo, "DocNumber"));
        customerRef(r, memo);
        BigDecimal discount = salesLines(r, memo);
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
        currency(r, memo);
        put(r, "note", text(memo, "PrivateNote"));
        return records.record(text(memo, "Id"), r, memo);
    }

    /** {@code bills} from {@code Bill}. */
    ConnectorRecord bill(JsonNode bill) {
        ObjectNode r = header(bill);
        put(r, "reference", text(bill, "DocNumber"));
        supplierRef(r, bill);
        r.put("issueDate", QboValues.date(text(bill, "TxnDate")));
        put(r, "dueDate", QboValues.date(text(bill, "DueDate")));
        currency(r, bill);
        expenseLines(r, bill, true);
        BigDecimal total = decimal(bill, "TotalAmt");
        BigDecimal tax = decimal(bill.path("TxnTaxDetail"), "TotalTax");
        BigDecimal balance = decimal(bill, "Balance");
        r.put("status", balance.signum() == 0 ? "Paid" : balance.compareTo(total) < 0 ? "PartiallyPaid" : "Open");
        r.put("subTotal", total.subtract(tax));
        r.put("taxAmount", tax);
        r.put("totalAmount", total);
        r.put("amountDue", balance);
        put(r, "note", text(bill, "PrivateNote"));
        return records.record(text(bill, "Id"), r, bill);
    }

    /** {@code billCreditNotes} from {@code VendorCredit} (the supplier side; CreditMemo is the customer's). */
    ConnectorRecord billCreditNote(JsonNode credit) {
        ObjectNode r = header(credit);
        put(r, "billCreditNoteNumber", text(credit, "DocNumber"));
        supplierRef(r, credit);
        expenseLines(r, credit, false);
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
        currency(r, credit);
        put(r, "note", text(credit, "PrivateNote"));
        return records.record(text(credit, "Id"), r, credit);
    }

    /** {@code payments} from {@code Payment}: each line pays the invoices (or uses the credit notes) it links. */
    ConnectorRecord payment(JsonNode p) {
        ObjectNode r = header(p);
        customerRef(r, p);
        QboLists.accountRef(r, p, "DepositToAccountRef");
        if (ref(p, "PaymentMethodRef") != null) {
            ObjectNode method = r.putObject("paymentMethodRef").put("id", ref(p, "PaymentMethodRef"));
            put(method, "name", refName(p, "PaymentMethodRef"));
        }
        r.put("totalAmount", decimal(p, "TotalAmt"));
        currency(r, p);
        r.put("date", QboValues.date(text(p, "TxnDate")));
        put(r, "note", text(p, "PrivateNote"));
        put(r, "reference", text(p, "PaymentRefNum"));
        ArrayNode lines = r.putArray("lines");
        for (JsonNode line : p.path("Line")) {
            ObjectNode out = lines.addObject().put("amount", decimal(line, "Amount"));
            ArrayNode links = out.putArray("links");
            for (JsonNode linked : line.path("LinkedTxn")) {
                String type = switch (String.valueOf(text(linked, "TxnType"))) {
                    case "Invoice" -> "Invoice";
                    case "CreditMemo" -> "CreditNote";
                    case "JournalEntry" -> "ManualJournal";
                    default -> "Other";
                };
                // the document's side of the allocation: paying an invoice reduces what it is owed
                links.addObject().put("type", type).put("id", text(linked, "TxnId"))
                        .put("amount", decimal(line, "Amount").negate());
            }
            put(out, "allocatedOnDate", QboValues.date(text(p, "TxnDate")));
        }
        if (decimal(p, "UnappliedAmt").signum() != 0) {
            ObjectNode unapplied = lines.addObject().put("amount", decimal(p, "UnappliedAmt"));
            unapplied.putArray("links").addObject().put("type", "PaymentOnAccount");
        }
        return records.record(text(p, "Id"), r, p);
    }

    /** {@code billPayments} from {@code BillPayment}: paid from a bank (Check) or a credit card (CreditCard). */
    ConnectorRecord billPayment(JsonNode p) {
        ObjectNode r = header(p);
        supplierRef(r, p);
        if ("CreditCard".equals(text(p, "PayType"))) {
            QboLists.accountRef(r, p.path("CreditCardPayment"), "CCAccountRef");
        } else {
            QboLists.accountRef(r, p.path("CheckPayment"), "BankAccountRef");
        }
        r.put("totalAmount", decimal(p, "TotalAmt"));
        currency(r, p);
        r.put("date", QboValues.date(text(p, "TxnDate")));
        put(r, "note", text(p, "PrivateNote"));
        put(r, "reference", text(p, "DocNumber"));
        ArrayNode lines = r.putArray("lines");
        for (JsonNode line : p.path("Line")) {
            ObjectNode out = lines.addObject().put("amount", decimal(line, "Amount"));
            ArrayNode links = out.putArray("links");
            for (JsonNode linked : line.path("LinkedTxn")) {
                String type = switch (String.valueOf(text(linked, "TxnType"))) {
                    case "Bill" -> "Bill";
                    case "VendorCredit" -> "CreditNote";
                    case "JournalEntry" -> "ManualJournal";
                    default -> "Other";
                };
                links.addObject().put("type", type).put("id", text(linked, "TxnId"))
                        .put("amount", decimal(line, "Amount").negate());
            }
            put(out, "allocatedOnDate", QboValues.date(text(p, "TxnDate")));
        }
        return records.record(text(p, "Id"), r, p);
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

    /** Sales lines (items, and the lines of groups); answers the discount lines' total. */
    private BigDecimal salesLines(ObjectNode r, JsonNode document) {
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

    private ObjectNode salesLine(JsonNode line) {
        JsonNode detail = line.path("SalesItemLineDetail");
        ObjectNode l = records.object();
        put(l, "description", text(line, "Description"));
        BigDecimal amount = decimal(line, "Amount");
        l.put("unitAmount", has(detail, "UnitPrice") ? decimal(detail, "UnitPrice") : amount);
        l.put("quantity", has(detail, "Qty") ? decimal(detail, "Qty") : BigDecimal.ONE);
        l.put("subTotal", amount);
        l.put("totalAmount", amount);
        QboLists.accountRef(l, detail, "ItemAccountRef");
        taxRateRef(l, detail);
        if (ref(detail, "ItemRef") != null) {
            ObjectNode item = l.putObject("itemRef").put("id", ref(detail, "ItemRef"));
            put(item, "name", refName(detail, "ItemRef"));
        }
        trackingRefs(l, detail);
        return l;
    }

    /** Expense lines into {@code lineItems} (bills number their lines; bill credit notes have no line number). */
    private void expenseLines(ObjectNode r, JsonNode document, boolean numbered) {
        ArrayNode lines = r.putArray("lineItems");
        for (JsonNode line : document.path("Line")) {
            ObjectNode item = expenseLine(line, numbered);
            if (item != null) {
                lines.add(item);
            }
        }
    }

    /** An expense line: account based (an expense account) or item based (an item, its quantity and price). */
    private ObjectNode expenseLine(JsonNode line, boolean numbered) {
        String type = String.valueOf(text(line, "DetailType"));
        JsonNode detail = line.path(type);
        if (!"AccountBasedExpenseLineDetail".equals(type) && !"ItemBasedExpenseLineDetail".equals(type)) {
            return null;
        }
        ObjectNode l = records.object();
        if (numbered) {
            put(l, "lineNumber", text(line, "LineNum") != null ? text(line, "LineNum") : text(line, "Id"));
        }
        put(l, "description", text(line, "Description"));
        BigDecimal amount = decimal(line, "Amount");
        l.put("unitAmount", has(detail, "UnitPrice") ? decimal(detail, "UnitPrice") : amount);
        l.put("quantity", has(detail, "Qty") ? decimal(detail, "Qty") : BigDecimal.ONE);
        l.put("subTotal", amount);
        l.put("totalAmount", amount);
        QboLists.accountRef(l, detail, "AccountRef");
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

    private static void customerRef(ObjectNode r, JsonNode document) {
        String id = ref(document, "CustomerRef");
        if (id != null) {
            ObjectNode customer = r.putObject("customerRef").put("id", id);
            put(customer, "companyName", refName(document, "CustomerRef"));
        }
    }

    private static void supplierRef(ObjectNode r, JsonNode document) {
        String id = ref(document, "VendorRef");
        if (id != null) {
            ObjectNode supplier = r.putObject("supplierRef").put("id", id);
            put(supplier, "supplierName", refName(document, "VendorRef"));
        }
    }

    private static void currency(ObjectNode r, JsonNode document) {
        put(r, "currency", ref(document, "CurrencyRef"));
        QboValues.number(r, "currencyRate", document, "ExchangeRate");
    }

    /** QuickBooks keeps a voided document with zero amounts and "Voided" in its private note. */
    private static boolean voided(JsonNode document) {
        String note = text(document, "PrivateNote");
        return decimal(document, "TotalAmt").signum() == 0 && note != null && note.startsWith("Voided");
    }
}
