package dev.bridgekeeper.connector.xero;

import static dev.bridgekeeper.connector.xero.XeroMapping.decimal;
import static dev.bridgekeeper.connector.xero.XeroMapping.join;
import static dev.bridgekeeper.connector.xero.XeroMapping.number;
import static dev.bridgekeeper.connector.xero.XeroMapping.put;
import static dev.bridgekeeper.connector.xero.XeroMapping.text;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's banking, ledger and settings records in Codat's standard model: bank accounts (Accounts of Type BANK),
 * bank transactions (BankTransactions, per bank account), journal entries (Journals: every posting to the general
 * ledger, manual journals included), tax rates, tracking categories (each Xero category and each of its options,
 * flat, the options pointing at their category) and items. docs/connectors/xero.md has the table this follows.
 */
final class XeroBooks {

    /** Xero's journal source types → the Codat data type holding the record that posted the journal. */
    private static final Map<String, String> SOURCES = Map.ofEntries(Map.entry("ACCREC", "invoices"),
            Map.entry("ACCPAY", "bills"), Map.entry("ACCRECCREDIT", "creditNotes"),
            Map.entry("ACCPAYCREDIT", "billCreditNotes"), Map.entry("ACCRECPAYMENT", "payments"),
            Map.entry("ARCREDITPAYMENT", "payments"), Map.entry("ACCPAYPAYMENT", "billPayments"),
            Map.entry("APCREDITPAYMENT", "billPayments"), Map.entry("CASHREC", "bankTransactions"),
            Map.entry("CASHPAID", "bankTransactions"), Map.entry("TRANSFER", "transfers"));

    private final JsonMapper json;
    private final XeroMapping mapping;

    XeroBooks(JsonMapper json, XeroMapping mapping) {
        this.json = json;
        this.mapping = mapping;
    }

    /** {@code bankAccounts} from {@code GET /Accounts} (Type BANK). */
    ConnectorRecord bankAccount(JsonNode a) {
        ObjectNode r = json.createObjectNode();
        String id = text(a, "AccountID");
        r.put("id", id);
        put(r, "accountName", text(a, "Name"));
        r.put("accountType", "CREDITCARD".equalsIgnoreCase(text(a, "BankAccountType")) ? "Credit" : "Debit");
        put(r, "nominalCode", text(a, "Code"));
        put(r, "accountNumber", text(a, "BankAccountNumber"));
        put(r, "currency", text(a, "CurrencyCode"));
        String status = String.valueOf(text(a, "Status")).toUpperCase(Locale.ROOT);
        r.put("status", switch (status) {
            case "ACTIVE" -> "Active";
            case "ARCHIVED" -> "Archived";
            default -> "Unknown";
        });
        return mapping.record(id, r, XeroDates.instant(text(a, "UpdatedDateUTC")), "DELETED".equals(status));
    }

    /**
     * {@code bankTransactions} from {@code GET /BankTransactions}, each under its bank account ({@code accountId}):
     * money in (RECEIVE*) positive, money out (SPEND*) negative.
     */
    ConnectorRecord bankTransaction(JsonNode bt) {
        ObjectNode r = json.createObjectNode();
        String id = text(bt, "BankTransactionID");
        r.put("id", id);
        put(r, "accountId", text(bt.path("BankAccount"), "AccountID"));
        put(r, "clearedOnDate", XeroDates.date(XeroDates.instant(text(bt, "Date"))));
        put(r, "description", join(text(bt.path("Contact"), "Name"), text(bt, "Reference")));
        r.put("reconciled", bt.path("IsReconciled").asBoolean(false));
        boolean moneyIn = String.valueOf(text(bt, "Type")).toUpperCase(Locale.ROOT).startsWith("RECEIVE");
        BigDecimal total = decimal(bt, "Total");
        r.put("amount", moneyIn ? total : total.negate());
        r.put("transactionType", moneyIn ? "Credit" : "Debit");
        return mapping.record(id, r, XeroDates.instant(text(bt, "UpdatedDateUTC")),
                "DELETED".equalsIgnoreCase(text(bt, "Status")));
    }

