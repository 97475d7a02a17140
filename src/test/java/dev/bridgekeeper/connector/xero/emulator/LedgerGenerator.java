package dev.bridgekeeper.connector.xero.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one organisation's ledger: the OpenAPI file's example records (optional) plus a seeded, internally
 * consistent volume of contacts, invoices and bills, payments, credit notes, bank transactions and transfers,
 * manual journals and purchase orders, and the journals all of them posted. Same seed, same ledger.
 */
final class LedgerGenerator {

    /** Endpoints whose documents post journals. */
    static final Set<String> JOURNAL_SOURCES = Set.of("Invoices", "CreditNotes", "Payments", "BankTransactions",
            "BankTransfers", "ManualJournals");

    private static final String[] ADJECTIVES = {"Blue", "Northern", "Golden", "Silver", "Harbour", "Summit", "Coastal",
        "Evergreen", "Granite", "Maple", "Rapid", "Bright", "Pioneer", "Kiwi", "Atlas", "Crimson", "Orchard", "Willow"};
    private static final String[] NOUNS = {"Bakery", "Logistics", "Plumbing", "Design", "Consulting", "Motors", "Foods",
        "Print", "Builders", "Dental", "Fitness", "Florist", "Electrical", "Media", "Traders", "Coffee", "Labs"};
    private static final String[] SUFFIXES = {"Ltd", "Limited", "& Co", "Group", "Services", "Pty Ltd", "Partners"};
    private static final String[] FIRST = {"Ava", "Liam", "Mia", "Noah", "Isla", "Leo", "Zoe", "Jack", "Ruby", "Eli"};
    private static final String[] LAST = {"Smith", "Brown", "Wilson", "Taylor", "Ngata", "Patel", "Chen", "Walker"};
    private static final String[] SALES_CODES = {"200", "200", "200", "260"};
    private static final String[] EXPENSE_CODES = {"310", "400", "404", "408", "412", "429", "433", "445", "461", "469",
        "489", "493"};

    private final XeroOrganisation org;
    private final LedgerSize size;
    private final Instant asOf;
    private final SplittableRandom random;
    private final Ledger ledger;
    private final BigDecimal taxRate;
    private final List<ObjectNode> customers = new ArrayList<>();
    private final List<ObjectNode> suppliers = new ArrayList<>();
    private final List<ObjectNode> documents = new ArrayList<>();
    private final List<ObjectNode> items = new ArrayList<>();
    private final List<ObjectNode> trackingOptions = new ArrayList<>();
    private long lineCounter;

    private LedgerGenerator(XeroOrganisation org, LedgerSize size, Instant asOf, Clock clock) {
        this.org = org;
        this.size = size;
        this.asOf = asOf;
        this.random = new SplittableRandom(org.seed());
        this.ledger = new Ledger(org, clock);
        this.taxRate = switch (org.countryCode()) {
            case "GB" -> new BigDecimal("0.20");
            case "AU" -> new BigDecimal("0.10");
            default -> new BigDecimal("0.15");
        };
    }

    static Ledger generate(XeroOrganisation org, LedgerSize size, Instant asOf, boolean withExamples, Clock clock) {
        return new LedgerGenerator(org, size, asOf, clock).build(withExamples);
    }

    private Ledger build(boolean withExamples) {
        define();
        organisation();
        accounts();
        taxRates();
        currencies();
        trackingCategories();
        contacts();
        items();
        invoicesAndPayments();
        creditNotes();
        bankTransactions();
        bankTransfers();
        manualJournals();
        purchaseOrders();
        if (withExamples) {
            examples();
        }
        journals(withExamples);
        return ledger;
    }

    private void define() {
        ledger.define("Accounts", "AccountID");
        ledger.define("TaxRates", "TaxType");
        ledger.define("Currencies", "Code");
        ledger.define("TrackingCategories", "TrackingCategoryID");
        ledger.define("Contacts", "ContactID");
        ledger.define("Items", "ItemID");
        ledger.define("Invoices", "InvoiceID");
        ledger.define("Payments", "PaymentID");
        ledger.define("CreditNotes", "CreditNoteID");
        ledger.define("BankTransactions", "BankTransactionID");
        ledger.define("BankTransfers", "BankTransferID");
        ledger.define("ManualJournals", "ManualJournalID");
        ledger.define("PurchaseOrders", "PurchaseOrderID");
        ledger.define("Overpayments", "OverpaymentID");
        ledger.define("Prepayments", "PrepaymentID");
    }

    private void organisation() {
        JsonNode example = VendorSpec.exampleBody("/Organisation").path("Organisations").path(0);
        ObjectNode record = example.isObject() ? ((ObjectNode) example).deepCopy() : Ledger.object();
        record.put("OrganisationID", org.tenantId().toString());
        record.put("Name", org.name());
        record.put("LegalName", org.name());
        record.put("BaseCurrency", org.baseCurrency());
        record.put("CountryCode", org.countryCode());
        record.put("Version", org.countryCode().equals("GB") ? "UK" : org.countryCode());
        record.put("ShortCode", "!" + Integer.toString(Math.abs(org.tenantId().hashCode()) % 46656, 36));
        record.put("IsDemoCompany", false);
        record.put("CreatedDateUTC", XeroDates.msJsonNoOffset(asOf.minus(900, ChronoUnit.DAYS)));
        record.remove("APIKey");
        ledger.setOrganisationRecord(record);
    }

