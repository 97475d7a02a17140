package dev.bridgekeeper.connector.xero.emulator;

import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.REDIRECT;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.SCOPES;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.basic;
import static dev.bridgekeeper.connector.xero.emulator.EmulatorHttp.json;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.DEMO_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.HARBOUR_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.MULTI_ORG_USER;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.NORTHWIND_TENANT;
import static dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The emulated Accounting API over real HTTP: paging, If-Modified-Since, where/order, statuses, reports, checks. */
class XeroEmulatorApiTest {

    private static XeroEmulator xero;
    private static EmulatorHttp client;
    private static String access;

    @BeforeAll
    static void start() {
        // generous limits here: the limits have their own test
        xero = XeroEmulator.start(XeroEmulatorConfig.defaults().withRateLimits(RateLimitPolicy.xeroDefaults()
                .withTenantCallsPerMinute(100_000).withDayLimit(1_000_000, java.time.Duration.ofDays(1))))
                .registerApp(EmulatorHttp.app());
        client = new EmulatorHttp(xero);
        access = client.link(MULTI_ORG_USER, List.of(DEMO_TENANT, NORTHWIND_TENANT, HARBOUR_TENANT), SCOPES)
                .path("access_token").asString();
    }

    @AfterAll
    static void stop() {
        xero.close();
    }

    @AfterEach
    void everyRequestMatchedXerosDescription() {
        List<EmulatorStats.Violation> violations = xero.stats().violations();
        xero.stats().reset();
        assertThat(violations).isEmpty();
    }

    private static JsonNode get(UUID tenant, String path, String... headers) {
        HttpResponse<String> response = client.api(access, tenant, path, headers);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void pagesOfAHundredCoverEveryInvoiceAndBillExactlyOnce() {
        int expected = xero.ledger(DEMO_TENANT).count("Invoices");
        Set<String> seen = new HashSet<>();
        int page = 1;
        int pages = 0;
        while (true) {
            JsonNode body = get(DEMO_TENANT, "/Invoices?page=" + page);
            JsonNode invoices = body.path("Invoices");
            assertThat(invoices.size()).isLessThanOrEqualTo(100);
            assertThat(body.path("pagination").path("itemCount").asInt()).isEqualTo(expected);
            if (invoices.isEmpty()) {
                break;
            }
            pages++;
            invoices.forEach(i -> seen.add(i.path("InvoiceID").asString()));
            assertThat(invoices.get(invoices.size() - 1).has("LineItems")).isTrue();
            page++;
        }
        assertThat(seen).hasSize(expected);
        assertThat(pages).isEqualTo((expected + 99) / 100);
        assertThat(get(DEMO_TENANT, "/Invoices?page=1").path("pagination").path("pageCount").asInt()).isEqualTo(pages);
    }

    @Test
    void aPageSizeAboveAThousandIsCappedAtAThousand() {
        JsonNode body = get(DEMO_TENANT, "/BankTransactions?page=1&pageSize=5000");
        assertThat(body.path("pagination").path("pageSize").asInt()).isEqualTo(1000);
        JsonNode small = get(DEMO_TENANT, "/BankTransactions?page=2&pageSize=7");
        assertThat(small.path("BankTransactions")).hasSize(7);
    }

    @Test
    void withoutPagingInvoicesComeWithoutLineItems() {
        JsonNode body = get(DEMO_TENANT, "/Invoices");
        assertThat(body.has("pagination")).isFalse();
        assertThat(body.path("Invoices")).hasSize(xero.ledger(DEMO_TENANT).count("Invoices"));
        body.path("Invoices").forEach(i -> assertThat(i.has("LineItems")).isFalse());
    }

    @Test
    void datesUseXerosMicrosoftJsonFormatAndTheEnvelopeNamesTheApp() {
        JsonNode body = get(NORTHWIND_TENANT, "/Invoices?page=1");
        assertThat(body.path("Status").asString()).isEqualTo("OK");
        assertThat(body.path("ProviderName").asString()).isEqualTo("Bridgekeeper test app");
        assertThat(body.path("DateTimeUTC").asString()).matches("/Date\\(\\d+\\)/");
        JsonNode invoice = body.path("Invoices").get(0);
        assertThat(invoice.path("Date").asString()).matches("/Date\\(\\d+\\+0000\\)/");
        assertThat(invoice.path("UpdatedDateUTC").asString()).matches("/Date\\(\\d+\\+0000\\)/");
        assertThat(invoice.path("DateString").asString()).matches("\\d{4}-\\d\\d-\\d\\dT00:00:00");
    }

    @Test
    void ifModifiedSinceReturnsOnlyWhatChangedAfterwards() {
        String since = Instant.now().minusSeconds(1).toString();
        assertThat(get(HARBOUR_TENANT, "/Contacts?page=1", "If-Modified-Since", since).path("Contacts")).isEmpty();
        Ledger ledger = xero.ledger(HARBOUR_TENANT);
        ObjectNode contact = ledger.records("Contacts").stream()
                .filter(c -> c.path("ContactStatus").asString().equals("ACTIVE")).findFirst().orElseThrow();
        ledger.change("Contacts", contact.path("ContactID").asString(), c -> c.put("Name", "Renamed Ltd"));
        ObjectNode invoice = ledger.records("Invoices").stream().filter(i -> Ledger.isStatus(i, "AUTHORISED"))
                .findFirst().orElseThrow();
        ledger.voidDocument("Invoices", invoice.path("InvoiceID").asString());

        JsonNode contacts = get(HARBOUR_TENANT, "/Contacts?page=1", "If-Modified-Since", since).path("Contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).path("Name").asString()).isEqualTo("Renamed Ltd");
        JsonNode invoices = get(HARBOUR_TENANT, "/Invoices?page=1", "If-Modified-Since", since).path("Invoices");
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).path("Status").asString()).isEqualTo("VOIDED");
        assertThat(invoices.get(0).path("AmountDue").decimalValue()).isZero();
        assertThat(XeroDates.parseMsJson(invoices.get(0).path("UpdatedDateUTC").asString()))
                .isAfterOrEqualTo(Instant.parse(since));
        // endpoints without the header in Xero's description ignore it
        assertThat(get(HARBOUR_TENANT, "/TaxRates", "If-Modified-Since", since).path("TaxRates")).isNotEmpty();
    }