    /**
     * {@code transfers} from {@code GET /BankTransfers}: Amount leaves one bank account for another. Xero states the
     * amount once, in the sending account's currency, so the receiving side repeats it only when both accounts
     * share a currency. A deleted transfer is kept, flagged, as Void.
     */
    ConnectorRecord transfer(JsonNode bt) {
        ObjectNode r = json.createObjectNode();
        String id = text(bt, "BankTransferID");
        r.put("id", id);
        put(r, "description", text(bt, "Reference"));
        put(r, "date", XeroDates.date(XeroDates.instant(text(bt, "Date"))));
        BigDecimal amount = decimal(bt, "Amount");
        String fromCurrency = text(bt.path("FromBankAccount"), "CurrencyCode");
        String toCurrency = text(bt.path("ToBankAccount"), "CurrencyCode");
        transferSide(r.putObject("from"), bt.path("FromBankAccount"), amount);
        boolean sameCurrency = fromCurrency == null || toCurrency == null || fromCurrency.equals(toCurrency);
        transferSide(r.putObject("to"), bt.path("ToBankAccount"), sameCurrency ? amount : null);
        boolean deleted = "DELETED".equalsIgnoreCase(text(bt, "Status"));
        r.put("status", deleted ? "Void" : bt.path("FromIsReconciled").asBoolean(false)
                && bt.path("ToIsReconciled").asBoolean(false) ? "Reconciled" : "Unreconciled");
        // BankTransfers carry no UpdatedDateUTC: a transfer cannot be edited, only deleted
        return mapping.record(id, r, XeroDates.instant(text(bt, "CreatedDateUTC")), deleted);
    }

    private static void transferSide(ObjectNode side, JsonNode account, BigDecimal amount) {
        if (text(account, "AccountID") != null) { // Codat's record reference: the account's id, no name
            side.putObject("accountRef").put("id", text(account, "AccountID"));
        }
        put(side, "currency", text(account, "CurrencyCode"));
        if (amount != null) {
            side.put("amount", amount);
        }
    }

    /**
     * {@code journalEntries} from {@code GET /Journals}: Xero's journals are its general ledger postings (documents
     * and manual journals alike), immutable, a change posting a reversing journal; debits positive.
     */
    ConnectorRecord journalEntry(JsonNode j) {
        ObjectNode r = json.createObjectNode();
        String id = text(j, "JournalID");
        r.put("id", id);
        put(r, "description", text(j, "Reference"));
        put(r, "postedOn", XeroDates.date(XeroDates.instant(text(j, "JournalDate"))));
        Instant created = XeroDates.instant(text(j, "CreatedDateUTC"));
        put(r, "createdOn", XeroDates.timestamp(created));
        ArrayNode lines = r.putArray("journalLines");
        for (JsonNode line : j.path("JournalLines")) {
            ObjectNode l = lines.addObject();
            put(l, "description", text(line, "Description"));
            l.put("netAmount", decimal(line, "NetAmount"));
            String accountId = text(line, "AccountID");
            if (accountId != null) {
                ObjectNode ref = l.putObject("accountRef").put("id", accountId);
                put(ref, "name", text(line, "AccountName"));
            }
        }
        String source = SOURCES.get(String.valueOf(text(j, "SourceType")).toUpperCase(Locale.ROOT));
        if (source != null && text(j, "SourceID") != null) {
            r.putObject("recordRef").put("id", text(j, "SourceID")).put("dataType", source);
        }
        return mapping.record(id, r, created, false);
    }