    private void accounts() {
        String base = org.baseCurrency();
        Object[][] chart = {
            {"090", "Business Bank Account", "BANK", "NONE", "ASSET"},
            {"091", "Business Savings Account", "BANK", "NONE", "ASSET"},
            {"610", "Accounts Receivable", "CURRENT", "NONE", "ASSET"},
            {"620", "Prepayments", "CURRENT", "NONE", "ASSET"},
            {"630", "Inventory", "INVENTORY", "NONE", "ASSET"},
            {"710", "Office Equipment", "FIXED", "INPUT2", "ASSET"},
            {"800", "Accounts Payable", "CURRLIAB", "NONE", "LIABILITY"},
            {"820", "Sales Tax", "CURRLIAB", "NONE", "LIABILITY"},
            {"900", "Loan", "TERMLIAB", "NONE", "LIABILITY"},
            {"960", "Retained Earnings", "EQUITY", "NONE", "EQUITY"},
            {"970", "Owner A Funds Introduced", "EQUITY", "NONE", "EQUITY"},
            {"200", "Sales", "REVENUE", "OUTPUT2", "REVENUE"},
            {"260", "Other Revenue", "REVENUE", "OUTPUT2", "REVENUE"},
            {"270", "Interest Income", "OTHERINCOME", "NONE", "REVENUE"},
            {"310", "Cost of Goods Sold", "DIRECTCOSTS", "INPUT2", "EXPENSE"},
            {"400", "Advertising", "OVERHEADS", "INPUT2", "EXPENSE"},
            {"404", "Bank Fees", "OVERHEADS", "NONE", "EXPENSE"},
            {"408", "Cleaning", "OVERHEADS", "INPUT2", "EXPENSE"},
            {"412", "Consulting & Accounting", "EXPENSE", "INPUT2", "EXPENSE"},
            {"416", "Depreciation", "DEPRECIATN", "NONE", "EXPENSE"},
            {"429", "General Expenses", "EXPENSE", "INPUT2", "EXPENSE"},
            {"433", "Insurance", "EXPENSE", "INPUT2", "EXPENSE"},
            {"445", "Light, Power, Heating", "EXPENSE", "INPUT2", "EXPENSE"},
            {"461", "Printing & Stationery", "EXPENSE", "INPUT2", "EXPENSE"},
            {"469", "Rent", "EXPENSE", "INPUT2", "EXPENSE"},
            {"477", "Wages and Salaries", "EXPENSE", "NONE", "EXPENSE"},
            {"489", "Telephone & Internet", "EXPENSE", "INPUT2", "EXPENSE"},
            {"493", "Travel - National", "EXPENSE", "INPUT2", "EXPENSE"},
            {"499", "Old Subscriptions", "EXPENSE", "INPUT2", "EXPENSE"},
        };
        for (Object[] row : chart) {
            ObjectNode a = Ledger.object();
            a.put("AccountID", id("account/" + row[0]));
            a.put("Code", (String) row[0]);
            a.put("Name", (String) row[1]);
            a.put("Status", row[0].equals("499") ? "ARCHIVED" : "ACTIVE");
            a.put("Type", (String) row[2]);
            a.put("TaxType", (String) row[3]);
            a.put("Class", (String) row[4]);
            a.put("EnablePaymentsToAccount", false);
            a.put("ShowInExpenseClaims", row[4].equals("EXPENSE"));
            if (row[2].equals("BANK")) {
                a.put("BankAccountNumber", "0" + (1000000000L + random.nextLong(8_999_999_999L)));
                a.put("BankAccountType", "BANK");
                a.put("CurrencyCode", base);
            }
            switch ((String) row[0]) {
                case "610" -> a.put("SystemAccount", "DEBTORS");
                case "800" -> a.put("SystemAccount", "CREDITORS");
                case "820" -> a.put("SystemAccount", "GST");
                case "960" -> a.put("SystemAccount", "RETAINEDEARNINGS");
                default -> { }
            }
            a.put("ReportingCode", row[4].equals("ASSET") ? "ASS" : row[4].equals("LIABILITY") ? "LIA"
                    : row[4].equals("EQUITY") ? "EQU" : row[4].equals("REVENUE") ? "REV" : "EXP");
            a.put("HasAttachments", false);
            a.put("AddToWatchlist", false);
            a.put("UpdatedDateUTC", XeroDates.msJson(asOf.minus(800 + random.nextInt(90), ChronoUnit.DAYS)));
            ledger.add("Accounts", a);
        }
    }

