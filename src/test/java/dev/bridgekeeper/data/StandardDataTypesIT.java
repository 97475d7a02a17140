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
            "balanceSheet", "profitAndLoss");
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

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