    /** {@code taxRates} from {@code GET /TaxRates}: Xero's TaxType is the id invoice lines refer to. */
    ConnectorRecord taxRate(JsonNode t) {
        ObjectNode r = json.createObjectNode();
        String id = text(t, "TaxType");
        r.put("id", id);
        put(r, "name", text(t, "Name"));
        put(r, "code", id);
        String status = String.valueOf(text(t, "Status")).toUpperCase(Locale.ROOT);
        r.put("status", switch (status) {
            case "ACTIVE" -> "Active";
            case "ARCHIVED", "DELETED" -> "Archived";
            default -> "Unknown";
        });
        number(r, "effectiveTaxRate", t, "EffectiveRate");
        number(r, "totalTaxRate", t, "DisplayTaxRate");
        ArrayNode components = json.createArrayNode();
        for (JsonNode c : t.path("TaxComponents")) {
            ObjectNode component = components.addObject();
            put(component, "name", text(c, "Name"));
            number(component, "rate", c, "Rate");
            component.put("isCompound", c.path("IsCompound").asBoolean(false));
        }
        if (!components.isEmpty()) {
            r.set("components", components);
        }
        return mapping.record(id, r, null, "DELETED".equals(status));
    }

    /** {@code trackingCategories} from {@code GET /TrackingCategories}: the category, then each option under it. */
    List<ConnectorRecord> trackingCategory(JsonNode c) {
        List<ConnectorRecord> out = new ArrayList<>();
        String categoryId = text(c, "TrackingCategoryID");
        String categoryStatus = trackingStatus(text(c, "Status"));
        ObjectNode category = json.createObjectNode();
        category.put("id", categoryId);
        put(category, "name", text(c, "Name"));
        category.put("status", categoryStatus);
        category.put("hasChildren", !c.path("Options").isEmpty());
        out.add(mapping.record(categoryId, category, null, "DELETED".equalsIgnoreCase(text(c, "Status"))));
        for (JsonNode o : c.path("Options")) {
            ObjectNode option = json.createObjectNode();
            String optionId = text(o, "TrackingOptionID");
            option.put("id", optionId);
            put(option, "name", text(o, "Name"));
            // an option of an archived category is as unusable as the category
            option.put("status", "Archived".equals(categoryStatus) ? "Archived" : trackingStatus(text(o, "Status")));
            option.put("parentId", categoryId);
            option.put("hasChildren", false);
            out.add(mapping.record(optionId, option, null, "DELETED".equalsIgnoreCase(text(o, "Status"))));
        }
        return out;
    }

    /** {@code items} from {@code GET /Items}. */
    ConnectorRecord item(JsonNode i) {
        ObjectNode r = json.createObjectNode();
        String id = text(i, "ItemID");
        r.put("id", id);
        put(r, "name", text(i, "Name"));
        put(r, "code", text(i, "Code"));
        r.put("itemStatus", "Active"); // Xero deletes items outright; every item it lists is in use
        r.put("type", i.path("IsTrackedAsInventory").asBoolean(false) ? "Inventory" : "NonInventory");
        boolean purchased = i.path("IsPurchased").asBoolean(false);
        boolean sold = i.path("IsSold").asBoolean(false);
        r.put("isBillItem", purchased);
        if (purchased) {
            r.set("billItem", itemDetails(i.path("PurchaseDetails"), text(i, "PurchaseDescription")));
        }
        r.put("isInvoiceItem", sold);
        if (sold) {
            r.set("invoiceItem", itemDetails(i.path("SalesDetails"), text(i, "Description")));
        }
        return mapping.record(id, r, XeroDates.instant(text(i, "UpdatedDateUTC")), false);
    }

    private ObjectNode itemDetails(JsonNode details, String description) {
        ObjectNode d = json.createObjectNode();
        put(d, "description", description);
        number(d, "unitPrice", details, "UnitPrice");
        String account = text(details, "AccountCode");
        if (account != null) {
            d.putObject("accountRef").put("id", account).put("name", account);
        }
        String tax = text(details, "TaxType");
        if (tax != null) {
            d.putObject("taxRateRef").put("id", tax);
        }
        return d;
    }

    private static String trackingStatus(String xero) {
        return switch (String.valueOf(xero).toUpperCase(Locale.ROOT)) {
            case "ACTIVE" -> "Active";
            case "ARCHIVED", "DELETED" -> "Archived";
            default -> "Unknown";
        };
    }
}