    @Test
    void archivedContactsAppearOnlyWhenAskedFor() {
        Ledger ledger = xero.ledger(NORTHWIND_TENANT);
        String id = ledger.records("Contacts").get(3).path("ContactID").asString();
        ledger.archiveContact(id);
        long archived = ledger.records("Contacts").stream()
                .filter(c -> c.path("ContactStatus").asString().equals("ARCHIVED")).count();
        JsonNode active = get(NORTHWIND_TENANT, "/Contacts").path("Contacts");
        JsonNode all = get(NORTHWIND_TENANT, "/Contacts?includeArchived=true").path("Contacts");
        assertThat(all.size() - active.size()).isEqualTo((int) archived);
        assertThat(all.toString()).contains(id);
        assertThat(active.toString()).doesNotContain(id);
    }

    @Test
    void voidedAndDeletedDocumentsStayListedWithTheirStatus() {
        Ledger ledger = xero.ledger(DEMO_TENANT);
        for (String status : List.of("VOIDED", "DELETED", "DRAFT", "PAID")) {
            long expected = ledger.records("Invoices").stream().filter(i -> Ledger.isStatus(i, status)).count();
            assertThat(expected).as(status).isPositive();
            JsonNode listed = get(DEMO_TENANT, "/Invoices?where=" + enc("Status==\"" + status + "\"")).path("Invoices");
            assertThat(listed.size()).as(status).isEqualTo((int) expected);
        }
        long deletedBankTransactions = ledger.records("BankTransactions").stream()
                .filter(b -> Ledger.isStatus(b, "DELETED")).count();
        assertThat(get(DEMO_TENANT, "/BankTransactions?where=" + enc("Status==\"DELETED\"")).path("BankTransactions")
                .size()).isEqualTo((int) deletedBankTransactions).isPositive();
        // deleted bank transfers only with includeDeleted=true
        int transfers = get(DEMO_TENANT, "/BankTransfers").path("BankTransfers").size();
        int withDeleted = get(DEMO_TENANT, "/BankTransfers?includeDeleted=true").path("BankTransfers").size();
        assertThat(withDeleted).isGreaterThan(transfers);
    }

