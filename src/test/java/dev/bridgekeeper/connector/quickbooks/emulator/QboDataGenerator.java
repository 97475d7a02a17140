package dev.bridgekeeper.connector.quickbooks.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deterministic volume on top of the committed examples: the same seed and realm give the same
 * records, with ids continuing after the examples'. Records reference only the example chart of
 * accounts and the generated customers, vendors and items, so every reference resolves. About one
 * record in twenty was last changed within the past 20 days, so change data capture has work to do.
 */
final class QboDataGenerator {

    private static final String[] FIRST = {"Acme", "Blue", "Cedar", "Delta", "Evergreen", "Fox", "Granite", "Harbor",
            "Iris", "Juniper", "Kestrel", "Linden", "Maple", "North", "Orchid", "Pine", "Quarry", "River", "Summit", "Tide"};
    private static final String[] SECOND = {"Bakery", "Builders", "Cafe", "Dental", "Electric", "Farms", "Garage",
            "Hardware", "Imports", "Joinery", "Kitchens", "Logistics", "Motors", "Nursery", "Optics", "Plumbing"};
    private static final String[] EXPENSE_ACCOUNTS = {"7", "8", "9", "10", "19"};
    private static final String[] EXPENSE_NAMES = {"Cost of Goods Sold", "Advertising", "Rent or Lease", "Utilities", "Miscellaneous"};

    private final QboCompany company;
    private final SplittableRandom random;
    private final Instant now;
    private int customerCount;
    private int vendorCount;
    private int itemCount;
    private Instant lastCreated;
    /** Payments received into Undeposited Funds that no deposit has taken to the bank yet, oldest first. */
    private List<ObjectNode> undeposited = new ArrayList<>();

    private QboDataGenerator(QboCompany company, long seed, Instant now) {
        this.company = company;
        this.random = new SplittableRandom(seed ^ company.realmId.hashCode());
        this.now = now;
    }

    static void generate(QboCompany company, QboSettings.Volume v, long seed, Instant now) {
        new QboDataGenerator(company, seed, now).run(v);
    }

    private void run(QboSettings.Volume v) {
        for (int i = 0; i < v.customers(); i++) customer();
        for (int i = 0; i < v.vendors(); i++) vendor();
        for (int i = 0; i < v.items(); i++) item();
        customerCount = company.size("Customer");
        vendorCount = company.size("Vendor");
        itemCount = company.size("Item");
        for (int i = 0; i < v.invoices(); i++) salesForm("Invoice", true);
        for (int i = 0; i < v.creditMemos(); i++) salesForm("CreditMemo", false);
        for (int i = 0; i < v.estimates(); i++) salesForm("Estimate", false);
        for (int i = 0; i < v.salesReceipts(); i++) salesForm("SalesReceipt", false);
        for (int i = 0; i < v.refundReceipts(); i++) salesForm("RefundReceipt", false);
        for (int i = 0; i < v.bills(); i++) expenseForm("Bill");
        for (int i = 0; i < v.vendorCredits(); i++) expenseForm("VendorCredit");
        for (int i = 0; i < v.purchaseOrders(); i++) expenseForm("PurchaseOrder");
        List<ObjectNode> invoices = company.list("Invoice");
        for (int i = 0; i < v.payments(); i++) payment(invoices);
        List<ObjectNode> bills = company.list("Bill");
        for (int i = 0; i < v.billPayments(); i++) billPayment(bills);
        for (int i = 0; i < v.journalEntries(); i++) journalEntry();
        undeposited = new ArrayList<>(company.list("Payment").stream()
                .filter(p -> "14".equals(p.path("DepositToAccountRef").path("value").asString())).toList());
        for (int i = 0; i < v.bankTransactions(); i++) {
            int kind = random.nextInt(20);
            if (kind < 10) purchase(); else if (kind < 17) deposit(); else transfer();
        }
    }

    // ---- lists ----

