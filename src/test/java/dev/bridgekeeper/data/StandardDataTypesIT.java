package dev.bridgekeeper.data;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.CodatSchemas;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standard data types end to end: a sandbox organisation linked through the real sandbox pages is synced,
 * and every read endpoint serves exactly the records the sandbox's own data API lists, paged, filtered, ordered
 * and by id; the financial statements agree with the documents they were posted from.
 */
@ApiIntegrationTest
class StandardDataTypesIT {

    private static final Duration SYNC = Duration.ofSeconds(90);
    private static final List<String> ACCOUNTING = List.of("company", "chartOfAccounts", "customers", "suppliers",
            "invoices", "bills", "payments", "billPayments", "creditNotes", "journalEntries", "bankAccounts",
            "balanceSheet", "profitAndLoss", "billCreditNotes", "purchaseOrders", "directCosts", "directIncomes",
            "transfers", "bankTransactions", "accountTransactions", "taxRates", "trackingCategories", "items",
            "journals", "paymentMethods", "cashFlowStatement");
    /** The newer accounting data types: read API path below the company's or the connection's data → type. */
    private static final Map<String, String> COMPANY_LISTS = Map.of("billCreditNotes", "AccountingBillCreditNote",
            "purchaseOrders", "AccountingPurchaseOrder", "taxRates", "AccountingTaxRate", "trackingCategories",
            "AccountingTrackingCategory", "items", "AccountingItem", "journals", "AccountingJournal",
            "paymentMethods", "AccountingPaymentMethod");
    private static final Map<String, String> CONNECTION_LISTS = Map.of("directCosts", "AccountingDirectCost",
            "directIncomes", "AccountingDirectIncome", "transfers", "AccountingTransfer", "accountTransactions",
            "AccountingAccountTransaction");
    /** Read API path segment → data type, for the company-level accounting lists. */
    private static final Map<String, String> ACCOUNTING_LISTS = new LinkedHashMap<>();

    static {
        ACCOUNTING_LISTS.put("accounts", "chartOfAccounts");
        for (String type : List.of("customers", "suppliers", "invoices", "bills", "payments", "billPayments",
                "creditNotes", "journalEntries")) {
            ACCOUNTING_LISTS.put(type, type);
        }
    }

    private static final List<String> COMMERCE = List.of("commerce-companyInfo", "commerce-customers",
            "commerce-orders", "commerce-products", "commerce-payments", "commerce-transactions");

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    Tenant tenant;
    Api api;

    @BeforeEach
    void newTenant() {
        tenant = Tenant.create(jdbc, port, "Data types IT");
        api = tenant.api();
    }

    @Test
    void everyAccountingDataTypeIsServedExactlyAsTheSandboxHoldsIt() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbac", "user_good");
        awaitStatuses(link, ACCOUNTING);
        Api sandbox = sandboxApi(link);

        ACCOUNTING_LISTS.forEach((path, dataType) -> {
            List<JsonNode> expected = sandboxRecords(sandbox, "accounting", dataType);
            assertThat(expected).as(dataType).isNotEmpty();
            String list = link.companyPath() + "/data/" + path;
            JsonNode served = ok(api.get(list + "?pageSize=2000"));
            assertThat(served.path("totalResults").asInt()).as(path).isEqualTo(expected.size());
            assertThat(byId(served.path("results"))).as(path).isEqualTo(expected);
            JsonNode last = expected.get(expected.size() - 1);
            assertThat(ok(api.get(list + "/" + last.path("id").asString()))).as(path).isEqualTo(last);
            assertError(api.get(list + "/no-such-record"), 404);
        });

        // bank accounts are read per connection, as Codat does
        String bankAccounts = link.connectionPath() + "/data/bankAccounts";
        List<JsonNode> accounts = sandboxRecords(sandbox, "accounting", "bankAccounts");
        assertThat(byId(ok(api.get(bankAccounts)).path("results"))).isEqualTo(accounts);
        assertThat(ok(api.get(bankAccounts + "/ba-1"))).isEqualTo(accounts.get(1));
        assertError(api.get(bankAccounts + "/ba-99"), 404);
        assertError(api.get(link.companyPath() + "/connections/" + java.util.UUID.randomUUID()
                + "/data/bankAccounts"), 404);

