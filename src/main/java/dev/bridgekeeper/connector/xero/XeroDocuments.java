package dev.bridgekeeper.connector.xero;

import static dev.bridgekeeper.connector.xero.XeroMapping.decimal;
import static dev.bridgekeeper.connector.xero.XeroMapping.number;
import static dev.bridgekeeper.connector.xero.XeroMapping.put;
import static dev.bridgekeeper.connector.xero.XeroMapping.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's purchase and settlement documents in Codat's standard model: bills (Invoices of Type ACCPAY), credit notes
 * and bill credit notes (CreditNotes of Type ACCRECCREDIT and ACCPAYCREDIT), payments and bill payments (Payments,
 * by PaymentType) and purchase orders. DELETED records keep their content with {@code metadata.isDeleted}; VOIDED
 * ones are {@code Void}. docs/connectors/xero.md has the table this follows.
 */
final class XeroDocuments {

    /** Payment types that settle what customers owe (payments); the AP ones are bill payments. */
    static final Set<String> RECEIVABLE_PAYMENTS = Set.of("ACCRECPAYMENT", "ARCREDITPAYMENT",
            "AROVERPAYMENTPAYMENT", "ARPREPAYMENTPAYMENT");
    static final Set<String> PAYABLE_PAYMENTS = Set.of("ACCPAYPAYMENT", "APCREDITPAYMENT", "APOVERPAYMENTPAYMENT",
            "APPREPAYMENTPAYMENT");

    private final JsonMapper json;
    private final XeroMapping mapping;

    XeroDocuments(JsonMapper json, XeroMapping mapping) {
        this.json = json;
        this.mapping = mapping;
    }

    /** {@code bills} from {@code GET /Invoices} (Type ACCPAY). */
    ConnectorRecord bill(JsonNode inv) {
        ObjectNode r = json.createObjectNode();
        String id = text(inv, "InvoiceID");
        r.put("id", id);
        // a bill's InvoiceNumber is the supplier's reference for it
        put(r, "reference", text(inv, "InvoiceNumber"));
        supplierRef(r, inv.path("Contact"));
        r.put("issueDate", XeroDates.date(XeroDates.instant(text(inv, "Date"))));
        put(r, "dueDate", XeroDates.date(XeroDates.instant(text(inv, "DueDate"))));
        put(r, "currency", text(inv, "CurrencyCode"));
        number(r, "currencyRate", inv, "CurrencyRate");
        r.set("lineItems", lines(inv));
        String status = upper(inv, "Status");
        boolean paidSome = decimal(inv, "AmountPaid").signum() > 0 || decimal(inv, "AmountCredited").signum() > 0;
        r.put("status", switch (status) {
            case "DRAFT", "SUBMITTED" -> "Draft"; // SUBMITTED: awaiting approval, not yet owed
            case "AUTHORISED" -> paidSome ? "PartiallyPaid" : "Open";
            case "PAID" -> "Paid";
            case "VOIDED" -> "Void";
            default -> "Unknown";
        });
        r.put("subTotal", decimal(inv, "SubTotal"));
        r.put("taxAmount", decimal(inv, "TotalTax"));
        r.put("totalAmount", decimal(inv, "Total"));
        r.put("amountDue", decimal(inv, "AmountDue"));
        put(r, "note", text(inv, "Reference"));
        return mapping.record(id, r, XeroDates.instant(text(inv, "UpdatedDateUTC")), "DELETED".equals(status));
    }

    /** {@code creditNotes} (ACCRECCREDIT) or {@code billCreditNotes} (ACCPAYCREDIT) from {@code GET /CreditNotes}. */
    ConnectorRecord creditNote(JsonNode cn, boolean customer) {
        ObjectNode r = json.createObjectNode();
        String id = text(cn, "CreditNoteID");
        r.put("id", id);
        put(r, customer ? "creditNoteNumber" : "billCreditNoteNumber", text(cn, "CreditNoteNumber"));
        if (customer) {
            customerRef(r, cn.path("Contact"));
        } else {
            supplierRef(r, cn.path("Contact"));
        }
        BigDecimal total = decimal(cn, "Total");
        BigDecimal remaining = decimal(cn, "RemainingCredit");
        r.put("totalAmount", total);
        r.put("totalDiscount", decimal(cn, "TotalDiscount"));
        r.put("subTotal", decimal(cn, "SubTotal"));
        r.put("totalTaxAmount", decimal(cn, "TotalTax"));
        r.put("discountPercentage", BigDecimal.ZERO); // Xero discounts per line only
        r.put("remainingCredit", remaining);
        String status = upper(cn, "Status");
        r.put("status", switch (status) {
            case "DRAFT" -> "Draft";
            case "SUBMITTED" -> "Submitted";
            case "AUTHORISED" -> remaining.signum() == 0 ? "Paid"
                    : remaining.compareTo(total) < 0 ? "PartiallyPaid" : "Submitted";
            case "PAID" -> "Paid";
            case "VOIDED" -> "Void";
            default -> "Unknown";
        });
        put(r, "issueDate", XeroDates.date(XeroDates.instant(text(cn, "Date"))));
        put(r, "currency", text(cn, "CurrencyCode"));
        number(r, "currencyRate", cn, "CurrencyRate");
        r.set("lineItems", lines(cn));
        put(r, "note", text(cn, "Reference"));
        return mapping.record(id, r, XeroDates.instant(text(cn, "UpdatedDateUTC")), "DELETED".equals(status));
    }

