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

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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
}