    private void taxRates() {
        String pct = taxRate.movePointRight(2).stripTrailingZeros().toPlainString();
        Object[][] rates = {
            {"OUTPUT2", pct + "% Sales Tax on Income", taxRate, true, false},
            {"INPUT2", pct + "% Sales Tax on Expenses", taxRate, false, true},
            {"NONE", "No Sales Tax", BigDecimal.ZERO, true, true},
            {"ZERORATED", "Zero Rated", BigDecimal.ZERO, true, false},
        };
        for (Object[] row : rates) {
            ObjectNode t = Ledger.object();
            t.put("Name", (String) row[1]);
            t.put("TaxType", (String) row[0]);
            t.put("ReportTaxType", ((String) row[0]).startsWith("OUTPUT") ? "OUTPUT" : ((String) row[0])
                    .startsWith("INPUT") ? "INPUT" : "NONE");
            t.put("CanApplyToAssets", true);
            t.put("CanApplyToEquity", true);
            t.put("CanApplyToExpenses", (Boolean) row[4]);
            t.put("CanApplyToLiabilities", true);
            t.put("CanApplyToRevenue", (Boolean) row[3]);
            t.put("DisplayTaxRate", ((BigDecimal) row[2]).movePointRight(2).setScale(4, RoundingMode.HALF_UP));
            t.put("EffectiveRate", ((BigDecimal) row[2]).movePointRight(2).setScale(4, RoundingMode.HALF_UP));
            t.put("Status", "ACTIVE");
            ArrayNode components = t.putArray("TaxComponents");
            ObjectNode component = components.addObject();
            component.put("Name", "Sales Tax");
            component.put("Rate", ((BigDecimal) row[2]).movePointRight(2).setScale(4, RoundingMode.HALF_UP));
            component.put("IsCompound", false);
            component.put("IsNonRecoverable", false);
            ledger.add("TaxRates", t);
        }
    }

    private void currencies() {
        for (String code : new String[] {org.baseCurrency(), "USD", "EUR"}) {
            if (ledger.record("Currencies", code) != null) {
                continue;
            }
            ObjectNode c = Ledger.object();
            c.put("Code", code);
            c.put("Description", switch (code) {
                case "NZD" -> "New Zealand Dollar";
                case "GBP" -> "British Pound";
                case "AUD" -> "Australian Dollar";
                case "USD" -> "United States Dollar";
                default -> "Euro";
            });
            ledger.add("Currencies", c);
        }
    }

    private void trackingCategories() {
        String[][] categories = {{"Region", "North", "South", "East", "West"}, {"Department", "Sales", "Operations"},
            {"Campaign 2024", "Spring", "Autumn"}};
        for (int i = 0; i < categories.length; i++) {
            ObjectNode c = Ledger.object();
            String categoryId = id("tracking/" + i);
            c.put("TrackingCategoryID", categoryId);
            c.put("Name", categories[i][0]);
            c.put("Status", i == 2 ? "ARCHIVED" : "ACTIVE");
            ArrayNode options = c.putArray("Options");
            for (int o = 1; o < categories[i].length; o++) {
                ObjectNode option = options.addObject();
                option.put("TrackingOptionID", id("tracking/" + i + "/" + o));
                option.put("Name", categories[i][o]);
                option.put("Status", "ACTIVE");
                option.put("HasValidationErrors", false);
                option.put("IsDeleted", false);
                option.put("IsArchived", false);
                option.put("IsActive", true);
                if (i == 0) {
                    ObjectNode ref = Ledger.object();
                    ref.put("TrackingCategoryID", categoryId);
                    ref.put("TrackingOptionID", option.path("TrackingOptionID").asString());
                    ref.put("Name", categories[i][0]);
                    ref.put("Option", categories[i][o]);
                    trackingOptions.add(ref);
                }
            }
            ledger.add("TrackingCategories", c);
        }
    }