    @Test
    void whereAndOrderFilterAndSortLikeXero() {
        Ledger ledger = xero.ledger(DEMO_TENANT);
        long bills = ledger.records("Invoices").stream().filter(i -> i.path("Type").asString().equals("ACCPAY")).count();
        JsonNode listed = get(DEMO_TENANT, "/Invoices?where=" + enc("Type==\"ACCPAY\"") + "&order="
                + enc("InvoiceNumber DESC")).path("Invoices");
        assertThat(listed.size()).isEqualTo((int) bills);
        List<String> numbers = new ArrayList<>();
        listed.forEach(i -> {
            assertThat(i.path("Type").asString()).isEqualTo("ACCPAY");
            numbers.add(i.path("InvoiceNumber").asString());
        });
        assertThat(numbers).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        String contactId = ledger.records("Invoices").get(0).path("Contact").path("ContactID").asString();
        long ofContact = ledger.records("Invoices").stream()
                .filter(i -> i.path("Contact").path("ContactID").asString().equals(contactId)).count();
        JsonNode byContact = get(DEMO_TENANT, "/Invoices?where=" + enc("Contact.ContactID==Guid(\"" + contactId + "\")"
                + " AND Date>=DateTime(2000,1,1)")).path("Invoices");
        assertThat(byContact.size()).isEqualTo((int) ofContact);
        assertThat(get(DEMO_TENANT, "/Invoices?ContactIDs=" + contactId).path("Invoices").size())
                .isEqualTo((int) ofContact);

        HttpResponse<String> bad = client.api(access, DEMO_TENANT, "/Invoices?where=" + enc("Type=="));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("Type").asString()).isEqualTo("ValidationException");
    }

    @Test
    void journalsPageByOffsetAHundredAtATimeAndEachBalances() {
        int expected = xero.ledger(NORTHWIND_TENANT).journals().size();
        int offset = 0;
        int seen = 0;
        while (true) {
            JsonNode journals = get(NORTHWIND_TENANT, "/Journals?offset=" + offset).path("Journals");
            assertThat(journals.size()).isLessThanOrEqualTo(100);
            if (journals.isEmpty()) {
                break;
            }
            for (JsonNode journal : journals) {
                assertThat(journal.path("JournalNumber").asInt()).isGreaterThan(offset);
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode line : journal.path("JournalLines")) {
                    sum = sum.add(line.path("NetAmount").decimalValue());
                }
                assertThat(sum).as("journal " + journal.path("JournalNumber")).isZero();
                offset = journal.path("JournalNumber").asInt();
                seen++;
            }
        }
        assertThat(seen).isEqualTo(expected).isGreaterThan(100);
    }

    @Test
    void theBalanceSheetBalancesAndTheTrialBalanceNetsToZero() {
        JsonNode sheet = get(DEMO_TENANT, "/Reports/BalanceSheet?date=2026-06-30&periods=2&timeframe=MONTH")
                .path("Reports").get(0);
        assertThat(sheet.path("ReportType").asString()).isEqualTo("BalanceSheet");
        assertThat(sheet.path("Rows").get(0).path("Cells")).hasSize(4);
        Map<String, JsonNode> totals = new java.util.HashMap<>();
        for (JsonNode section : sheet.path("Rows")) {
            for (JsonNode row : section.path("Rows")) {
                totals.put(row.path("Cells").get(0).path("Value").asString(), row.path("Cells"));
            }
        }
        for (int column = 1; column <= 3; column++) {
            BigDecimal assets = new BigDecimal(totals.get("Total Assets").get(column).path("Value").asString());
            BigDecimal liabilities = new BigDecimal(totals.get("Total Liabilities").get(column).path("Value").asString());
            BigDecimal equity = new BigDecimal(totals.get("Total Equity").get(column).path("Value").asString());
            assertThat(assets.subtract(liabilities)).as("column " + column).isEqualByComparingTo(equity);
        }
        assertThat(new BigDecimal(totals.get("Total Bank").get(1).path("Value").asString())).isPositive();

        JsonNode trial = get(DEMO_TENANT, "/Reports/TrialBalance?date=2026-06-30").path("Reports").get(0);
        JsonNode total = trial.path("Rows").get(trial.path("Rows").size() - 1).path("Rows").get(0).path("Cells");
        assertThat(total.get(0).path("Value").asString()).isEqualTo("Total");
        assertThat(new BigDecimal(total.get(1).path("Value").asString()))
                .isEqualByComparingTo(new BigDecimal(total.get(2).path("Value").asString())).isPositive();

        JsonNode profit = get(DEMO_TENANT, "/Reports/ProfitAndLoss?fromDate=2025-07-01&toDate=2026-06-30")
                .path("Reports").get(0);
        assertThat(profit.path("Rows").toString()).contains("Total Income", "Net Profit");
    }

    @Test
    void agedReceivablesNeedAContactAndListItsOpenInvoices() {
        Ledger ledger = xero.ledger(DEMO_TENANT);
        ObjectNode open = ledger.records("Invoices").stream()
                .filter(i -> i.path("Type").asString().equals("ACCREC") && Ledger.isStatus(i, "AUTHORISED")
                        && i.path("AmountDue").decimalValue().signum() > 0)
                .findFirst().orElseThrow();
        String contactId = open.path("Contact").path("ContactID").asString();
        BigDecimal due = ledger.records("Invoices").stream()
                .filter(i -> i.path("Type").asString().equals("ACCREC") && Ledger.isStatus(i, "AUTHORISED", "PAID")
                        && i.path("Contact").path("ContactID").asString().equals(contactId))
                .map(i -> i.path("AmountDue").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode report = get(DEMO_TENANT, "/Reports/AgedReceivablesByContact?contactId=" + contactId
                + "&date=2026-06-30&fromDate=2020-01-01").path("Reports").get(0);
        JsonNode closing = report.path("Rows").get(report.path("Rows").size() - 1).path("Rows").get(0).path("Cells");
        assertThat(closing.get(0).path("Value").asString()).isEqualTo("Closing Balance");
        assertThat(new BigDecimal(closing.get(7).path("Value").asString())).isEqualByComparingTo(due);

        HttpResponse<String> missing = client.api(access, DEMO_TENANT, "/Reports/AgedReceivablesByContact?date=2026-06-30");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(xero.stats().violations()).singleElement().satisfies(v ->
                assertThat(v.problems().toString()).contains("contactId"));
        xero.stats().reset();
    }

    @Test
    void theDocumentedExampleRecordsAreServed() {
        for (ObjectNode example : VendorSpec.exampleRecords("/Invoices", "Invoices")) {
            String id = example.path("InvoiceID").asString();
            JsonNode served = get(DEMO_TENANT, "/Invoices/" + id).path("Invoices").get(0);
            assertThat(served).isEqualTo(example);
        }
        String exampleContact = VendorSpec.exampleRecords("/Contacts", "Contacts").get(0).path("ContactID").asString();
        assertThat(get(NORTHWIND_TENANT, "/Contacts/" + exampleContact).path("Contacts")).hasSize(1);
    }

    @Test
    void attachmentsAreListedAndDownloadable() {
        ObjectNode invoice = xero.ledger(DEMO_TENANT).records("Invoices").stream()
                .filter(i -> i.path("HasAttachments").asBoolean(false) && i.has("LineAmountTypes"))
                .findFirst().orElseThrow();
        String id = invoice.path("InvoiceID").asString();
        JsonNode attachment = get(DEMO_TENANT, "/Invoices/" + id + "/Attachments").path("Attachments").get(0);
        assertThat(attachment.path("MimeType").asString()).isEqualTo("application/pdf");
        HttpResponse<String> content = client.api(access, DEMO_TENANT, "/Invoices/" + id + "/Attachments/"
                + attachment.path("AttachmentID").asString(), "contentType", "application/pdf", "Accept",
                "application/octet-stream");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).startsWith("%PDF");
        assertThat(content.body().length()).isEqualTo(attachment.path("ContentLength").asInt());
    }

    @Test
    void aWrongParameterIsAnsweredAsXeroDoesAndRecorded() {
        HttpResponse<String> wrongType = client.api(access, DEMO_TENANT, "/Invoices?page=first");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).path("ErrorNumber").asInt()).isEqualTo(10);
        HttpResponse<String> unknown = client.api(access, DEMO_TENANT, "/Contacts?modifiedAfter=2020-01-01");
        assertThat(unknown.statusCode()).isEqualTo(400);
        HttpResponse<String> badDate = client.api(access, DEMO_TENANT, "/Contacts", "If-Modified-Since",
                "last tuesday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(xero.stats().violations()).hasSize(3);
        assertThat(xero.stats().violations().get(1).problems().toString()).contains("modifiedAfter");
        xero.stats().reset();
    }

    @Test
    void callsWithoutTokenOrTenantOrScopeAreRefused() {
        HttpResponse<String> noToken = client.api(null, DEMO_TENANT, "/Accounts");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> noTenant = client.api(access, null, "/Accounts");
        assertThat(noTenant.statusCode()).isEqualTo(403);
        assertThat(xero.stats().violations()).singleElement().satisfies(v ->
                assertThat(v.problems().toString()).contains("xero-tenant-id"));
        xero.stats().reset();

        String clientId = "NARROW" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        xero.registerApp(new XeroApp("Settings-only app", clientId, "narrow", Set.of(REDIRECT), false));
        URI back = client.browser.allow(client.authorizeUrl(clientId, "offline_access accounting.settings.read", "s",
                null), MULTI_ORG_USER, PASSWORD, List.of(DEMO_TENANT));
        String narrow = json(client.token(basic(clientId, "narrow"), Map.of("grant_type", "authorization_code", "code",
                XeroSignIn.callbackParameters(back).get("code"), "redirect_uri", REDIRECT))).path("access_token")
                .asString();
        assertThat(client.api(narrow, DEMO_TENANT, "/Accounts").statusCode()).isEqualTo(200);
        HttpResponse<String> invoices = client.api(narrow, DEMO_TENANT, "/Invoices");
        assertThat(invoices.statusCode()).isEqualTo(401);
        assertThat(invoices.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
    }

    @Test
    void anUnknownRecordIsNotFoundAndEveryAnswerCarriesTheRemainingLimits() {
        HttpResponse<String> missing = client.api(access, DEMO_TENANT, "/Invoices/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-DayLimit-Remaining")).isPresent();
        assertThat(missing.headers().firstValue("X-MinLimit-Remaining")).isPresent();
        assertThat(missing.headers().firstValue("X-AppMinLimit-Remaining")).isPresent();
    }

    @Test
    void settingsEndpointsServeTheChartTaxRatesTrackingAndCurrencies() {
        JsonNode accounts = get(DEMO_TENANT, "/Accounts").path("Accounts");
        assertThat(accounts.toString()).contains("\"Status\":\"ARCHIVED\"", "\"Type\":\"BANK\"", "\"Code\":\"610\"");
        assertThat(get(DEMO_TENANT, "/TaxRates").path("TaxRates").size()).isGreaterThanOrEqualTo(4);
        int tracking = get(DEMO_TENANT, "/TrackingCategories").path("TrackingCategories").size();
        assertThat(get(DEMO_TENANT, "/TrackingCategories?includeArchived=true").path("TrackingCategories").size())
                .isGreaterThan(tracking);
        assertThat(get(DEMO_TENANT, "/Currencies").path("Currencies").toString()).contains("NZD");
        assertThat(get(DEMO_TENANT, "/Items").path("Items")).isNotEmpty();
        assertThat(get(DEMO_TENANT, "/PurchaseOrders?page=1").path("PurchaseOrders")).isNotEmpty();
        assertThat(get(DEMO_TENANT, "/Payments?page=1").path("Payments")).isNotEmpty();
        assertThat(get(DEMO_TENANT, "/CreditNotes?page=1").path("CreditNotes")).isNotEmpty();
        assertThat(get(DEMO_TENANT, "/ManualJournals?page=1").path("ManualJournals")).isNotEmpty();
    }

    // ---- ProfitAndLoss on the cash basis (paymentsOnly) ----

    private static final Set<String> INCOME_TYPES = Set.of("REVENUE", "SALES");
    private static final Set<String> COST_OF_SALES_TYPES = Set.of("DIRECTCOSTS");
    private static final Set<String> EXPENSE_TYPES = Set.of("EXPENSE", "OVERHEADS", "DEPRECIATN");
    private static final Set<String> OTHER_INCOME_TYPES = Set.of("OTHERINCOME");

    @Test
    void cashBasisCountsInvoicesAndBillsWhenPaidInProportionAndMoneyTransactionsOnTheirDate() {
        UUID tenant = DEMO_TENANT;
        List<JsonNode> invoices = allPages(tenant, "Invoices");
        List<JsonNode> payments = allPages(tenant, "Payments");
        // a month with a sales invoice paid in it and a sales invoice raised in it that is still wholly unpaid
        YearMonth month = null;
        YearMonth last = YearMonth.of(2026, 6);
        for (YearMonth m = YearMonth.of(2025, 1); month == null && m.isBefore(last); m = m.plusMonths(1)) {
            YearMonth candidate = m;
            boolean paidIn = payments.stream().anyMatch(p -> p.path("PaymentType").asString().equals("ACCRECPAYMENT")
                    && YearMonth.from(dateOf(p)).equals(candidate));
            boolean unpaidIn = invoices.stream().anyMatch(i -> i.path("Type").asString().equals("ACCREC")
                    && Ledger.isStatus(i, "AUTHORISED") && i.path("AmountPaid").decimalValue().signum() == 0
                    && YearMonth.from(dateOf(i)).equals(candidate));
            month = paidIn && unpaidIn ? candidate : null;
        }
        assertThat(month).as("a month with paid and unpaid sales invoices").isNotNull();
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();

        Map<String, BigDecimal> credits = cashCredits(tenant, invoices, payments, from, to);
        Map<String, String> types = accountTypes(tenant);
        Map<String, BigDecimal> cash = totals(get(tenant, "/Reports/ProfitAndLoss?fromDate=" + from + "&toDate=" + to
                + "&paymentsOnly=true").path("Reports").get(0), 1);

        assertThat(cash.get("Total Income")).isEqualByComparingTo(sumOf(credits, types, INCOME_TYPES));
        assertThat(cash.get("Total Cost of Sales")).isEqualByComparingTo(sumOf(credits, types, COST_OF_SALES_TYPES)
                .negate());
        assertThat(cash.get("Total Operating Expenses")).isEqualByComparingTo(sumOf(credits, types, EXPENSE_TYPES)
                .negate());
        // costs are debits, so their credits are negative and the profit is the sum of all four
        assertThat(cash.get("Net Profit")).isEqualByComparingTo(sumOf(credits, types, INCOME_TYPES)
                .add(sumOf(credits, types, OTHER_INCOME_TYPES)).add(sumOf(credits, types, COST_OF_SALES_TYPES))
                .add(sumOf(credits, types, EXPENSE_TYPES)));
    }

    @Test
    void overAFullyPaidRangeBothBasesAgreeApartFromCreditNotesAndAnUnpaidInvoiceCountsOnlyOnAccrual() {
        XeroEmulator own = XeroEmulator.start(XeroEmulatorConfig.defaults().withLedgerSize(LedgerSize.tiny())
                .withVendorExamples(false)).registerApp(EmulatorHttp.app());
        try {
            EmulatorHttp http = new EmulatorHttp(own);
            String token = http.link(MULTI_ORG_USER, List.of(DEMO_TENANT), SCOPES).path("access_token").asString();
            Ledger ledger = own.ledger(DEMO_TENANT);
            // 2027 is after every generated document (dated up to dataAsOf, 2026-06-30): only these count there
            BigDecimal[] sale = {new BigDecimal("300.00"), new BigDecimal("100.00")};
            ObjectNode invoice = ledger.create("Invoices", document("ACCREC", LocalDate.of(2027, 1, 10), "PAID",
                    List.of("200", "260"), List.of(sale[0], sale[1])));
            BigDecimal invoiceTotal = invoice.path("Total").decimalValue();
            BigDecimal firstPaid = new BigDecimal("160.00");
            BigDecimal secondPaid = invoiceTotal.subtract(firstPaid);
            ledger.create("Payments", payment(invoice, LocalDate.of(2027, 1, 25), firstPaid));
            ledger.create("Payments", payment(invoice, LocalDate.of(2027, 2, 14), secondPaid));
            BigDecimal billed = new BigDecimal("200.00");
            ObjectNode bill = ledger.create("Invoices", document("ACCPAY", LocalDate.of(2027, 2, 3), "PAID",
                    List.of("429"), List.of(billed)));
            ledger.create("Payments", payment(bill, LocalDate.of(2027, 3, 1), bill.path("Total").decimalValue()));
            BigDecimal fees = new BigDecimal("25.00");
            ledger.create("BankTransactions", money("SPEND", LocalDate.of(2027, 2, 20), "404", fees));
            BigDecimal received = new BigDecimal("50.00");
            ledger.create("BankTransactions", money("RECEIVE", LocalDate.of(2027, 3, 5), "200", received));
            BigDecimal credited = new BigDecimal("40.00");
            ObjectNode creditNote = document("ACCRECCREDIT", LocalDate.of(2027, 3, 10), "AUTHORISED", List.of("200"),
                    List.of(credited));
            creditNote.put("CreditNoteID", creditNote.remove("InvoiceID").asString());
            ledger.create("CreditNotes", creditNote);
            BigDecimal unpaid = new BigDecimal("500.00");
            ledger.create("Invoices", document("ACCREC", LocalDate.of(2027, 4, 12), "AUTHORISED", List.of("200"),
                    List.of(unpaid)));

            String quarter = "/Reports/ProfitAndLoss?fromDate=2027-01-01&toDate=2027-03-31";
            Map<String, BigDecimal> accrual = totals(report(http, token, quarter), 1);
            Map<String, BigDecimal> cash = totals(report(http, token, quarter + "&paymentsOnly=true"), 1);
            // per-line rounding of each payment's share may move each share by at most half a cent
            BigDecimal rounding = new BigDecimal("0.005").multiply(BigDecimal.valueOf(2 * sale.length + 1));
            assertThat(accrual.get("Total Income")).isEqualByComparingTo(sale[0].add(sale[1]).add(received)
                    .subtract(credited));
            assertThat(cash.get("Total Income")).isCloseTo(accrual.get("Total Income").add(credited), within(rounding));
            assertThat(cash.get("Total Operating Expenses")).isCloseTo(accrual.get("Total Operating Expenses"),
                    within(rounding));
            assertThat(cash.get("Net Profit")).isCloseTo(accrual.get("Net Profit").add(credited), within(rounding));

            // month by month, the invoice comes in as it is paid and the bill when it is paid
            String months = "/Reports/ProfitAndLoss?fromDate=2027-03-01&toDate=2027-03-31&periods=2&timeframe=MONTH";
            Map<String, List<BigDecimal>> byMonth = columns(report(http, token, months + "&paymentsOnly=true"));
            assertThat(byMonth.get("Total Income")).containsExactly(received,
                    share(sale[0], secondPaid, invoiceTotal).add(share(sale[1], secondPaid, invoiceTotal)),
                    share(sale[0], firstPaid, invoiceTotal).add(share(sale[1], firstPaid, invoiceTotal)));
            assertThat(byMonth.get("Total Operating Expenses")).containsExactly(billed, fees,
                    BigDecimal.ZERO.setScale(2));
            Map<String, List<BigDecimal>> accrualByMonth = columns(report(http, token, months));
            assertThat(accrualByMonth.get("Total Operating Expenses")).containsExactly(BigDecimal.ZERO.setScale(2),
                    billed.add(fees), BigDecimal.ZERO.setScale(2));

            String april = "/Reports/ProfitAndLoss?fromDate=2027-04-01&toDate=2027-04-30";
            assertThat(totals(report(http, token, april), 1).get("Total Income")).isEqualByComparingTo(unpaid);
            JsonNode cashApril = report(http, token, april + "&paymentsOnly=true");
            assertThat(totals(cashApril, 1).get("Total Income")).isZero();
            assertThat(totals(cashApril, 1)).doesNotContainKey("Sales");
            assertThat(own.stats().violations()).isEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void paymentsOnlyFalseIsTheAccrualReportAndTheCashReportKeepsItsShape() {
        String path = "/Reports/ProfitAndLoss?fromDate=2026-03-01&toDate=2026-03-31&periods=2&timeframe=MONTH";
        ObjectNode plain = (ObjectNode) get(DEMO_TENANT, path).path("Reports").get(0);
        ObjectNode asFalse = (ObjectNode) get(DEMO_TENANT, path + "&paymentsOnly=false").path("Reports").get(0);
        ObjectNode cash = (ObjectNode) get(DEMO_TENANT, path + "&paymentsOnly=true").path("Reports").get(0);
        // the stamp is the emulator's clock at the call
        List.of(plain, asFalse, cash).forEach(r -> r.remove("UpdatedDateUTC"));
        assertThat(asFalse).isEqualTo(plain);

        for (String field : List.of("ReportID", "ReportName", "ReportType", "ReportTitles", "ReportDate", "Fields")) {
            assertThat(cash.path(field)).as(field).isEqualTo(plain.path(field));
        }
        assertThat(cash.path("Rows").get(0)).isEqualTo(plain.path("Rows").get(0));
        assertThat(sectionTitles(cash)).isEqualTo(sectionTitles(plain));
        assertThat(totals(cash, 1).get("Total Income")).isNotEqualByComparingTo(totals(plain, 1).get("Total Income"));

        HttpResponse<String> bad = client.api(access, DEMO_TENANT, path + "&paymentsOnly=sometimes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("ErrorNumber").asInt()).isEqualTo(10);
        assertThat(json(bad).path("Type").asString()).isEqualTo("ValidationException");
        // not a boolean, so it also breaks the OpenAPI file's schema and is recorded like any wrong parameter
        assertThat(xero.stats().violations()).singleElement().satisfies(v -> {
            assertThat(v.target()).contains("paymentsOnly=sometimes");
            assertThat(v.problems().toString()).contains("sometimes");
        });
        xero.stats().reset();
    }

    /** Every record of a paged endpoint, with line items (pages of 1,000). */
    private static List<JsonNode> allPages(UUID tenant, String endpoint) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode records = get(tenant, "/" + endpoint + "?page=" + page + "&pageSize=1000").path(endpoint);
            if (records.isEmpty()) {
                return out;
            }
            records.forEach(out::add);
        }
    }

    private static LocalDate dateOf(JsonNode record) {
        return LocalDate.ofInstant(XeroDates.parseMsJson(record.path("Date").asString()), ZoneOffset.UTC);
    }

    private static boolean datedWithin(JsonNode record, LocalDate from, LocalDate to) {
        LocalDate date = dateOf(record);
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /**
     * The cash basis worked out from the records the API serves, as a credit (income positive) per account code:
     * each payment in the range brings its invoice's or bill's line amounts per account times amount paid over
     * the document total (rounded to cents, half up); spend/receive money and manual journals count on their date.
     */
    private static Map<String, BigDecimal> cashCredits(UUID tenant, List<JsonNode> invoices, List<JsonNode> payments,
            LocalDate from, LocalDate to) {
        Map<String, JsonNode> byId = new HashMap<>();
        invoices.stream().filter(i -> Ledger.isStatus(i, "AUTHORISED", "PAID"))
                .forEach(i -> byId.put(i.path("InvoiceID").asString().toLowerCase(Locale.ROOT), i));
        Map<String, BigDecimal> credits = new HashMap<>();
        int shares = 0;
        for (JsonNode payment : payments) {
            JsonNode invoice = byId.get(payment.path("Invoice").path("InvoiceID").asString().toLowerCase(Locale.ROOT));
            if (!Ledger.isStatus(payment, "AUTHORISED") || !datedWithin(payment, from, to) || invoice == null) {
                continue;
            }
            // with tax exclusive line amounts the line amount is what the document posts to its account
            assertThat(invoice.path("LineAmountTypes").asString()).isNotEqualTo("Inclusive");
            Map<String, BigDecimal> perAccount = new LinkedHashMap<>();
            invoice.path("LineItems").forEach(l -> perAccount.merge(l.path("AccountCode").asString(),
                    l.path("LineAmount").decimalValue(), BigDecimal::add));
            boolean sale = invoice.path("Type").asString().equals("ACCREC");
            BigDecimal paid = payment.path("Amount").decimalValue();
            BigDecimal total = invoice.path("Total").decimalValue();
            perAccount.forEach((code, amount) -> {
                BigDecimal part = share(amount, paid, total);
                credits.merge(code, sale ? part : part.negate(), BigDecimal::add);
            });
            shares++;
        }
        assertThat(shares).as("payments in the month").isPositive();
        for (JsonNode transaction : allPages(tenant, "BankTransactions")) {
            if (Ledger.isStatus(transaction, "AUTHORISED") && datedWithin(transaction, from, to)) {
                boolean receive = transaction.path("Type").asString().startsWith("RECEIVE");
                transaction.path("LineItems").forEach(l -> credits.merge(l.path("AccountCode").asString(),
                        receive ? l.path("LineAmount").decimalValue() : l.path("LineAmount").decimalValue().negate(),
                        BigDecimal::add));
            }
        }
        for (JsonNode journal : allPages(tenant, "ManualJournals")) {
            if (Ledger.isStatus(journal, "POSTED") && datedWithin(journal, from, to)) {
                journal.path("JournalLines").forEach(l -> credits.merge(l.path("AccountCode").asString(),
                        l.path("LineAmount").decimalValue().negate(), BigDecimal::add));
            }
        }
        return credits;
    }

    private static BigDecimal share(BigDecimal lineAmount, BigDecimal paid, BigDecimal total) {
        return lineAmount.multiply(paid).divide(total, 2, RoundingMode.HALF_UP);
    }

    /** Account type per code, as GET /Accounts lists them (the first account with a code is the one posted to). */
    private static Map<String, String> accountTypes(UUID tenant) {
        Map<String, String> out = new HashMap<>();
        get(tenant, "/Accounts").path("Accounts").forEach(a -> out.putIfAbsent(a.path("Code").asString(""),
                a.path("Type").asString()));
        return out;
    }

    private static BigDecimal sumOf(Map<String, BigDecimal> credits, Map<String, String> types, Set<String> wanted) {
        return credits.entrySet().stream().filter(e -> wanted.contains(types.get(e.getKey())))
                .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Each labelled row's value in one column (1 = the first period). */
    private static Map<String, BigDecimal> totals(JsonNode report, int column) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        columns(report).forEach((label, values) -> out.put(label, values.get(column - 1)));
        return out;
    }

    /** Each labelled row's values, latest period first, as the report's columns run. */
    private static Map<String, List<BigDecimal>> columns(JsonNode report) {
        Map<String, List<BigDecimal>> out = new LinkedHashMap<>();
        for (JsonNode section : report.path("Rows")) {
            for (JsonNode row : section.path("Rows")) {
                List<BigDecimal> values = new ArrayList<>();
                JsonNode cells = row.path("Cells");
                for (int i = 1; i < cells.size(); i++) {
                    values.add(new BigDecimal(cells.get(i).path("Value").asString()));
                }
                out.put(cells.get(0).path("Value").asString(), values);
            }
        }
        return out;
    }

    private static List<String> sectionTitles(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("Rows").forEach(r -> out.add(r.path("RowType").asString() + ":" + r.path("Title").asString()));
        return out;
    }

    private static JsonNode report(EmulatorHttp http, String token, String path) {
        HttpResponse<String> response = http.api(token, DEMO_TENANT, path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json(response).path("Reports").get(0);
    }

    /** An authorised invoice or bill (or, renamed, a credit note) with tax-exclusive lines at 15%. */
    private static ObjectNode document(String type, LocalDate date, String status, List<String> codes,
            List<BigDecimal> amounts) {
        ObjectNode doc = EmulatorHttp.JSON.createObjectNode();
        doc.put("InvoiceID", UUID.randomUUID().toString());
        doc.put("Type", type);
        doc.putObject("Contact").put("ContactID", UUID.randomUUID().toString()).put("Name", "Cash Basis Ltd");
        doc.put("Date", XeroDates.msJson(date));
        doc.put("LineAmountTypes", "Exclusive");
        BigDecimal total = BigDecimal.ZERO;
        ArrayNode lines = doc.putArray("LineItems");
        for (int i = 0; i < codes.size(); i++) {
            BigDecimal tax = amounts.get(i).multiply(new BigDecimal("0.15")).setScale(2, RoundingMode.HALF_UP);
            lines.addObject().put("AccountCode", codes.get(i)).put("LineAmount", amounts.get(i))
                    .put("TaxAmount", tax).put("Description", "Line " + i);
            total = total.add(amounts.get(i)).add(tax);
        }
        doc.put("Total", total);
        doc.put("AmountDue", status.equals("PAID") ? BigDecimal.ZERO.setScale(2) : total);
        doc.put("Status", status);
        return doc;
    }

    private static ObjectNode payment(JsonNode document, LocalDate date, BigDecimal amount) {
        ObjectNode payment = EmulatorHttp.JSON.createObjectNode();
        payment.put("PaymentID", UUID.randomUUID().toString());
        payment.put("Date", XeroDates.msJson(date));
        payment.put("Amount", amount);
        payment.put("PaymentType", document.path("Type").asString().equals("ACCREC") ? "ACCRECPAYMENT"
                : "ACCPAYPAYMENT");
        payment.put("Status", "AUTHORISED");
        payment.putObject("Account").put("Code", "090");
        payment.putObject("Invoice").put("InvoiceID", document.path("InvoiceID").asString())
                .put("Type", document.path("Type").asString());
        return payment;
    }

    /** A spend or receive money transaction from the main bank account, one untaxed line. */
    private static ObjectNode money(String type, LocalDate date, String code, BigDecimal amount) {
        ObjectNode transaction = EmulatorHttp.JSON.createObjectNode();
        transaction.put("BankTransactionID", UUID.randomUUID().toString());
        transaction.put("Type", type);
        transaction.putObject("BankAccount").put("Code", "090");
        transaction.put("Date", XeroDates.msJson(date));
        transaction.putArray("LineItems").addObject().put("AccountCode", code).put("LineAmount", amount)
                .put("TaxAmount", BigDecimal.ZERO.setScale(2));
        transaction.put("Total", amount);
        transaction.put("Status", "AUTHORISED");
        return transaction;
    }
}