        // company information is the one company record, without the cache's record id
        ObjectNode company = (ObjectNode) sandboxRecords(sandbox, "accounting", "company").get(0);
        company.remove("id");
        assertThat(ok(api.get(link.companyPath() + "/data/info"))).isEqualTo(company);

        // paging, query and orderBy
        List<JsonNode> invoices = sandboxRecords(sandbox, "accounting", "invoices");
        List<JsonNode> inIdOrder = list(ok(api.get(link.companyPath() + "/data/invoices?pageSize=2000"))
                .path("results"));
        JsonNode page2 = ok(api.get(link.companyPath() + "/data/invoices?page=2&pageSize=25"));
        assertThat(page2.path("pageNumber").asInt()).isEqualTo(2);
        assertThat(page2.path("totalResults").asInt()).isEqualTo(invoices.size());
        assertThat(list(page2.path("results"))).isEqualTo(inIdOrder.subList(25, 50));

        JsonNode open = ok(api.get(link.companyPath() + "/data/bills?pageSize=2000&query="
                + enc("supplierRef.id=sup-2&&status=Open")));
        long expectedOpen = sandboxRecords(sandbox, "accounting", "bills").stream()
                .filter(b -> b.path("supplierRef").path("id").asString().equals("sup-2"))
                .filter(b -> b.path("status").asString().equals("Open")).count();
        assertThat(open.path("totalResults").asLong()).isEqualTo(expectedOpen).isPositive();

        List<JsonNode> payments = sandboxRecords(sandbox, "accounting", "payments");
        JsonNode largest = ok(api.get(link.companyPath() + "/data/payments?pageSize=1&orderBy=-totalAmount"));
        BigDecimal max = payments.stream().map(p -> p.path("totalAmount").decimalValue())
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(largest.path("results").get(0).path("totalAmount").decimalValue()).isEqualByComparingTo(max);
        assertThat(ok(api.get(link.companyPath() + "/data/creditNotes?query=" + enc("remainingCredit>100000")))
                .path("totalResults").asInt()).isZero();