    /**
     * {@code payments} or {@code billPayments} from {@code GET /Payments}: one line for the amount, linked to the
     * invoice, bill or credit note it settled (the link's amount is what it took off that document's balance).
     */
    ConnectorRecord payment(JsonNode p, boolean customer) {
        ObjectNode r = json.createObjectNode();
        String id = text(p, "PaymentID");
        r.put("id", id);
        JsonNode invoice = p.path("Invoice");
        JsonNode creditNote = p.path("CreditNote");
        JsonNode document = text(invoice, "InvoiceID") != null ? invoice : creditNote;
        if (customer) {
            customerRef(r, document.path("Contact"));
        } else {
            supplierRef(r, document.path("Contact"));
        }
        String accountId = text(p.path("Account"), "AccountID");
        if (accountId != null) {
            ObjectNode ref = r.putObject("accountRef").put("id", accountId);
            put(ref, "name", text(p.path("Account"), "Code"));
        }
        BigDecimal amount = decimal(p, "Amount");
        r.put("totalAmount", amount);
        put(r, "currency", text(document, "CurrencyCode"));
        number(r, "currencyRate", p, "CurrencyRate");
        r.put("date", XeroDates.date(XeroDates.instant(text(p, "Date"))));
        put(r, "reference", text(p, "Reference"));
        ObjectNode line = r.putArray("lines").addObject().put("amount", amount);
        ArrayNode links = line.putArray("links");
        // Xero puts a refunded credit note under CreditNote, or under Invoice with a credit Type (ACCRECCREDIT)
        boolean refund = text(creditNote, "CreditNoteID") != null
                || String.valueOf(text(invoice, "Type")).toUpperCase(Locale.ROOT).endsWith("CREDIT");
        String documentId = text(invoice, "InvoiceID") != null ? text(invoice, "InvoiceID")
                : text(creditNote, "CreditNoteID");
        if (documentId != null && refund) {
            // a refund of a credit note: the credit left on it goes down
            links.addObject().put("type", "CreditNote").put("id", documentId).put("amount", amount);
        } else if (documentId != null) {
            links.addObject().put("type", customer ? "Invoice" : "Bill").put("id", documentId)
                    .put("amount", amount.negate());
        }
        put(line, "allocatedOnDate", XeroDates.date(XeroDates.instant(text(p, "Date"))));
        String status = upper(p, "Status");
        return mapping.record(id, r, XeroDates.instant(text(p, "UpdatedDateUTC")), "DELETED".equals(status));
    }

    /** {@code purchaseOrders} from {@code GET /PurchaseOrders}. */
    ConnectorRecord purchaseOrder(JsonNode po) {
        ObjectNode r = json.createObjectNode();
        String id = text(po, "PurchaseOrderID");
        r.put("id", id);
        put(r, "purchaseOrderNumber", text(po, "PurchaseOrderNumber"));
        put(r, "issueDate", XeroDates.date(XeroDates.instant(text(po, "Date"))));
        // Xero's DeliveryDate is the date the goods are expected
        put(r, "expectedDeliveryDate", XeroDates.date(XeroDates.instant(text(po, "DeliveryDate"))));
        put(r, "note", text(po, "Reference"));
        supplierRef(r, po.path("Contact"));
        String status = upper(po, "Status");
        r.put("status", switch (status) {
            case "DRAFT", "SUBMITTED" -> "Draft";
            case "AUTHORISED" -> "Open";
            case "BILLED" -> "Closed";
            case "DELETED" -> "Void";
            default -> "Unknown";
        });
        put(r, "currency", text(po, "CurrencyCode"));
        number(r, "currencyRate", po, "CurrencyRate");
        r.set("lineItems", lines(po));
        r.put("totalDiscount", decimal(po, "TotalDiscount"));
        r.put("subTotal", decimal(po, "SubTotal"));
        r.put("totalTaxAmount", decimal(po, "TotalTax"));
        r.put("totalAmount", decimal(po, "Total"));
        return mapping.record(id, r, XeroDates.instant(text(po, "UpdatedDateUTC")), "DELETED".equals(status));
    }

    private ArrayNode lines(JsonNode document) {
        ArrayNode lines = json.createArrayNode();
        boolean inclusive = "Inclusive".equalsIgnoreCase(text(document, "LineAmountTypes"));
        for (JsonNode line : document.path("LineItems")) {
            lines.add(mapping.lineItem(line, inclusive));
        }
        return lines;
    }

    private static void supplierRef(ObjectNode r, JsonNode contact) {
        if (text(contact, "ContactID") != null) {
            ObjectNode ref = r.putObject("supplierRef").put("id", text(contact, "ContactID"));
            put(ref, "supplierName", text(contact, "Name"));
        }
    }

    private static void customerRef(ObjectNode r, JsonNode contact) {
        if (text(contact, "ContactID") != null) {
            ObjectNode ref = r.putObject("customerRef").put("id", text(contact, "ContactID"));
            put(ref, "companyName", text(contact, "Name"));
        }
    }

    private static String upper(JsonNode node, String field) {
        return String.valueOf(text(node, field)).toUpperCase(Locale.ROOT);
    }
}