    private void customer() {
        long id = company.nextId("Customer");
        String name = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)] + " " + id;
        ObjectNode c = base(id);
        c.put("Taxable", random.nextBoolean());
        c.set("BillAddr", address(id));
        c.put("Job", false).put("BillWithParent", false);
        c.put("Balance", BigDecimal.ZERO).put("BalanceWithJobs", BigDecimal.ZERO);
        c.set("CurrencyRef", ref("USD", "United States Dollar"));
        c.put("PreferredDeliveryMethod", "Email");
        c.put("FullyQualifiedName", name).put("CompanyName", name).put("DisplayName", name).put("PrintOnCheckName", name);
        c.put("Active", id % 20 != 0); // a few inactive customers, which default queries leave out
        c.putObject("PrimaryEmailAddr").put("Address", "accounts" + id + "@example.com");
        company.put("Customer", c);
    }

    private void vendor() {
        long id = company.nextId("Vendor");
        String name = SECOND[random.nextInt(SECOND.length)] + " Supply " + id;
        ObjectNode vnd = base(id);
        vnd.set("BillAddr", address(id));
        vnd.put("Balance", BigDecimal.ZERO).put("Vendor1099", false);
        vnd.set("CurrencyRef", ref("USD", "United States Dollar"));
        vnd.put("CompanyName", name).put("DisplayName", name).put("PrintOnCheckName", name).put("Active", true);
        company.put("Vendor", vnd);
    }

    private void item() {
        long id = company.nextId("Item");
        String name = "Service " + id;
        ObjectNode it = base(id);
        it.put("Name", name).put("Description", "Generated service " + id).put("Active", true).put("FullyQualifiedName", name);
        it.put("Taxable", false).put("UnitPrice", money(20, 400)).put("Type", "Service");
        it.set("IncomeAccountRef", ref("5", "Services"));
        it.put("PurchaseCost", 0).put("TrackQtyOnHand", false);
        company.put("Item", it);
    }

    // ---- transactions ----

    private void salesForm(String entity, boolean invoice) {
        long id = company.nextId(entity);
        ObjectNode t = base(id);
        LocalDate txnDate = txnDate(t);
        t.put("DocNumber", String.valueOf(1000 + id));
        t.put("TxnDate", txnDate.toString());
        t.set("CurrencyRef", ref("USD", "United States Dollar"));
        ArrayNode lines = t.putArray("Line");
        BigDecimal total = BigDecimal.ZERO;
        int n = 1 + random.nextInt(3);
        for (int i = 1; i <= n; i++) {
            String itemId = String.valueOf(1 + random.nextInt(itemCount));
            BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(8));
            BigDecimal price = money(15, 250);
            BigDecimal amount = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
            ObjectNode line = lines.addObject();
            line.put("Id", String.valueOf(i)).put("LineNum", i).put("Amount", amount).put("DetailType", "SalesItemLineDetail");
            ObjectNode d = line.putObject("SalesItemLineDetail");
            d.set("ItemRef", ref(itemId, company.get("Item", itemId).get("Name").asString()));
            d.put("UnitPrice", price).put("Qty", qty);
            d.set("ItemAccountRef", ref("5", "Services"));
            d.set("TaxCodeRef", ref("NON", null));
            total = total.add(amount);
        }
        lines.addObject().put("Amount", total).put("DetailType", "SubTotalLineDetail").putObject("SubTotalLineDetail");
        t.putObject("TxnTaxDetail").put("TotalTax", 0);
        String customerId = String.valueOf(1 + random.nextInt(customerCount));
        t.set("CustomerRef", ref(customerId, company.get("Customer", customerId).get("DisplayName").asString()));
        if (invoice) {
            t.put("DueDate", txnDate.plusDays(30).toString());
            t.put("AllowOnlineCreditCardPayment", false).put("AllowOnlineACHPayment", false);
        }
        t.put("TotalAmt", total).put("ApplyTaxAfterDiscount", false).put("PrintStatus", "NotSet");
        if (!entity.equals("RefundReceipt")) t.put("EmailStatus", "NotSet");
        switch (entity) {
            case "Invoice" -> t.put("Balance", total); // open until a payment settles it
            case "CreditMemo" -> t.put("Balance", BigDecimal.ZERO).put("RemainingCredit", BigDecimal.ZERO);
            case "Estimate" -> t.put("TxnStatus", "Pending").put("ExpirationDate", txnDate.plusDays(30).toString());
            case "SalesReceipt", "RefundReceipt" -> {
                t.put("Balance", BigDecimal.ZERO);
                t.set("DepositToAccountRef", ref("1", "Checking"));
            }
            default -> { }
        }
        company.put(entity, t);
    }

    private void expenseForm(String entity) {
        long id = company.nextId(entity);
        ObjectNode t = base(id);
        LocalDate txnDate = txnDate(t);
        if (!entity.equals("VendorCredit")) t.put("DocNumber", "B-" + id);
        t.put("TxnDate", txnDate.toString());
        t.set("CurrencyRef", ref("USD", "United States Dollar"));
        BigDecimal total = expenseLines(t, entity.equals("PurchaseOrder"));
        String vendorId = String.valueOf(1 + random.nextInt(vendorCount));
        t.set("VendorRef", ref(vendorId, company.get("Vendor", vendorId).get("DisplayName").asString()));
        t.set("APAccountRef", ref("4", "Accounts Payable (A/P)"));
        t.put("TotalAmt", total);
        if (entity.equals("Bill")) {
            t.put("DueDate", txnDate.plusDays(30).toString());
            t.put("Balance", total); // open until a bill payment settles it
        }
        if (entity.equals("PurchaseOrder")) t.put("POStatus", random.nextBoolean() ? "Open" : "Closed").put("EmailStatus", "NotSet");
        company.put(entity, t);
    }

    private BigDecimal expenseLines(ObjectNode t, boolean itemBased) {
        ArrayNode lines = t.putArray("Line");
        BigDecimal total = BigDecimal.ZERO;
        int n = 1 + random.nextInt(2);
        for (int i = 1; i <= n; i++) {
            BigDecimal amount = money(10, 900);
            ObjectNode line = lines.addObject();
            line.put("Id", String.valueOf(i)).put("Amount", amount);
            if (itemBased) {
                line.put("DetailType", "ItemBasedExpenseLineDetail");
                ObjectNode d = line.putObject("ItemBasedExpenseLineDetail");
                d.set("ItemRef", ref("2", "Rock Fountain"));
                d.put("UnitPrice", amount).put("Qty", 1).put("BillableStatus", "NotBillable");
                d.set("TaxCodeRef", ref("NON", null));
            } else {
                int a = random.nextInt(EXPENSE_ACCOUNTS.length);
                line.put("DetailType", "AccountBasedExpenseLineDetail");
                ObjectNode d = line.putObject("AccountBasedExpenseLineDetail");
                d.set("AccountRef", ref(EXPENSE_ACCOUNTS[a], EXPENSE_NAMES[a]));
                d.put("BillableStatus", "NotBillable");
                d.set("TaxCodeRef", ref("NON", null));
            }
            total = total.add(amount);
        }
        return total;
    }

    /**
     * A payment received into Undeposited Funds, settling one to three open invoices of one customer: each in full,
     * except that the last is sometimes paid half. Each invoice's Balance drops by what it was paid and it links the
     * payment back (its LinkedTxn), as QuickBooks keeps both sides.
     */
    private void payment(List<ObjectNode> invoices) {
        long id = company.nextId("Payment");
        ObjectNode p = base(id);
        LocalDate txnDate = txnDate(p);
        List<ObjectNode> settled = settle(invoices, "CustomerRef", id, "Payment");
        if (settled.isEmpty()) return;
        p.set("CustomerRef", settled.get(0).get("CustomerRef").deepCopy());
        p.set("DepositToAccountRef", ref("14", null));
        p.put("TxnDate", txnDate.toString());
        p.set("CurrencyRef", ref("USD", "United States Dollar"));
        BigDecimal amount = paymentLines(p, settled, "Invoice");
        p.put("TotalAmt", amount).put("UnappliedAmt", 0).put("ProcessPayment", false);
        company.put("Payment", p);
    }

    /** A cheque from Checking settling one to three open bills of one vendor, as payments settle invoices. */
    private void billPayment(List<ObjectNode> bills) {
        long id = company.nextId("BillPayment");
        ObjectNode p = base(id);
        LocalDate txnDate = txnDate(p);
        // a bill names a cheque payment BillPaymentCheck in its LinkedTxn (Intuit's Bill reference)
        List<ObjectNode> settled = settle(bills, "VendorRef", id, "BillPaymentCheck");
        if (settled.isEmpty()) return;
        p.set("VendorRef", settled.get(0).get("VendorRef").deepCopy());
        p.put("PayType", "Check");
        ObjectNode check = p.putObject("CheckPayment");
        check.set("BankAccountRef", ref("1", "Checking"));
        check.put("PrintStatus", "NotSet");
        BigDecimal amount = paymentLines(p, settled, "Bill");
        p.put("TotalAmt", amount);
        p.put("DocNumber", String.valueOf(5000 + id)).put("TxnDate", txnDate.toString());
        p.set("CurrencyRef", ref("USD", "United States Dollar"));
        company.put("BillPayment", p);
    }

    /**
     * Picks an open document and up to two more of the same party, pays them (the last sometimes half), lowers their
     * Balance and links the payment on them; answers the documents, each with the amount paid as "paid".
     */
    private List<ObjectNode> settle(List<ObjectNode> documents, String party, long paymentId, String paymentType) {
        List<ObjectNode> open = documents.stream().filter(d -> new BigDecimal(d.get("Balance").asString()).signum() > 0).toList();
        if (open.isEmpty()) return List.of();
        ObjectNode first = open.get(random.nextInt(open.size()));
        String partyId = first.get(party).get("value").asString();
        List<ObjectNode> chosen = new ArrayList<>(List.of(first));
        int more = random.nextInt(3);
        for (ObjectNode d : open) {
            if (chosen.size() > more) break;
            if (d != first && partyId.equals(d.get(party).get("value").asString())) chosen.add(d);
        }
        List<ObjectNode> paid = new ArrayList<>();
        for (int k = 0; k < chosen.size(); k++) {
            ObjectNode d = chosen.get(k);
            BigDecimal balance = new BigDecimal(d.get("Balance").asString());
            BigDecimal amount = k == chosen.size() - 1 && random.nextInt(4) == 0
                    ? balance.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP) : balance;
            d.put("Balance", balance.subtract(amount));
            ArrayNode links = d.has("LinkedTxn") ? (ArrayNode) d.get("LinkedTxn") : d.putArray("LinkedTxn");
            links.addObject().put("TxnId", String.valueOf(paymentId)).put("TxnType", paymentType);
            ObjectNode copy = d.deepCopy();
            copy.put("paid", amount);
            paid.add(copy);
        }
        return paid;
    }

    /** One line per settled document, linked to it; answers the total. */
    private static BigDecimal paymentLines(ObjectNode payment, List<ObjectNode> settled, String documentType) {
        ArrayNode lines = payment.putArray("Line");
        BigDecimal total = BigDecimal.ZERO;
        for (ObjectNode d : settled) {
            BigDecimal amount = new BigDecimal(d.get("paid").asString());
            ObjectNode line = lines.addObject();
            line.put("Amount", amount);
            line.putArray("LinkedTxn").addObject().put("TxnId", d.get("Id").asString()).put("TxnType", documentType);
            total = total.add(amount);
        }
        return total;
    }

    private void journalEntry() {
        long id = company.nextId("JournalEntry");
        ObjectNode j = base(id);
        LocalDate txnDate = txnDate(j);
        j.put("Adjustment", false).put("DocNumber", "JE-" + id).put("TxnDate", txnDate.toString());
        j.set("CurrencyRef", ref("USD", "United States Dollar"));
        BigDecimal amount = money(50, 3000);
        ArrayNode lines = j.putArray("Line");
        int a = random.nextInt(EXPENSE_ACCOUNTS.length);
        journalLine(lines, "0", amount, "Debit", EXPENSE_ACCOUNTS[a], EXPENSE_NAMES[a]);
        journalLine(lines, "1", amount, "Credit", "1", "Checking");
        company.put("JournalEntry", j);
    }

    private static void journalLine(ArrayNode lines, String id, BigDecimal amount, String posting, String account, String name) {
        ObjectNode line = lines.addObject();
        line.put("Id", id).put("Description", "Generated journal").put("Amount", amount).put("DetailType", "JournalEntryLineDetail");
        ObjectNode d = line.putObject("JournalEntryLineDetail");
        d.put("PostingType", posting);
        d.set("AccountRef", ref(account, name));
    }

    private void purchase() {
        long id = company.nextId("Purchase");
        ObjectNode p = base(id);
        LocalDate txnDate = txnDate(p);
        int kind = random.nextInt(3);
        String type = kind == 0 ? "Cash" : kind == 1 ? "Check" : "CreditCard";
        p.set("AccountRef", type.equals("CreditCard") ? ref("12", "Visa") : ref("1", "Checking"));
        p.put("PaymentType", type);
        String vendorId = String.valueOf(1 + random.nextInt(vendorCount));
        ObjectNode entity = ref(vendorId, company.get("Vendor", vendorId).get("DisplayName").asString());
        entity.put("type", "Vendor");
        p.set("EntityRef", entity);
        p.put("Credit", random.nextInt(20) == 0);
        p.put("TxnDate", txnDate.toString());
        p.set("CurrencyRef", ref("USD", "United States Dollar"));
        BigDecimal total = expenseLines(p, false);
        p.put("TotalAmt", total);
        company.put("Purchase", p);
    }

    /**
     * A bank deposit. About half take undeposited payments to the bank (lines linked to each Payment, no detail: the
     * money was counted as income when it was received); the others, and some of those, carry a line of other money
     * (DepositLineDetail: sales not invoiced, interest), which is income. The total is the sum of the lines.
     */
    private void deposit() {
        long id = company.nextId("Deposit");
        ObjectNode d = base(id);
        LocalDate txnDate = txnDate(d);
        d.set("DepositToAccountRef", random.nextInt(4) == 0 ? ref("2", "Savings") : ref("1", "Checking"));
        d.put("TxnDate", txnDate.toString());
        d.set("CurrencyRef", ref("USD", "United States Dollar"));
        ArrayNode lines = d.putArray("Line");
        BigDecimal total = BigDecimal.ZERO;
        int linked = undeposited.isEmpty() || random.nextBoolean() ? 0 : 1 + random.nextInt(3);
        for (int k = 0; k < linked && !undeposited.isEmpty(); k++) {
            ObjectNode payment = undeposited.remove(0);
            BigDecimal amount = new BigDecimal(payment.get("TotalAmt").asString());
            ObjectNode line = lines.addObject();
            line.put("Id", String.valueOf(lines.size())).put("LineNum", lines.size()).put("Amount", amount);
            line.putArray("LinkedTxn").addObject().put("TxnId", payment.get("Id").asString()).put("TxnType", "Payment")
                    .put("TxnLineId", "0");
            total = total.add(amount);
        }
        if (lines.isEmpty() || random.nextInt(4) == 0) {
            BigDecimal amount = money(40, 5000);
            ObjectNode line = lines.addObject();
            line.put("Id", String.valueOf(lines.size())).put("LineNum", lines.size()).put("Amount", amount)
                    .put("DetailType", "DepositLineDetail");
            line.putObject("DepositLineDetail").set("AccountRef", random.nextInt(5) == 0 ? ref("18", "Interest Earned") : ref("5", "Services"));
            total = total.add(amount);
        }
        d.put("TotalAmt", total);
        company.put("Deposit", d);
    }

    private void transfer() {
        long id = company.nextId("Transfer");
        ObjectNode t = base(id);
        LocalDate txnDate = txnDate(t);
        boolean toSavings = random.nextBoolean();
        t.set("FromAccountRef", toSavings ? ref("1", "Checking") : ref("2", "Savings"));
        t.set("ToAccountRef", toSavings ? ref("2", "Savings") : ref("1", "Checking"));
        t.put("Amount", money(100, 2500)).put("TxnDate", txnDate.toString());
        t.set("CurrencyRef", ref("USD", "United States Dollar"));
        t.putObject("TransferEx").putArray("any");
        company.put("Transfer", t);
    }

    // ---- helpers ----

    private ObjectNode base(long id) {
        ObjectNode n = QboWire.JSON.createObjectNode();
        Instant created = now.minus(Duration.ofMinutes(60 + random.nextLong(720L * 24 * 60)));
        Instant updated = random.nextInt(20) == 0
                ? now.minus(Duration.ofMinutes(10 + random.nextLong(20L * 24 * 60)))
                : created.plus(Duration.ofMinutes(random.nextLong(30)));
        if (updated.isBefore(created)) updated = created;
        lastCreated = created;
        n.put("domain", "QBO").put("sparse", false).put("Id", String.valueOf(id));
        n.put("SyncToken", updated.equals(created) ? "0" : String.valueOf(random.nextInt(3)));
        n.putObject("MetaData").put("CreateTime", company.metaTime(created)).put("LastUpdatedTime", company.metaTime(updated));
        return n;
    }

    private LocalDate txnDate(ObjectNode n) {
        return LocalDate.ofInstant(lastCreated, company.zone); // the record base(...) just made: TxnDate is its creation day
    }

    private BigDecimal money(int min, int max) {
        return BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100), 2);
    }

    private ObjectNode address(long id) {
        ObjectNode a = QboWire.JSON.createObjectNode();
        a.put("Id", String.valueOf(100 + id)).put("Line1", (10 + id) + " Market St.").put("City", "San Jose")
                .put("CountrySubDivisionCode", "CA").put("PostalCode", "95113");
        return a;
    }

    static ObjectNode ref(String value, String name) {
        ObjectNode r = QboWire.JSON.createObjectNode();
        r.put("value", value);
        if (name != null) r.put("name", name);
        return r;
    }
}