    private void contacts() {
        for (int i = 0; i < size.contacts(); i++) {
            ObjectNode c = Ledger.object();
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " "
                    + SUFFIXES[random.nextInt(SUFFIXES.length)] + " " + (i + 1);
            double role = random.nextDouble();
            // the first contact is both, so even a tiny ledger has someone to invoice and someone to pay
            boolean customer = i == 0 || role < 0.70;
            boolean supplier = i == 0 || role >= 0.55;
            c.put("ContactID", id("contact/" + i));
            c.put("ContactNumber", "C" + (10000 + i));
            c.put("AccountNumber", "A-" + (5000 + i));
            c.put("ContactStatus", random.nextDouble() < 0.04 ? "ARCHIVED" : "ACTIVE");
            c.put("Name", name);
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            c.put("FirstName", first);
            c.put("LastName", last);
            c.put("EmailAddress", (first + "." + last + "@contact" + i + ".test").toLowerCase());
            c.put("BankAccountDetails", "");
            c.put("TaxNumber", random.nextInt(100) + "-" + random.nextInt(1000) + "-" + random.nextInt(1000));
            ArrayNode addresses = c.putArray("Addresses");
            ObjectNode street = addresses.addObject();
            street.put("AddressType", "STREET");
            street.put("AddressLine1", (1 + random.nextInt(400)) + " " + LAST[random.nextInt(LAST.length)] + " Street");
            street.put("City", new String[] {"Wellington", "London", "Sydney", "Auckland"}[random.nextInt(4)]);
            street.put("PostalCode", String.valueOf(1000 + random.nextInt(8999)));
            street.put("Country", org.countryCode());
            ObjectNode pobox = addresses.addObject();
            pobox.put("AddressType", "POBOX");
            ArrayNode phones = c.putArray("Phones");
            for (String type : new String[] {"DEFAULT", "DDI", "FAX", "MOBILE"}) {
                ObjectNode phone = phones.addObject();
                phone.put("PhoneType", type);
                phone.put("PhoneNumber", type.equals("DEFAULT") ? String.valueOf(1000000 + random.nextInt(8999999)) : "");
                phone.put("PhoneAreaCode", type.equals("DEFAULT") ? "04" : "");
                phone.put("PhoneCountryCode", "");
            }
            c.put("UpdatedDateUTC", XeroDates.msJson(asOf.minus(random.nextInt(720), ChronoUnit.DAYS)
                    .minus(random.nextInt(86_400), ChronoUnit.SECONDS)));
            c.putArray("ContactGroups");
            c.put("IsSupplier", supplier);
            c.put("IsCustomer", customer);
            c.put("DefaultCurrency", org.baseCurrency());
            c.putArray("ContactPersons");
            c.put("HasAttachments", false);
            c.put("HasValidationErrors", false);
            ledger.add("Contacts", c);
            if (customer) {
                customers.add(c);
            }
            if (supplier) {
                suppliers.add(c);
            }
        }
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("a ledger needs at least one contact (LedgerSize.contacts)");
        }
    }

    private void items() {
        for (int i = 0; i < size.items(); i++) {
            ObjectNode item = Ledger.object();
            item.put("ItemID", id("item/" + i));
            item.put("Code", "ITEM-" + (100 + i));
            item.put("Name", NOUNS[i % NOUNS.length] + " package " + (i + 1));
            item.put("Description", "Sale of " + NOUNS[i % NOUNS.length].toLowerCase() + " package " + (i + 1));
            item.put("PurchaseDescription", "Purchase of " + NOUNS[i % NOUNS.length].toLowerCase());
            ObjectNode purchase = item.putObject("PurchaseDetails");
            purchase.put("UnitPrice", amount(20, 400));
            purchase.put("AccountCode", "310");
            purchase.put("TaxType", "INPUT2");
            ObjectNode sales = item.putObject("SalesDetails");
            sales.put("UnitPrice", amount(50, 900));
            sales.put("AccountCode", "200");
            sales.put("TaxType", "OUTPUT2");
            item.put("IsTrackedAsInventory", false);
            item.put("IsSold", true);
            item.put("IsPurchased", true);
            item.put("UpdatedDateUTC", XeroDates.msJson(asOf.minus(300 + random.nextInt(400), ChronoUnit.DAYS)));
            ledger.add("Items", item);
            items.add(item);
        }
    }

    private void invoicesAndPayments() {
        int sales = 0;
        int bills = 0;
        for (int i = 0; i < size.invoices(); i++) {
            boolean sale = random.nextDouble() < 0.6;
            ObjectNode contact = pick(sale ? customers : suppliers);
            LocalDate date = dateWithin(730);
            LocalDate due = date.plusDays(sale ? 20 : 30);
            ObjectNode inv = Ledger.object();
            inv.put("Type", sale ? "ACCREC" : "ACCPAY");
            inv.put("InvoiceID", id("invoice/" + i));
            inv.put("InvoiceNumber", sale ? String.format("INV-%05d", ++sales) : String.format("SUP-%05d", ++bills));
            inv.put("Reference", random.nextDouble() < 0.5 ? "PO-" + (1000 + random.nextInt(9000)) : "");
            inv.set("Contact", contactRef(contact));
            inv.put("DateString", XeroDates.dateString(date));
            inv.put("Date", XeroDates.msJson(date));
            inv.put("DueDateString", XeroDates.dateString(due));
            inv.put("DueDate", XeroDates.msJson(due));
            inv.put("LineAmountTypes", "Exclusive");
            BigDecimal[] totals = lineItems(inv, sale ? SALES_CODES : EXPENSE_CODES, sale ? "OUTPUT2" : "INPUT2", sale);
            inv.put("SubTotal", totals[0]);
            inv.put("TotalTax", totals[1]);
            inv.put("Total", totals[2]);
            inv.put("CurrencyCode", org.baseCurrency());
            inv.put("CurrencyRate", new BigDecimal("1.000000"));
            String status = invoiceStatus(date);
            BigDecimal paid = BigDecimal.ZERO.setScale(2);
            ArrayNode payments = inv.putArray("Payments");
            LocalDate lastActivity = date;
            if (status.equals("PAID") || (status.equals("AUTHORISED") && random.nextDouble() < 0.25)) {
                BigDecimal amount = status.equals("PAID") ? totals[2]
                        : totals[2].multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.HALF_UP);
                LocalDate paidOn = minDate(date.plusDays(random.nextInt(45)), LocalDate.ofInstant(asOf, ZoneOffset.UTC)
                        .minusDays(1));
                ObjectNode payment = payment(inv, contact, amount, paidOn, sale, i);
                ObjectNode ref = payments.addObject();
                ref.put("PaymentID", payment.path("PaymentID").asString());
                ref.put("Date", payment.path("Date").asString());
                ref.put("Amount", amount);
                ref.put("CurrencyRate", new BigDecimal("1.000000"));
                ref.put("HasAccount", false);
                ref.put("HasValidationErrors", false);
                paid = amount;
                lastActivity = paidOn;
                if (status.equals("PAID")) {
                    inv.put("FullyPaidOnDate", XeroDates.msJson(paidOn));
                }
            }
            inv.putArray("CreditNotes");
            inv.putArray("Prepayments");
            inv.putArray("Overpayments");
            boolean open = status.equals("AUTHORISED") || status.equals("PAID");
            inv.put("AmountDue", open ? totals[2].subtract(paid) : BigDecimal.ZERO.setScale(2));
            inv.put("AmountPaid", paid);
            inv.put("AmountCredited", BigDecimal.ZERO.setScale(2));
            inv.put("SentToContact", sale && open);
            inv.put("HasErrors", false);
            inv.put("IsDiscounted", false);
            boolean attachment = random.nextDouble() < 0.03;
            inv.put("HasAttachments", attachment);
            inv.put("Status", status);
            Instant updated = stampAfter(lastActivity);
            inv.put("UpdatedDateUTC", XeroDates.msJson(updated));
            inv.put("UpdatedDateUTCString", updated.truncatedTo(ChronoUnit.SECONDS).toString());
            ledger.add("Invoices", inv);
            documents.add(inv);
            if (attachment) {
                String fileName = inv.path("InvoiceNumber").asString() + ".pdf";
                ledger.addAttachment(inv.path("InvoiceID").asString(), new Ledger.Attachment(
                        UUID.fromString(id("attachment/" + i)), fileName, "application/pdf",
                        ("%PDF-1.4\n% " + fileName + " emulated attachment\n%%EOF\n").getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private String invoiceStatus(LocalDate date) {
        double r = random.nextDouble();
        boolean old = date.isBefore(LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(120));
        if (r < 0.04) {
            return "VOIDED";
        }
        if (r < 0.07) {
            return "DELETED";
        }
        if (r < 0.11) {
            return "DRAFT";
        }
        if (r < 0.13) {
            return "SUBMITTED";
        }
        return old ? (r < 0.25 ? "AUTHORISED" : "PAID") : (r < 0.6 ? "AUTHORISED" : "PAID");
    }

    private ObjectNode payment(ObjectNode invoice, ObjectNode contact, BigDecimal amount, LocalDate on, boolean sale,
            int i) {
        ObjectNode p = Ledger.object();
        p.put("PaymentID", id("payment/" + i));
        p.put("Date", XeroDates.msJson(on));
        p.put("BankAmount", amount);
        p.put("Amount", amount);
        p.put("Reference", sale ? "Customer payment" : "Supplier payment");
        p.put("CurrencyRate", new BigDecimal("1.000000"));
        p.put("PaymentType", sale ? "ACCRECPAYMENT" : "ACCPAYPAYMENT");
        p.put("Status", "AUTHORISED");
        Instant updated = stampAfter(on);
        p.put("UpdatedDateUTC", XeroDates.msJson(updated));
        p.put("UpdatedDateUTCString", updated.truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("HasAccount", true);
        p.put("IsReconciled", random.nextDouble() < 0.7);
        ObjectNode account = ledger.accountByCode("090");
        ObjectNode accountRef = p.putObject("Account");
        accountRef.put("AccountID", account.path("AccountID").asString());
        accountRef.put("Code", "090");
        ObjectNode invoiceRef = p.putObject("Invoice");
        invoiceRef.put("Type", invoice.path("Type").asString());
        invoiceRef.put("InvoiceID", invoice.path("InvoiceID").asString());
        invoiceRef.put("InvoiceNumber", invoice.path("InvoiceNumber").asString());
        invoiceRef.set("Contact", contactRef(contact));
        invoiceRef.put("CurrencyCode", org.baseCurrency());
        p.put("HasValidationErrors", false);
        ledger.add("Payments", p);
        documents.add(p);
        return p;
    }

    private void creditNotes() {
        for (int i = 0; i < size.creditNotes(); i++) {
            boolean sale = random.nextDouble() < 0.6;
            ObjectNode contact = pick(sale ? customers : suppliers);
            LocalDate date = dateWithin(700);
            ObjectNode cn = Ledger.object();
            cn.put("CreditNoteID", id("creditnote/" + i));
            cn.put("CreditNoteNumber", sale ? String.format("CN-%04d", i + 1) : "");
            cn.put("Type", sale ? "ACCRECCREDIT" : "ACCPAYCREDIT");
            cn.set("Contact", contactRef(contact));
            cn.put("DateString", XeroDates.dateString(date));
            cn.put("Date", XeroDates.msJson(date));
            cn.put("Reference", "Credit for returned goods");
            cn.put("LineAmountTypes", "Exclusive");
            BigDecimal[] totals = lineItems(cn, sale ? SALES_CODES : EXPENSE_CODES, sale ? "OUTPUT2" : "INPUT2", sale);
            cn.put("SubTotal", totals[0]);
            cn.put("TotalTax", totals[1]);
            cn.put("Total", totals[2]);
            String status = random.nextDouble() < 0.1 ? "VOIDED" : "AUTHORISED";
            cn.put("Status", status);
            cn.put("RemainingCredit", status.equals("VOIDED") ? BigDecimal.ZERO.setScale(2) : totals[2]);
            cn.put("CurrencyCode", org.baseCurrency());
            cn.put("CurrencyRate", new BigDecimal("1.000000"));
            cn.putArray("Allocations");
            cn.putArray("Payments");
            cn.put("HasAttachments", false);
            Instant updated = stampAfter(date);
            cn.put("UpdatedDateUTC", XeroDates.msJson(updated));
            cn.put("UpdatedDateUTCString", updated.truncatedTo(ChronoUnit.SECONDS).toString());
            ledger.add("CreditNotes", cn);
            documents.add(cn);
        }
    }

    private void bankTransactions() {
        ObjectNode[] banks = {ledger.accountByCode("090"), ledger.accountByCode("091")};
        for (int i = 0; i < size.bankTransactions(); i++) {
            boolean receive = random.nextDouble() < 0.4;
            ObjectNode contact = pick(receive ? customers : suppliers);
            LocalDate date = dateWithin(730);
            ObjectNode bt = Ledger.object();
            bt.put("Type", receive ? "RECEIVE" : "SPEND");
            bt.put("BankTransactionID", id("banktransaction/" + i));
            bt.set("Contact", contactRef(contact));
            ObjectNode bank = banks[random.nextDouble() < 0.85 ? 0 : 1];
            ObjectNode bankRef = bt.putObject("BankAccount");
            bankRef.put("AccountID", bank.path("AccountID").asString());
            bankRef.put("Code", bank.path("Code").asString());
            bankRef.put("Name", bank.path("Name").asString());
            bt.put("IsReconciled", random.nextDouble() < 0.8);
            bt.put("DateString", XeroDates.dateString(date));
            bt.put("Date", XeroDates.msJson(date));
            bt.put("Reference", receive ? "Deposit" : "Card " + (1000 + random.nextInt(9000)));
            bt.put("CurrencyCode", org.baseCurrency());
            bt.put("LineAmountTypes", "Exclusive");
            BigDecimal[] totals = lineItems(bt, receive ? SALES_CODES : EXPENSE_CODES, receive ? "OUTPUT2" : "INPUT2",
                    receive);
            bt.put("SubTotal", totals[0]);
            bt.put("TotalTax", totals[1]);
            bt.put("Total", totals[2]);
            bt.put("Status", random.nextDouble() < 0.03 ? "DELETED" : "AUTHORISED");
            bt.put("HasAttachments", false);
            bt.put("UpdatedDateUTC", XeroDates.msJson(stampAfter(date)));
            ledger.add("BankTransactions", bt);
            documents.add(bt);
        }
    }

    private void bankTransfers() {
        ObjectNode from = ledger.accountByCode("090");
        ObjectNode to = ledger.accountByCode("091");
        for (int i = 0; i < size.bankTransfers(); i++) {
            LocalDate date = dateWithin(700);
            boolean toSavings = i % 3 != 2;
            ObjectNode bt = Ledger.object();
            bt.set("FromBankAccount", accountRef(toSavings ? from : to));
            bt.set("ToBankAccount", accountRef(toSavings ? to : from));
            bt.put("Amount", amount(100, 3000));
            bt.put("Date", XeroDates.msJson(date));
            bt.put("BankTransferID", id("banktransfer/" + i));
            bt.put("CurrencyRate", new BigDecimal("1.000000"));
            bt.put("FromBankTransactionID", id("banktransfer/" + i + "/from"));
            bt.put("ToBankTransactionID", id("banktransfer/" + i + "/to"));
            bt.put("FromIsReconciled", true);
            bt.put("ToIsReconciled", true);
            bt.put("Reference", toSavings ? "Sweep to savings" : "Top up operating account");
            bt.put("HasAttachments", false);
            bt.put("CreatedDateUTC", XeroDates.msJson(stampAfter(date)));
            bt.put("Status", i == 0 && size.bankTransfers() > 1 ? "DELETED" : "AUTHORISED");
            ledger.add("BankTransfers", bt);
            documents.add(bt);
        }
    }

    private void manualJournals() {
        for (int i = 0; i < size.manualJournals(); i++) {
            LocalDate date = i == 0 ? LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(735) : dateWithin(700);
            ObjectNode mj = Ledger.object();
            mj.put("ManualJournalID", id("manualjournal/" + i));
            String[] kind = i == 0 ? new String[] {"Opening balance: owner funds", "090", "970"}
                    : i % 3 == 1 ? new String[] {"Depreciation of office equipment", "416", "710"}
                    : i % 3 == 2 ? new String[] {"Loan drawdown", "090", "900"}
                    : new String[] {"Wages accrual", "477", "800"};
            mj.put("Narration", kind[0]);
            mj.put("Date", XeroDates.msJson(date));
            mj.put("LineAmountTypes", "NoTax");
            mj.put("Status", i == size.manualJournals() - 1 && i > 0 ? "DRAFT" : "POSTED");
            BigDecimal value = i == 0 ? new BigDecimal("250000.00") : amount(200, 5000);
            ArrayNode lines = mj.putArray("JournalLines");
            for (int side = 0; side < 2; side++) {
                ObjectNode line = lines.addObject();
                line.put("LineAmount", side == 0 ? value : value.negate());
                line.put("AccountCode", kind[1 + side]);
                line.put("AccountID", ledger.accountByCode(kind[1 + side]).path("AccountID").asString());
                line.put("Description", kind[0]);
                line.put("TaxType", "NONE");
                line.put("TaxAmount", BigDecimal.ZERO.setScale(2));
                line.put("IsBlank", false);
                line.putArray("Tracking");
            }
            mj.put("ShowOnCashBasisReports", true);
            mj.put("HasAttachments", false);
            mj.put("UpdatedDateUTC", XeroDates.msJson(stampAfter(date)));
            ledger.add("ManualJournals", mj);
            documents.add(mj);
        }
    }

    private void purchaseOrders() {
        String[] statuses = {"DRAFT", "SUBMITTED", "AUTHORISED", "BILLED", "DELETED"};
        for (int i = 0; i < size.purchaseOrders(); i++) {
            LocalDate date = dateWithin(300);
            ObjectNode po = Ledger.object();
            po.put("PurchaseOrderID", id("purchaseorder/" + i));
            po.put("PurchaseOrderNumber", String.format("PO-%04d", i + 1));
            po.set("Contact", contactRef(pick(suppliers)));
            po.put("DateString", XeroDates.dateString(date));
            po.put("Date", XeroDates.msJson(date));
            po.put("DeliveryDateString", XeroDates.dateString(date.plusDays(14)));
            po.put("DeliveryDate", XeroDates.msJson(date.plusDays(14)));
            po.put("LineAmountTypes", "Exclusive");
            BigDecimal[] totals = lineItems(po, EXPENSE_CODES, "INPUT2", false);
            po.put("SubTotal", totals[0]);
            po.put("TotalTax", totals[1]);
            po.put("Total", totals[2]);
            po.put("CurrencyCode", org.baseCurrency());
            po.put("Status", statuses[i % statuses.length]);
            po.put("HasAttachments", false);
            po.put("UpdatedDateUTC", XeroDates.msJson(stampAfter(date)));
            ledger.add("PurchaseOrders", po);
        }
    }

    /** The example records of the OpenAPI file, on top of the generated ones (ids that clash keep the generated record). */
    private void examples() {
        String[][] sources = {{"/Accounts", "Accounts"}, {"/Contacts", "Contacts"}, {"/Invoices", "Invoices"},
            {"/CreditNotes", "CreditNotes"}, {"/Payments", "Payments"}, {"/BankTransactions", "BankTransactions"},
            {"/BankTransfers", "BankTransfers"}, {"/Items", "Items"}, {"/TaxRates", "TaxRates"},
            {"/TrackingCategories", "TrackingCategories"}, {"/ManualJournals", "ManualJournals"},
            {"/Currencies", "Currencies"}, {"/PurchaseOrders", "PurchaseOrders"}, {"/Overpayments", "Overpayments"},
            {"/Prepayments", "Prepayments"}};
        for (String[] source : sources) {
            for (ObjectNode record : VendorSpec.exampleRecords(source[0], source[1])) {
                if (!record.path(ledger.idField(source[1])).asString("").isEmpty()) {
                    ledger.add(source[1], record);
                }
            }
        }
    }

    /** Posts every generated document in date order (examples first, keeping their documented numbers). */
    private void journals(boolean withExamples) {
        int number = 0;
        if (withExamples) {
            for (ObjectNode journal : VendorSpec.exampleRecords("/Journals", "Journals")) {
                ledger.addJournal(journal);
                number = Math.max(number, journal.path("JournalNumber").asInt(0));
            }
        }
        List<ObjectNode> posted = new ArrayList<>();
        for (ObjectNode doc : documents) {
            boolean voided = Ledger.isStatus(doc, "VOIDED");
            if (!JournalPosting.posts(doc) && !voided) {
                continue;
            }
            ObjectNode asPosted = doc;
            if (voided) {
                asPosted = doc.deepCopy();
                asPosted.put("Status", "AUTHORISED");
            }
            ObjectNode journal = JournalPosting.journalFor(asPosted, ledger);
            if (journal == null) {
                continue;
            }
            journal.put("CreatedDateUTC", doc.path("Date").asString());
            posted.add(journal);
            if (voided) {
                ObjectNode reversal = JournalPosting.reversal(JournalPosting.netOf(List.of(journal)),
                        JournalPosting.sourceId(doc), doc);
                reversal.put("CreatedDateUTC", doc.path("UpdatedDateUTC").asString());
                posted.add(reversal);
            }
        }
        java.util.Map<ObjectNode, Instant> created = new java.util.IdentityHashMap<>();
        posted.forEach(j -> created.put(j, XeroDates.parseMsJson(j.path("CreatedDateUTC").asString())));
        posted.sort(Comparator.comparing(created::get));
        for (ObjectNode journal : posted) {
            number++;
            Instant at = created.get(journal).plusSeconds(3600 + number % 600);
            journal.put("JournalID", id("journal/" + number));
            journal.put("JournalNumber", number);
            journal.put("CreatedDateUTC", XeroDates.msJson(at.isAfter(asOf) ? asOf.minusSeconds(60) : at));
            ledger.addJournal(journal);
        }
    }

    // ---- helpers ----

    private BigDecimal[] lineItems(ObjectNode doc, String[] codes, String taxType, boolean sale) {
        ArrayNode lines = doc.putArray("LineItems");
        BigDecimal sub = BigDecimal.ZERO.setScale(2);
        BigDecimal tax = BigDecimal.ZERO.setScale(2);
        int count = 1 + random.nextInt(3);
        for (int n = 0; n < count; n++) {
            ObjectNode line = lines.addObject();
            String code = codes[random.nextInt(codes.length)];
            boolean taxed = !code.equals("404");
            BigDecimal quantity = new BigDecimal(1 + random.nextInt(8)).setScale(4);
            BigDecimal unit = amount(10, sale ? 900 : 400).setScale(4);
            BigDecimal lineAmount = quantity.multiply(unit).setScale(2, RoundingMode.HALF_UP);
            BigDecimal lineTax = taxed ? lineAmount.multiply(taxRate).setScale(2, RoundingMode.HALF_UP)
                    : BigDecimal.ZERO.setScale(2);
            line.put("LineItemID", id("line/" + (++lineCounter)));
            if (sale && !items.isEmpty() && random.nextDouble() < 0.3) {
                line.put("ItemCode", pick(items).path("Code").asString());
            }
            line.put("Description", (sale ? "Services: " : "Purchase: ") + ledger.accountByCode(code).path("Name").asString());
            line.put("Quantity", quantity);
            line.put("UnitAmount", unit);
            line.put("AccountCode", code);
            line.put("TaxType", taxed ? taxType : "NONE");
            line.put("TaxAmount", lineTax);
            line.put("LineAmount", lineAmount);
            ArrayNode tracking = line.putArray("Tracking");
            if (!trackingOptions.isEmpty() && random.nextDouble() < 0.3) {
                tracking.add(pick(trackingOptions).deepCopy());
            }
            sub = sub.add(lineAmount);
            tax = tax.add(lineTax);
        }
        return new BigDecimal[] {sub, tax, sub.add(tax)};
    }

    private ObjectNode contactRef(ObjectNode contact) {
        ObjectNode ref = Ledger.object();
        ref.put("ContactID", contact.path("ContactID").asString());
        ref.put("Name", contact.path("Name").asString());
        ref.putArray("Addresses");
        ref.putArray("Phones");
        ref.putArray("ContactGroups");
        ref.putArray("ContactPersons");
        ref.put("HasValidationErrors", false);
        return ref;
    }

    private static ObjectNode accountRef(ObjectNode account) {
        ObjectNode ref = Ledger.object();
        ref.put("AccountID", account.path("AccountID").asString());
        ref.put("Code", account.path("Code").asString());
        ref.put("Name", account.path("Name").asString());
        return ref;
    }

    private LocalDate dateWithin(int days) {
        return LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(1 + random.nextInt(days));
    }

    private Instant stampAfter(LocalDate date) {
        Instant stamp = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600 + random.nextInt(5 * 86_400))
                .plusMillis(random.nextInt(1000));
        return stamp.isAfter(asOf) ? asOf.minusSeconds(random.nextInt(3600) + 1) : stamp;
    }

    private static LocalDate minDate(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private BigDecimal amount(int min, int max) {
        return new BigDecimal(min * 100L + random.nextLong((max - min) * 100L)).movePointLeft(2);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String id(String name) {
        return UUID.nameUUIDFromBytes((org.tenantId() + "/" + org.seed() + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