        // journals balance as served
        for (JsonNode entry : list(ok(api.get(link.companyPath() + "/data/journalEntries?pageSize=2000"))
                .path("results"))) {
            BigDecimal sum = list(entry.path("journalLines")).stream().map(l -> l.path("netAmount").decimalValue())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).as(entry.path("id").asString()).isZero();
        }
    }

    @Test
    void theNewerAccountingDataTypesAreServedAsTheSandboxHoldsThemInCodatsShape() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbac", "user_expiring");
        awaitStatuses(link, ACCOUNTING);
        Api sandbox = sandboxApi(link);
        CodatSchemas codat = CodatSchemas.accounting();
        Map<String, Integer> checked = new LinkedHashMap<>();
        Map<String, String> lists = new LinkedHashMap<>();
        COMPANY_LISTS.keySet().forEach(t -> lists.put(t, link.companyPath() + "/data/" + t));
        CONNECTION_LISTS.keySet().forEach(t -> lists.put(t, link.connectionPath() + "/data/" + t));
        lists.forEach((dataType, list) -> {
            String schema = COMPANY_LISTS.getOrDefault(dataType, CONNECTION_LISTS.get(dataType));
            List<JsonNode> expected = sandboxRecords(sandbox, "accounting", dataType);
            assertThat(expected).as(dataType).isNotEmpty();
            JsonNode served = ok(api.get(list + "?pageSize=2000"));
            assertThat(byId(served.path("results"))).as(dataType).isEqualTo(expected);
            served.path("results").forEach(r -> codat.assertValid(r, schema));
            checked.put(dataType, served.path("results").size());
            JsonNode one = expected.get(expected.size() / 2);
            JsonNode got = ok(api.get(list + "/" + one.path("id").asString()));
            assertThat(got).as(dataType).isEqualTo(one);
            codat.assertValid(got, schema);
            assertError(api.get(list + "/no-such-record"), 404);
        });

        // bank transactions are read per bank account, as Codat does
        List<JsonNode> lines = sandboxRecords(sandbox, "accounting", "bankTransactions");
        int served = 0;
        for (JsonNode account : sandboxRecords(sandbox, "accounting", "bankAccounts")) {
            String id = account.path("id").asString();
            JsonNode page = ok(api.get(link.connectionPath() + "/data/bankAccounts/" + id
                    + "/bankTransactions?pageSize=2000"));
            List<JsonNode> expected = lines.stream().filter(l -> l.path("accountId").asString().equals(id)).toList();
            assertThat(byId(page.path("results"))).as(id).isEqualTo(byId(NODES.arrayNode().addAll(expected)));
            page.path("results").forEach(r -> codat.assertValid(r, "AccountingBankTransaction"));
            assertThat(page.path("_links").path("self").path("href").asString())
                    .isEqualTo(link.connectionPath() + "/data/bankAccounts/" + id + "/bankTransactions");
            served += page.path("results").size();
        }
        assertThat(served).isEqualTo(lines.size()).isPositive();
        checked.put("bankTransactions", served);
        String current = link.connectionPath() + "/data/bankAccounts/ba-0/bankTransactions";
        JsonNode receipts = ok(api.get(current + "?pageSize=5&orderBy=-amount&query=" + enc("amount>0")));
        BigDecimal largest = lines.stream().filter(l -> l.path("accountId").asString().equals("ba-0"))
                .map(l -> l.path("amount").decimalValue()).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(receipts.path("results").get(0).path("amount").decimalValue()).isEqualByComparingTo(largest);
        assertThat(ok(api.get(current + "?page=2&pageSize=10")).path("_links").path("previous").path("href")
                .asString()).contains("/bankAccounts/ba-0/bankTransactions?page=1&pageSize=10");
        assertThat(ok(api.get(link.connectionPath() + "/data/bankAccounts/ba-99/bankTransactions"))
                .path("totalResults").asInt()).isZero();
        assertError(api.get(link.companyPath() + "/connections/" + java.util.UUID.randomUUID()
                + "/data/transfers"), 404);
        assertBadField(api.get(link.companyPath() + "/data/taxRates?pageSize=lots"), "pageSize");
        assertThat(checked).hasSize(12).allSatisfy((type, count) -> assertThat(count).as(type).isPositive());
        System.out.println("Records validated against Codat's schemas, per data type: " + checked);

        // aged debtors and creditors, worked out here from the sandbox's own records
        String reports = link.companyPath() + "/reports/";
        assertThat(ok(api.get(reports + "agedDebtor/available")).asBoolean()).isTrue();
        assertThat(ok(api.get(reports + "agedCreditor/available")).asBoolean()).isTrue();
        JsonNode debtors = ok(api.get(reports + "agedDebtor?reportDate=2025-12-31&numberOfPeriods=4"
                + "&periodLengthDays=30"));
        codat.assertValid(debtors, "AccountingAgedDebtorReport");
        assertAged(debtors, "customerId", aged(sandbox, "invoices", "creditNotes", "payments", "Invoice",
                "customerRef", "Invoices", "CreditNotes"));
        JsonNode creditors = ok(api.get(reports + "agedCreditor?reportDate=2025-12-31&numberOfPeriods=4"
                + "&periodLengthDays=30"));
        codat.assertValid(creditors, "AccountingAgedCreditorReport");
        assertAged(creditors, "supplierId", aged(sandbox, "bills", "billCreditNotes", "billPayments", "Bill",
                "supplierRef", "Bills", "BillCreditNotes"));
        JsonNode first = debtors.path("data").get(0).path("agedCurrencyOutstanding").get(0)
                .path("agedOutstandingAmounts");
        assertThat(first.get(0).path("fromDate").asString()).isEqualTo("2025-12-01T00:00:00");
        assertThat(first.get(0).path("toDate").asString()).isEqualTo("2025-12-31T00:00:00");
        assertThat(first.get(3).path("fromDate").asString()).isEqualTo("0001-01-01T00:00:00");
        assertThat(first.get(3).path("toDate").asString()).isEqualTo("2025-10-02T00:00:00");
        assertBadField(api.get(reports + "agedDebtor?numberOfPeriods=0"), "numberOfPeriods");
        assertBadField(api.get(reports + "agedCreditor?reportDate=soon"), "reportDate");
        assertBadField(api.get(reports + "agedCreditor?periodLengthDays=x"), "periodLengthDays");
        String unsynced = "/companies/" + api.post("/companies", "{\"name\":\"No books Ltd\"}").json().path("id")
                .asString() + "/reports/";
        assertThat(ok(api.get(unsynced + "agedDebtor/available")).asBoolean()).isFalse();
        assertError(api.get(unsynced + "agedDebtor"), 404);
    }

    /**
     * customer (supplier) id → currency → period (0: the 30 days to 2025-12-31, 3: everything before) → detail →
     * what was still owed on 2025-12-31: documents less what payments dated before it allocated, credits negative.
     */
    private static Map<String, Map<String, Map<Integer, Map<String, BigDecimal>>>> aged(Api sandbox,
            String documents, String credits, String payments, String link, String partyRef, String documentsName,
            String creditsName) {
        java.time.LocalDate reportDate = java.time.LocalDate.parse("2025-12-31");
        Map<String, BigDecimal> paid = new java.util.HashMap<>();
        for (JsonNode payment : sandboxRecords(sandbox, "accounting", payments)) {
            if (java.time.LocalDate.parse(payment.path("date").asString().substring(0, 10)).isBefore(reportDate)) {
                for (JsonNode line : payment.path("lines")) {
                    for (JsonNode l : line.path("links")) {
                        if (l.path("type").asString().equals(link)) {
                            paid.merge(l.path("id").asString(), l.path("amount").decimalValue().negate(),
                                    BigDecimal::add);
                        }
                    }
                }
            }
        }
        Map<String, Map<String, Map<Integer, Map<String, BigDecimal>>>> owed = new java.util.TreeMap<>();
        for (String type : List.of(documents, credits)) {
            for (JsonNode d : sandboxRecords(sandbox, "accounting", type)) {
                java.time.LocalDate issued = java.time.LocalDate.parse(d.path("issueDate").asString().substring(0, 10));
                if (!issued.isBefore(reportDate)) {
                    continue;
                }
                BigDecimal amount = type.equals(credits) ? d.path("totalAmount").decimalValue().negate()
                        : d.path("totalAmount").decimalValue().subtract(paid.getOrDefault(d.path("id").asString(),
                                BigDecimal.ZERO));
                long days = reportDate.toEpochDay() - issued.toEpochDay();
                int period = (int) Math.min(3, (days - 1) / 30);
                owed.computeIfAbsent(d.path(partyRef).path("id").asString(), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(d.path("currency").asString(), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(period, k -> new java.util.TreeMap<>())
                        .merge(type.equals(credits) ? creditsName : documentsName, amount, BigDecimal::add);
            }
        }
        return owed;
    }

    private static void assertAged(JsonNode report, String idField,
            Map<String, Map<String, Map<Integer, Map<String, BigDecimal>>>> expected) {
        assertThat(report.path("reportDate").asString()).isEqualTo("2025-12-31T00:00:00");
        Map<String, Map<String, Map<Integer, Map<String, BigDecimal>>>> served = new java.util.TreeMap<>();
        for (JsonNode row : report.path("data")) {
            for (JsonNode currency : row.path("agedCurrencyOutstanding")) {
                List<JsonNode> periods = list(currency.path("agedOutstandingAmounts"));
                assertThat(periods).hasSize(4);
                for (int k = 0; k < 4; k++) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (JsonNode detail : periods.get(k).path("details")) {
                        served.computeIfAbsent(row.path(idField).asString(), x -> new java.util.TreeMap<>())
                                .computeIfAbsent(currency.path("currency").asString(), x -> new java.util.TreeMap<>())
                                .computeIfAbsent(k, x -> new java.util.TreeMap<>())
                                .put(detail.path("name").asString(), detail.path("amount").decimalValue());
                        sum = sum.add(detail.path("amount").decimalValue());
                    }
                    assertThat(periods.get(k).path("amount").decimalValue()).isEqualByComparingTo(sum);
                }
            }
        }
        assertThat(served.keySet()).isEqualTo(expected.keySet());
        expected.forEach((party, currencies) -> currencies.forEach((currency, periods) -> periods.forEach(
                (k, details) -> details.forEach((name, amount) -> assertThat(served.get(party).get(currency).get(k)
                        .get(name)).as(party + " " + currency + " " + k + " " + name).isEqualByComparingTo(amount)))));
    }

    @Test
    void financialStatementsAgreeWithTheSandboxsBooks() {
        // an organisation whose documents no other test deletes: the books keep every generated document
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbac", "user_expiring");
        awaitStatuses(link, ACCOUNTING);
        Api sandbox = sandboxApi(link);
        List<JsonNode> monthlyProfit = sandboxRecords(sandbox, "accounting", "profitAndLoss");
        List<JsonNode> monthlySheets = sandboxRecords(sandbox, "accounting", "balanceSheet");
        monthlyProfit.sort(Comparator.comparing(r -> r.path("fromDate").asString()));
        monthlySheets.sort(Comparator.comparing(r -> r.path("date").asString()));
        String financials = link.companyPath() + "/data/financials/";

        // month by month: the sandbox's own statements, most recent first
        JsonNode monthly = ok(api.get(financials + "profitAndLoss?periodLength=1&periodsToCompare=12"));
        assertThat(monthly.path("currency").asString()).isEqualTo("GBP");
        assertThat(monthly.path("reportBasis").asString()).isEqualTo("Accrual");
        assertThat(monthly.path("earliestAvailableMonth").asString()).isEqualTo("2025-01-01T00:00:00");
        assertThat(monthly.path("mostRecentAvailableMonth").asString()).isEqualTo("2025-12-01T00:00:00");
        List<JsonNode> reports = list(monthly.path("reports"));
        assertThat(reports).hasSize(12);
        for (int m = 0; m < 12; m++) {
            JsonNode report = reports.get(11 - m);
            JsonNode source = monthlyProfit.get(m);
            assertThat(report.path("fromDate").asString()).isEqualTo(source.path("fromDate").asString());
            assertThat(report.path("netProfit").decimalValue()).isEqualByComparingTo(
                    source.path("netProfit").decimalValue());
            assertThat(report.path("income").path("value").decimalValue()).isEqualByComparingTo(
                    source.path("income").path("value").decimalValue());
        }

        // quarters from January: each the sum of its three months, line by line
        JsonNode quarters = ok(api.get(financials + "profitAndLoss?periodLength=3&periodsToCompare=4&startMonth="
                + "2025-01-01"));
        List<JsonNode> q = list(quarters.path("reports"));
        assertThat(q).extracting(r -> r.path("fromDate").asString()).containsExactly("2025-10-01T00:00:00",
                "2025-07-01T00:00:00", "2025-04-01T00:00:00", "2025-01-01T00:00:00");
        assertThat(q.get(3).path("toDate").asString()).isEqualTo("2025-03-31T00:00:00");
        for (int k = 0; k < 4; k++) {
            JsonNode quarter = q.get(3 - k);
            for (String field : List.of("grossProfit", "netOperatingProfit", "netProfit")) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int m = 3 * k; m < 3 * k + 3; m++) {
                    sum = sum.add(monthlyProfit.get(m).path(field).decimalValue());
                }
                assertThat(quarter.path(field).decimalValue()).as(field + " Q" + (k + 1)).isEqualByComparingTo(sum);
            }
            BigDecimal wages = BigDecimal.ZERO;
            for (int m = 3 * k; m < 3 * k + 3; m++) {
                wages = wages.add(item(monthlyProfit.get(m).path("expenses"), "acc-9").path("value").decimalValue());
            }
            assertThat(item(quarter.path("expenses"), "acc-9").path("value").decimalValue())
                    .isEqualByComparingTo(wages);
        }

        // the year's sales are the invoices less the credit notes, in GBP
        BigDecimal sales = BigDecimal.ZERO;
        for (JsonNode invoice : sandboxRecords(sandbox, "accounting", "invoices")) {
            sales = sales.add(gbp(invoice.path("subTotal"), invoice.path("currencyRate")));
        }
        for (JsonNode credit : sandboxRecords(sandbox, "accounting", "creditNotes")) {
            sales = sales.subtract(gbp(credit.path("subTotal"), credit.path("currencyRate")));
        }
        JsonNode year = ok(api.get(financials + "profitAndLoss?periodLength=12&periodsToCompare=1")).path("reports")
                .get(0);
        assertThat(year.path("income").path("value").decimalValue()).isEqualByComparingTo(sales);

        // quarter-end balance sheets: they balance, and retained earnings grow by each quarter's profit
        JsonNode sheets = ok(api.get(financials + "balanceSheet?periodLength=3&periodsToCompare=4&startMonth=2025-01"));
        List<JsonNode> s = list(sheets.path("reports"));
        assertThat(s).extracting(r -> r.path("date").asString()).containsExactly("2025-12-31T00:00:00",
                "2025-09-30T00:00:00", "2025-06-30T00:00:00", "2025-03-31T00:00:00");
        for (int k = 0; k < 4; k++) {
            JsonNode sheet = s.get(3 - k);
            JsonNode source = monthlySheets.get(3 * k + 2);
            assertThat(sheet.path("assets")).isEqualTo(source.path("assets"));
            BigDecimal assets = sheet.path("assets").path("value").decimalValue();
            BigDecimal liabilities = sheet.path("liabilities").path("value").decimalValue();
            BigDecimal equity = sheet.path("equity").path("value").decimalValue();
            assertThat(assets).isEqualByComparingTo(liabilities.add(equity));
            assertThat(sheet.path("netAssets").decimalValue()).isEqualByComparingTo(equity);
            if (k > 0) {
                BigDecimal growth = item(sheet.path("equity"), "acc-7").path("value").decimalValue()
                        .subtract(item(s.get(4 - k).path("equity"), "acc-7").path("value").decimalValue());
                assertThat(growth).isEqualByComparingTo(q.get(3 - k).path("netProfit").decimalValue());
            }
        }
        // the chart of accounts' cash is what the bank accounts hold
        BigDecimal cash = ok(api.get(link.companyPath() + "/data/accounts/acc-0")).path("currentBalance")
                .decimalValue();
        BigDecimal held = BigDecimal.ZERO;
        for (JsonNode account : list(ok(api.get(link.connectionPath() + "/data/bankAccounts")).path("results"))) {
            held = held.add(gbp(account.path("balance"), rate(account.path("currency").asString())));
        }
        assertThat(held).isEqualByComparingTo(cash);

        assertBadField(api.get(financials + "balanceSheet?periodsToCompare=2"), "periodLength");
        assertBadField(api.get(financials + "profitAndLoss?periodLength=1"), "periodsToCompare");
        assertBadField(api.get(financials + "profitAndLoss?periodLength=13&periodsToCompare=1"), "periodLength");
        assertBadField(api.get(financials + "profitAndLoss?periodLength=1&periodsToCompare=1&startMonth=soon"),
                "startMonth");
        assertBadField(api.get(financials + "profitAndLoss?periodLength=x&periodsToCompare=1"), "periodLength");
        assertBadField(api.get(link.companyPath() + "/data/bills?page=two"), "page");
    }

    @Test
    void everyCommerceDataTypeIsServedExactlyAsTheSandboxHoldsIt() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitStatuses(link, COMMERCE);
        Api sandbox = sandboxApi(link);
        CodatSchemas codat = CodatSchemas.load("Codat-Commerce.json");
        Map<String, String> schemas = Map.of("commerce-customers", "Customer", "commerce-orders", "Order",
                "commerce-products", "Product", "commerce-payments", "Payment", "commerce-transactions",
                "Transaction");
        schemas.forEach((dataType, schema) -> {
            List<JsonNode> expected = sandboxRecords(sandbox, "commerce", dataType);
            String list = link.connectionPath() + "/data/" + dataType;
            JsonNode served = ok(api.get(list + "?pageSize=2000"));
            assertThat(byId(served.path("results"))).as(dataType).isEqualTo(expected);
            served.path("results").forEach(r -> codat.assertConforms(r, schema, "modifiedDate",
                    "sourceModifiedDate"));
            JsonNode one = expected.get(expected.size() / 2);
            assertThat(ok(api.get(list + "/" + one.path("id").asString()))).isEqualTo(one);
            assertError(api.get(list + "/unknown-7"), 404);
        });
        ObjectNode info = (ObjectNode) sandboxRecords(sandbox, "commerce", "commerce-companyInfo").get(0);
        info.remove("id");
        JsonNode servedInfo = ok(api.get(link.connectionPath() + "/data/commerce-info"));
        assertThat(servedInfo).isEqualTo(info);
        codat.assertConforms(servedInfo, "CompanyInfo");

        String transactions = link.connectionPath() + "/data/commerce-transactions";
        JsonNode fees = ok(api.get(transactions + "?pageSize=2000&orderBy=totalAmount&query=" + enc("type=PaymentFee")));
        assertThat(fees.path("totalResults").asInt()).isEqualTo(150);
        List<JsonNode> feeList = list(fees.path("results"));
        assertThat(feeList).allSatisfy(t -> assertThat(t.path("totalAmount").decimalValue().signum()).isNegative());
        assertThat(feeList).isSortedAccordingTo(Comparator.comparing(t -> t.path("totalAmount").decimalValue()));
        JsonNode page = ok(api.get(transactions + "?page=3&pageSize=40"));
        assertThat(page.path("results").size()).isEqualTo(40);
        assertThat(page.path("_links").path("next").path("href").asString()).contains("page=4");
    }

    @Test
    void bankingTransactionCategoriesAreServedById() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_good");
        awaitStatuses(link, List.of("banking-transactionCategories"));
        Api sandbox = sandboxApi(link);
        String categories = link.connectionPath() + "/data/banking-transactionCategories";
        assertThat(ok(api.get(categories + "/cat-3")))
                .isEqualTo(sandbox.get("/sandbox/banking/api/data/banking-transactionCategories/cat-3").json());
        assertError(api.get(categories + "/cat-99"), 404);
    }

    // ---- helpers

    private void awaitStatuses(SandboxLink link, List<String> dataTypes) {
        await().atMost(SYNC).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode statuses = api.get(link.companyPath() + "/dataStatus").json();
            for (String dataType : dataTypes) {
                assertThat(statuses.path(dataType).path("currentStatus").asString()).as(dataType + " " + statuses)
                        .isEqualTo("Complete");
            }
        });
    }

    private Api sandboxApi(SandboxLink link) {
        return Api.at(port).withBearer(link.accessToken(credentials));
    }

    private static List<JsonNode> sandboxRecords(Api sandbox, String platform, String dataType) {
        Api.Response listed = sandbox.get("/sandbox/" + platform + "/api/data/" + dataType + "?pageSize=5000");
        return byId(ok(listed).path("results"));
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode item(JsonNode line, String accountId) {
        return list(line.path("items")).stream().filter(i -> i.path("accountId").asString().equals(accountId))
                .findFirst().orElseThrow();
    }

    private static BigDecimal gbp(JsonNode amount, JsonNode rate) {
        return gbp(amount, rate.decimalValue());
    }

    private static BigDecimal gbp(JsonNode amount, BigDecimal rate) {
        return amount.decimalValue().multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal rate(String currency) {
        return switch (currency) {
            case "EUR" -> new BigDecimal("0.8550");
            case "USD" -> new BigDecimal("0.7900");
            default -> BigDecimal.ONE;
        };
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<JsonNode> byId(JsonNode array) {
        List<JsonNode> records = new ArrayList<>(list(array));
        records.sort(Comparator.comparing(r -> r.path("id").asString()));
        return records;
    }

    private static final tools.jackson.databind.node.JsonNodeFactory NODES =
            tools.jackson.databind.node.JsonNodeFactory.instance;

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
