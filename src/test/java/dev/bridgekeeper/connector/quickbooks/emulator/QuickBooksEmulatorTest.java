package dev.bridgekeeper.connector.quickbooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The emulator itself, over real HTTP: Intuit's OAuth flow, query paging, CDC, faults, throttles and rule checks. */
class QuickBooksEmulatorTest {

    private static final String REDIRECT = "http://127.0.0.1/callback";
    private static final String ALICE_REALM = QboSettings.ALICE.companies().get(0).realmId();
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (QboSettings.CLIENT_ID + ":" + QboSettings.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private QuickBooksEmulator qbo;

    record Tokens(String access, String refresh, String realmId, JsonNode body) { }

    /** Every answer is also checked against Intuit's XSD, so a test fails if the emulator teaches a wrong shape. */
    private QuickBooksEmulator start(QboSettings.Builder settings) {
        qbo = QuickBooksEmulator.start(settings.validateResponses(true).build());
        return qbo;
    }

    @AfterEach
    void stop() {
        if (qbo != null) qbo.close();
    }

    // ---- OAuth ----

    @Test
    void oauthFlowGivesCodeStateAndRealmIdThenTokensWithIntuitsLifetimes() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of("x-include-refresh-token-hard-expires-in", "true"));

        assertThat(t.realmId()).isEqualTo(ALICE_REALM);
        assertThat(t.body().get("token_type").asString()).isEqualTo("bearer");
        assertThat(t.body().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(t.body().get("x_refresh_token_expires_in").asLong()).isEqualTo(Duration.ofDays(100).toSeconds());
        // counted from the consent, a moment before the code was exchanged
        assertThat(t.body().get("x_refresh_token_hard_expires_in").asLong())
                .isBetween(Duration.ofDays(5 * 365).minusMinutes(1).toSeconds(), Duration.ofDays(5 * 365).toSeconds());
        HttpResponse<String> info = api(t, "/companyinfo/" + ALICE_REALM + "?minorversion=75");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.headers().firstValue("intuit_tid")).isPresent();
        assertThat(json(info).get("CompanyInfo").get("CompanyName").asString()).isEqualTo("Alice's Landscaping");
        assertThat(qbo.violations()).isEmpty();
    }

    @Test
    void aUserWithSeveralCompaniesChoosesOneAndCancelGivesAccessDenied() throws Exception {
        start(QboSettings.builder());
        String second = QboSettings.BOB.companies().get(1).realmId();
        Tokens t = connect(QboSettings.BOB, 1, Map.of());
        assertThat(t.realmId()).isEqualTo(second);
        assertThat(json(api(t, "/query?query=" + enc("select count(*) from Invoice"))).at("/QueryResponse/totalCount").asInt()).isPositive();
        // a token for Bob's second company does not open his first
        assertThat(api(t, "/v3/company/" + QboSettings.BOB.companies().get(0).realmId() + "/query?query=x", true).statusCode()).isEqualTo(403);

        String tx = signIn(QboSettings.BOB, "state-2");
        HttpResponse<String> denied = post(qbo.authorizationUrl(), "tx=" + tx + "&realmId=" + second + "&decision=deny", Map.of());
        assertThat(denied.statusCode()).isEqualTo(302);
        assertThat(denied.headers().firstValue("Location").orElseThrow()).isEqualTo(REDIRECT + "?error=access_denied&state=state-2");

        HttpResponse<String> badRedirect = get(qbo.authorizationUrl() + "?client_id=" + QboSettings.CLIENT_ID
                + "&response_type=code&scope=com.intuit.quickbooks.accounting&state=s&redirect_uri=" + enc("http://evil.example/cb"), Map.of());
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(badRedirect.headers().firstValue("Location")).isEmpty();
        assertThat(qbo.violations()).extracting(QboRequestRules.Violation::rule).containsExactly("oauth.redirect_uri");
    }

    @Test
    void refreshTokensKeepTheirValueForADayThenRotateAndTheSupersededOneIsInvalidGrant() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        JsonNode same = refresh(t.refresh()).body();
        assertThat(same.get("refresh_token").asString()).isEqualTo(t.refresh());

        qbo.advanceClock(Duration.ofHours(25));
        HttpResponse<String> rotated = refresh(t.refresh()).response();
        String next = json(rotated).get("refresh_token").asString();
        assertThat(next).isNotEqualTo(t.refresh());
        assertThat(qbo.refreshTokenLineage(ALICE_REALM)).containsExactly(t.refresh(), next);
        HttpResponse<String> old = refresh(t.refresh()).response();
        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(json(old).get("error").asString()).isEqualTo("invalid_grant");

        qbo.advanceClock(Duration.ofDays(101));
        assertThat(refresh(next).response().statusCode()).isEqualTo(400);
        assertThat(qbo.traffic().tokenRequests()).containsEntry("invalid_grant", 2L);
    }

    @Test
    void refreshTokensRollForwardButNeverPastFiveYears() throws Exception {
        start(QboSettings.builder());
        String refresh = connect(QboSettings.ALICE, 0, Map.of()).refresh();
        int refreshes = 0;
        while (true) {
            qbo.advanceClock(Duration.ofDays(99));
            Refreshed r = refresh(refresh);
            if (r.response().statusCode() != 200) break;
            refresh = r.body().get("refresh_token").asString();
            refreshes++;
        }
        // 5 × 365 = 1825 days: refreshes at day 99, 198, ... 1782 succeed; day 1881 is past the absolute expiry
        assertThat(refreshes).isEqualTo(18);
    }

    @Test
    void revokingTheGrantGivesInvalidGrantOnRefreshAndAuthenticationFaultOnTheApi() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        HttpResponse<String> revoke = http.send(HttpRequest.newBuilder(URI.create(qbo.revocationUrl()))
                .header("Authorization", BASIC).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + t.refresh() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(refresh(t.refresh()).response().statusCode()).isEqualTo(400);
        HttpResponse<String> denied = api(t, "/query?query=" + enc("select * from Customer"));
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(json(denied).at("/Fault/type").asString()).isEqualTo("AuthenticationFault");
        assertThat(json(denied).at("/Fault/Error/0/code").asString()).isEqualTo("3200");

        Tokens again = connect(QboSettings.ALICE, 0, Map.of());
        qbo.revokeGrant(ALICE_REALM);
        assertThat(refresh(again.refresh()).response().statusCode()).isEqualTo(400);
    }

    @Test
    void expiredAccessTokensGive401UntilRefreshed() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        qbo.expireAccessTokens();
        assertThat(api(t, "/preferences").statusCode()).isEqualTo(401);
        Refreshed r = refresh(t.refresh());
        Tokens fresh = new Tokens(r.body().get("access_token").asString(), r.body().get("refresh_token").asString(), t.realmId(), r.body());
        assertThat(api(fresh, "/preferences").statusCode()).isEqualTo(200);
        qbo.advanceClock(Duration.ofSeconds(3600));
        assertThat(api(fresh, "/preferences").statusCode()).isEqualTo(401);
    }

    // ---- query ----

    @Test
    void queryPagesThroughEveryInvoiceOnceWithStartPositionAndMaxResults() throws Exception {
        // 2,350 invoices: answers are not XSD-checked here (the other tests do that) to keep this one fast
        qbo = QuickBooksEmulator.start(QboSettings.builder().volume(new QboSettings.Volume(30, 10, 5, 2350, 5, 3, 3, 2, 2, 2, 10, 1, 1, 1, 1)).build());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        int total = json(api(t, "/query?query=" + enc("select count(*) from Invoice") + "&minorversion=75")).at("/QueryResponse/totalCount").asInt();
        assertThat(total).isEqualTo(2352);
        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (int start = 1; ; start += 1000) {
            JsonNode qr = json(api(t, "/query?query=" + enc("SELECT * FROM Invoice STARTPOSITION " + start + " MAXRESULTS 1000"))).get("QueryResponse");
            if (!qr.has("Invoice")) break;
            pages++;
            assertThat(qr.get("startPosition").asInt()).isEqualTo(start);
            assertThat(qr.get("maxResults").asInt()).isEqualTo(qr.get("Invoice").size());
            qr.get("Invoice").forEach(i -> seen.add(i.get("Id").asString()));
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(total);
        assertThat(qbo.traffic().callsByEndpoint(ALICE_REALM)).containsEntry("query:Invoice", 4L).containsEntry("count:Invoice", 1L);
        assertThat(qbo.violations()).isEmpty();
    }

    @Test
    void queryFiltersOnLastUpdatedTimeAndOrdersByIt() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        Instant since = qbo.clock().instant().minus(Duration.ofDays(10));
        String iso = OffsetDateTime.ofInstant(since, java.time.ZoneOffset.ofHours(-7)).toString();
        JsonNode qr = json(api(t, "/query?query=" + enc("select * from Invoice where MetaData.LastUpdatedTime >= '" + iso
                + "' ORDERBY MetaData.LastUpdatedTime DESC MAXRESULTS 1000"))).get("QueryResponse");
        long expected = qbo.records(ALICE_REALM, "Invoice").stream().filter(n -> !QboCompany.lastUpdated(n).isBefore(since)).count();
        assertThat(expected).isPositive();
        assertThat(qr.get("Invoice").size()).isEqualTo((int) expected);
        List<Instant> times = new ArrayList<>();
        qr.get("Invoice").forEach(n -> times.add(QboCompany.lastUpdated(n)));
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(qbo.violations()).isEmpty();
    }

    @Test
    void queriesIntuitDoesNotSupportGetItsErrorsAndAreRecorded() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        HttpResponse<String> or = api(t, "/query?query=" + enc("select * from Invoice where Id = '1' OR Id = '2'"));
        assertThat(or.statusCode()).isEqualTo(400);
        assertThat(json(or).at("/Fault/Error/0/code").asString()).isEqualTo("4000");
        HttpResponse<String> entity = api(t, "/query?query=" + enc("select * from invoice"));
        assertThat(json(entity).at("/Fault/Error/0/code").asString()).isEqualTo("4001");
        JsonNode capped = json(api(t, "/query?query=" + enc("select * from Invoice maxresults 1001"))).get("QueryResponse");
        assertThat(capped.get("maxResults").asInt()).isEqualTo(252);
        HttpResponse<String> oldVersion = api(t, "/query?query=" + enc("select * from Class") + "&minorversion=65");
        assertThat(oldVersion.statusCode()).isEqualTo(200);
        assertThat(qbo.violations()).extracting(QboRequestRules.Violation::rule)
                .containsExactly("api.query.grammar", "api.query.entity", "api.query.maxresults", "api.minorversion");
    }

    @Test
    void inactiveListRecordsAreLeftOutUnlessTheQueryNamesActive() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        long all = qbo.records(ALICE_REALM, "Customer").size();
        long inactive = qbo.records(ALICE_REALM, "Customer").stream().filter(c -> !c.get("Active").asBoolean()).count();
        assertThat(inactive).isPositive();
        assertThat(json(api(t, "/query?query=" + enc("select count(*) from Customer"))).at("/QueryResponse/totalCount").asLong()).isEqualTo(all - inactive);
        assertThat(json(api(t, "/query?query=" + enc("select count(*) from Customer where Active IN (true, false)"))).at("/QueryResponse/totalCount").asLong()).isEqualTo(all);
        assertThat(qbo.violations()).isEmpty();
    }

    // ---- change data capture ----

    @Test
    void cdcReturnsChangedAndDeletedRecordsWithinThirtyDaysAndFaultsBeyond() throws Exception {
        start(QboSettings.builder());
        qbo.advanceClock(Duration.ofDays(25));
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        String since = qbo.clock().instant().toString();
        qbo.advanceClock(Duration.ofMinutes(5));
        JsonNode updated = qbo.updateRecord(ALICE_REALM, "Invoice", "2", n -> n.put("PrivateNote", "changed"));
        assertThat(updated.get("SyncToken").asString()).isEqualTo("2");
        qbo.deleteRecord(ALICE_REALM, "Invoice", "1");
        qbo.updateRecord(ALICE_REALM, "Customer", "3", n -> n.put("Active", false));

        JsonNode cdc = json(api(t, "/cdc?entities=Invoice,Customer&changedSince=" + enc(since) + "&minorversion=75"));
        JsonNode responses = cdc.at("/CDCResponse/0/QueryResponse");
        assertThat(responses.size()).isEqualTo(2);
        JsonNode invoices = responses.get(0).get("Invoice");
        assertThat(invoices.size()).isEqualTo(2);
        assertThat(invoices.get(0).get("Id").asString()).isEqualTo("2");
        assertThat(invoices.get(0).get("PrivateNote").asString()).isEqualTo("changed");
        assertThat(invoices.get(1).get("status").asString()).isEqualTo("Deleted");
        assertThat(invoices.get(1).get("Id").asString()).isEqualTo("1");
        assertThat(responses.get(1).get("Customer").get(0).get("Active").asBoolean()).isFalse();
        assertThat(qbo.violations()).isEmpty();

        String old = qbo.clock().instant().minus(Duration.ofDays(31)).toString();
        HttpResponse<String> tooOld = api(t, "/cdc?entities=Invoice&changedSince=" + enc(old));
        assertThat(tooOld.statusCode()).isEqualTo(400);
        assertThat(json(tooOld).at("/Fault/type").asString()).isEqualTo("ValidationFault");
        assertThat(qbo.violations()).extracting(QboRequestRules.Violation::rule).containsExactly("api.cdc.lookback");
    }

    @Test
    void cdcAnswersAtMostTheConfiguredNumberOfObjectsPerEntity() throws Exception {
        start(QboSettings.builder().cdc(5, Duration.ofDays(30)));
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        for (int id = 10; id < 20; id++) qbo.updateRecord(ALICE_REALM, "Purchase", String.valueOf(id), n -> n.put("PrivateNote", "x"));
        String since = qbo.clock().instant().minus(Duration.ofDays(29)).toString();
        JsonNode qr = json(api(t, "/cdc?entities=Purchase&changedSince=" + enc(since))).at("/CDCResponse/0/QueryResponse/0");
        assertThat(qr.get("Purchase").size()).isEqualTo(5);
    }

    // ---- faults ----

    @Test
    void faultsCanArriveInsideHttp200AnswersIncludingBatchItems() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        qbo.faults().faultInsideOkAnswerNext(1);
        HttpResponse<String> ok = api(t, "/query?query=" + enc("select * from Account"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).has("Fault")).isTrue();

        String batch = "{\"BatchItemRequest\":[{\"bId\":\"a\",\"Query\":\"select * from Vendor\"},{\"bId\":\"b\",\"Query\":\"select * from Vendor where\"}]}";
        HttpResponse<String> answer = apiPost(t, "/batch", batch);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode items = json(answer).get("BatchItemResponse");
        assertThat(items.get(0).get("bId").asString()).isEqualTo("a");
        assertThat(items.get(0).at("/QueryResponse/Vendor").size()).isPositive();
        assertThat(items.get(1).at("/Fault/Error/0/code").asString()).isEqualTo("4000");

        StringBuilder tooMany = new StringBuilder("{\"BatchItemRequest\":[");
        for (int i = 0; i < 31; i++) tooMany.append(i == 0 ? "" : ",").append("{\"bId\":\"").append(i).append("\",\"Query\":\"select * from Item\"}");
        HttpResponse<String> rejected = apiPost(t, "/batch", tooMany.append("]}").toString());
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(json(rejected).at("/Fault/Error/0/code").asString()).isEqualTo("1040");
    }

    @Test
    void injectedThrottlesServerErrorsAndSlowAnswersHappenThenStop() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        qbo.faults().throttleNext(2).serverErrorNext(1, 503);
        HttpResponse<String> first = api(t, "/preferences");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json(first).at("/Fault/Error/0/Message").asString()).contains("ThrottleExceeded").contains("003001");
        assertThat(api(t, "/preferences").statusCode()).isEqualTo(429);
        assertThat(api(t, "/preferences").statusCode()).isEqualTo(503);
        qbo.faults().slowNext(1, Duration.ofMillis(300));
        long began = System.nanoTime();
        assertThat(api(t, "/preferences").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(qbo.traffic().throttledResponses()).isEqualTo(2);
        assertThat(qbo.traffic().serverErrorResponses()).isEqualTo(1);
    }

    // ---- throttles ----

    @Test
    void theRequestsPerWindowLimitAnswers429ThrottleExceeded() throws Exception {
        start(QboSettings.builder().rateLimit(20, Duration.ofSeconds(30)));
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        int throttled = 0;
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> r = api(t, "/query?query=" + enc("select * from Class"));
            if (r.statusCode() == 429) {
                throttled++;
                assertThat(json(r).at("/Fault/Error/0/code").asString()).isEqualTo("3001");
            }
        }
        assertThat(throttled).isEqualTo(5);
        assertThat(qbo.traffic().throttledResponses()).isEqualTo(5);
        assertThat(qbo.traffic().maxRequestsInAnyWindow(ALICE_REALM)).isEqualTo(25);
        assertThat(qbo.traffic().totalCalls(ALICE_REALM)).isEqualTo(25);
    }

    @Test
    void moreConcurrentRequestsThanAllowedAreRefusedAndTheHighWaterMarkIsCounted() throws Exception {
        start(QboSettings.builder().maxConcurrentPerRealm(2));
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        qbo.faults().slowNext(2, Duration.ofMillis(800));
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 2; i++) inFlight.add(apiAsync(t, "/preferences"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> qbo.traffic().maxConcurrencyObserved(ALICE_REALM) == 2);
        HttpResponse<String> third = api(t, "/preferences");
        assertThat(third.statusCode()).isEqualTo(429);
        for (CompletableFuture<HttpResponse<String>> f : inFlight) assertThat(f.get().statusCode()).isEqualTo(200);
        assertThat(qbo.traffic().maxConcurrencyObserved(ALICE_REALM)).isEqualTo(3);
    }

    // ---- validation and data ----

    @Test
    void writesAreCheckedAgainstIntuitsXsdAndBumpSyncTokenAndLastUpdatedTime() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        JsonNode customer = json(api(t, "/customer/2")).get("Customer");
        String before = customer.at("/MetaData/LastUpdatedTime").asString();
        qbo.advanceClock(Duration.ofMinutes(3));
        HttpResponse<String> ok = apiPost(t, "/customer?minorversion=75",
                "{\"Id\":\"2\",\"SyncToken\":\"" + customer.get("SyncToken").asString() + "\",\"sparse\":true,\"CompanyName\":\"Bill's Surf\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode saved = json(ok).get("Customer");
        assertThat(saved.get("SyncToken").asString()).isEqualTo("1");
        assertThat(saved.get("CompanyName").asString()).isEqualTo("Bill's Surf");
        assertThat(OffsetDateTime.parse(saved.at("/MetaData/LastUpdatedTime").asString())).isAfter(OffsetDateTime.parse(before));
        assertThat(qbo.violations()).isEmpty();

        HttpResponse<String> stale = apiPost(t, "/customer", "{\"Id\":\"2\",\"SyncToken\":\"0\",\"sparse\":true,\"CompanyName\":\"x\"}");
        assertThat(json(stale).at("/Fault/Error/0/code").asString()).isEqualTo("5010");
        apiPost(t, "/customer", "{\"Id\":\"2\",\"SyncToken\":\"1\",\"sparse\":true,\"NotAnIntuitField\":\"not in the XSD\"}");
        assertThat(qbo.violations()).extracting(QboRequestRules.Violation::rule).contains("xsd.Customer");
    }

    @Test
    void requestsWithoutJsonAcceptOrWithUnknownParametersAreRecorded() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        http.send(HttpRequest.newBuilder(URI.create(qbo.companyUrl(ALICE_REALM) + "/preferences?foo=1"))
                .header("Authorization", "Bearer " + t.access()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(qbo.violations()).extracting(QboRequestRules.Violation::rule).containsExactly("api.accept", "api.params");
    }

    @Test
    void reportsHaveIntuitsShapeAndAgreeWithTheRecords() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        LocalDate today = LocalDate.now(QboSettings.builder().build().companyZone());
        JsonNode aged = json(api(t, "/reports/AgedReceivables?report_date=" + today + "&minorversion=75"));
        BigDecimal open = qbo.records(ALICE_REALM, "Invoice").stream()
                .filter(i -> !LocalDate.parse(i.get("TxnDate").asString()).isAfter(today))
                .map(i -> new BigDecimal(i.get("Balance").asString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode rows = aged.at("/Rows/Row");
        JsonNode total = rows.get(rows.size() - 1).at("/Summary/ColData");
        assertThat(new BigDecimal(total.get(total.size() - 1).get("value").asString())).isEqualByComparingTo(open);
        assertThat(aged.at("/Columns/Column").size()).isEqualTo(7);

        JsonNode pnl = json(api(t, "/reports/ProfitAndLoss?start_date=2000-01-01&end_date=" + today + "&accounting_method=Accrual"));
        assertThat(pnl.at("/Header/ReportName").asString()).isEqualTo("ProfitAndLoss");
        JsonNode last = pnl.at("/Rows/Row").get(pnl.at("/Rows/Row").size() - 1);
        assertThat(last.get("group").asString()).isEqualTo("NetIncome");
        JsonNode bs = json(api(t, "/reports/BalanceSheet?end_date=" + today));
        JsonNode bsRows = bs.at("/Rows/Row");
        assertThat(bsRows.get(0).at("/Summary/ColData/1/value").asString())
                .isEqualTo(bsRows.get(bsRows.size() - 1).at("/Summary/ColData/1/value").asString());
        assertThat(api(t, "/reports/AgedPayables").statusCode()).isEqualTo(200);
        assertThat(qbo.violations()).isEmpty();
    }

    @Test
    void monthlyReportsHaveAColumnPerMonthThatAgreesWithThatMonthsOwnReport() throws Exception {
        start(QboSettings.builder());
        Tokens t = connect(QboSettings.ALICE, 0, Map.of());
        YearMonth last = YearMonth.now(QboSettings.builder().build().companyZone()).minusMonths(1);
        YearMonth first = last.minusMonths(4);
        String range = "start_date=" + first.atDay(1) + "&end_date=" + last.atEndOfMonth();
        JsonNode pnl = json(api(t, "/reports/ProfitAndLoss?" + range + "&accounting_method=Accrual&summarize_column_by=Month"));
        assertThat(pnl.at("/Header/SummarizeColumnsBy").asString()).isEqualTo("Month");
        JsonNode columns = pnl.at("/Columns/Column");
        assertThat(columns.size()).isEqualTo(1 + 5 + 1); // account, five months, Total
        assertThat(columns.get(1).get("ColTitle").asString()).isEqualTo(first.format(
                java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.US)));
        assertThat(columns.get(1).at("/MetaData/0/Name").asString()).isEqualTo("StartDate");
        assertThat(columns.get(1).at("/MetaData/0/Value").asString()).isEqualTo(first.atDay(1).toString());
        assertThat(columns.get(1).at("/MetaData/1/Value").asString()).isEqualTo(first.atEndOfMonth().toString());
        assertThat(columns.get(6).get("ColTitle").asString()).isEqualTo("Total");
        JsonNode bs = json(api(t, "/reports/BalanceSheet?" + range + "&accounting_method=Accrual&summarize_column_by=Month"));
        assertThat(bs.at("/Columns/Column").size()).isEqualTo(1 + 5); // a balance sheet by month has no Total
        for (int i = 0; i < 5; i++) {
            YearMonth month = first.plusMonths(i);
            String one = "start_date=" + month.atDay(1) + "&end_date=" + month.atEndOfMonth() + "&accounting_method=Accrual";
            assertThat(cells(pnl, i + 1)).as("P&L " + month)
                    .isEqualTo(cells(json(api(t, "/reports/ProfitAndLoss?" + one)), 1));
            assertThat(cells(bs, i + 1)).as("balance sheet at the end of " + month)
                    .isEqualTo(cells(json(api(t, "/reports/BalanceSheet?" + one)), 1));
        }
        assertThat(cells(pnl, 6)).isEqualTo(cells(json(api(t, "/reports/ProfitAndLoss?" + range + "&accounting_method=Accrual")), 1));
        assertThat(cells(pnl, 1)).isNotEqualTo(cells(pnl, 2)); // the months differ: each column is its own month
        JsonNode partial = json(api(t, "/reports/ProfitAndLoss?start_date=" + first.atDay(10) + "&end_date="
                + first.plusMonths(1).atDay(5) + "&summarize_column_by=Month"));
        assertThat(partial.at("/Columns/Column/1/MetaData/0/Value").asString()).isEqualTo(first.atDay(10).toString());
        assertThat(partial.at("/Columns/Column/2/MetaData/1/Value").asString()).isEqualTo(first.plusMonths(1).atDay(5).toString());
        assertThat(api(t, "/reports/ProfitAndLoss?summarize_column_by=Fortnight").statusCode()).isEqualTo(200);
        assertThat(qbo.violations()).extracting(QboRequestRules.Violation::rule)
                .containsExactly("api.report.summarize_column_by"); // every answer above was valid against Report.xsd
    }

    /** A report's figures in column {@code col}: section totals, summary rows and account rows with an amount there. */
    private static Map<String, String> cells(JsonNode report, int col) {
        Map<String, String> out = new java.util.TreeMap<>();
        cells(report.path("Rows"), col, "", out);
        return out;
    }

    private static void cells(JsonNode rows, int col, String path, Map<String, String> out) {
        for (JsonNode row : rows.path("Row")) {
            String group = path + "/" + row.path("group").asString("");
            if (row.has("ColData")) {
                String value = row.at("/ColData/" + col + "/value").asString();
                if (!value.isEmpty()) out.put(group + row.at("/ColData/0/value").asString(), value);
                continue;
            }
            if (row.has("Summary")) out.put(group + "=", row.at("/Summary/ColData/" + col + "/value").asString());
            cells(row.path("Rows"), col, group, out);
        }
    }

    @Test
    void everyExampleAndGeneratedRecordIsValidAgainstIntuitsXsdAndGenerationIsDeterministic() {
        start(QboSettings.builder());
        XsdJsonValidator xsd = XsdJsonValidator.intuitV3();
        int checked = 0;
        for (String entity : QboCompany.ENTITIES) {
            for (JsonNode n : qbo.records(ALICE_REALM, entity)) {
                assertThat(xsd.validate(entity, n)).as(entity + " " + n.get("Id")).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(800);
        try (QuickBooksEmulator twin = QuickBooksEmulator.start(QboSettings.builder().build())) {
            List<String> a = qbo.records(ALICE_REALM, "Invoice").stream().map(n -> n.get("DocNumber") + "/" + n.get("TotalAmt") + "/" + n.get("CustomerRef")).toList();
            List<String> b = twin.records(ALICE_REALM, "Invoice").stream().map(n -> n.get("DocNumber") + "/" + n.get("TotalAmt") + "/" + n.get("CustomerRef")).toList();
            assertThat(b).isEqualTo(a);
        }
        assertThat(xsd.validate("Invoice", QboWire.JSON.createObjectNode().put("Id", "1").put("Bogus", 1))).isNotEmpty();
    }

    /**
     * Both sides of a settlement agree, as in QuickBooks: what a payment's lines pay an invoice (a bill payment a bill)
     * is what the invoice's Balance no longer owes, and the invoice links the payment back. Payments received into
     * Undeposited Funds reach the bank through deposits that link each at most once, for its amount; other deposit
     * lines link nothing. Refund receipts are paid from a bank account.
     */
    @Test
    void paymentsSettleTheDocumentsTheyLinkAndDepositsTakeUndepositedPaymentsToTheBank() {
        start(QboSettings.builder());
        // entity, document it pays, how the document names it in LinkedTxn
        for (String[] sides : List.of(new String[] {"Payment", "Invoice", "Payment"},
                new String[] {"BillPayment", "Bill", "BillPaymentCheck"})) {
            Map<String, BigDecimal> paid = new java.util.HashMap<>();
            Map<String, Set<String>> payers = new java.util.HashMap<>();
            for (JsonNode payment : qbo.records(ALICE_REALM, sides[0])) {
                BigDecimal lines = BigDecimal.ZERO;
                for (JsonNode line : payment.get("Line")) {
                    for (JsonNode link : line.path("LinkedTxn")) {
                        assertThat(link.get("TxnType").asString()).isEqualTo(sides[1]);
                        paid.merge(link.get("TxnId").asString(), line.get("Amount").decimalValue(), BigDecimal::add);
                        payers.computeIfAbsent(link.get("TxnId").asString(), k -> new HashSet<>())
                                .add(payment.get("Id").asString());
                    }
                    lines = lines.add(line.get("Amount").decimalValue());
                }
                assertThat(lines).isEqualByComparingTo(payment.get("TotalAmt").decimalValue());
            }
            int generated = 0;
            for (JsonNode document : qbo.records(ALICE_REALM, sides[1])) {
                String id = document.get("Id").asString();
                Set<String> linked = new HashSet<>();
                document.path("LinkedTxn").forEach(l -> {
                    if (l.get("TxnType").asString().equals(sides[2])) linked.add(l.get("TxnId").asString());
                });
                if (!payers.containsKey(id)) continue;
                generated++;
                assertThat(linked).as(sides[1] + " " + id).isEqualTo(payers.get(id));
                assertThat(document.get("TotalAmt").decimalValue().subtract(document.get("Balance").decimalValue()))
                        .as(sides[1] + " " + id).isEqualByComparingTo(paid.get(id));
            }
            assertThat(generated).isGreaterThan(20);
        }
        Map<String, BigDecimal> payments = new java.util.HashMap<>();
        qbo.records(ALICE_REALM, "Payment").forEach(p -> payments.put(p.get("Id").asString(), p.get("TotalAmt").decimalValue()));
        Set<String> deposited = new HashSet<>();
        int other = 0;
        for (JsonNode deposit : qbo.records(ALICE_REALM, "Deposit")) {
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode line : deposit.get("Line")) {
                lines = lines.add(line.get("Amount").decimalValue());
                if (line.path("LinkedTxn").isEmpty()) {
                    assertThat(line.path("DepositLineDetail").path("AccountRef").isObject()).isTrue();
                    other++;
                    continue;
                }
                String payment = line.get("LinkedTxn").get(0).get("TxnId").asString();
                assertThat(deposited.add(payment)).as("deposited once: " + payment).isTrue();
                assertThat(line.get("Amount").decimalValue()).isEqualByComparingTo(payments.get(payment));
            }
            assertThat(lines).isEqualByComparingTo(deposit.get("TotalAmt").decimalValue());
        }
        assertThat(deposited).hasSizeGreaterThan(10);
        assertThat(other).isGreaterThan(10);
        assertThat(qbo.records(ALICE_REALM, "RefundReceipt")).hasSizeGreaterThan(2)
                .allSatisfy(r -> assertThat(r.path("DepositToAccountRef").path("value").asString()).isEqualTo("1"));
    }

    @Test
    void theDiscoveryDocumentPointsAtTheEmulator() throws Exception {
        start(QboSettings.builder());
        JsonNode doc = json(get(qbo.discoveryUrl(), Map.of()));
        assertThat(doc.get("authorization_endpoint").asString()).isEqualTo(qbo.authorizationUrl());
        assertThat(doc.get("token_endpoint").asString()).isEqualTo(qbo.tokenUrl());
        assertThat(doc.get("revocation_endpoint").asString()).isEqualTo(qbo.revocationUrl());
        assertThat(doc.get("token_endpoint_auth_methods_supported").toString()).contains("client_secret_basic");
    }

    // ---- helpers: a client doing what Intuit's documentation says ----

    private String signIn(QboSettings.TestUser user, String state) throws Exception {
        HttpResponse<String> page = get(qbo.authorizationUrl() + "?client_id=" + QboSettings.CLIENT_ID + "&response_type=code&scope="
                + enc("com.intuit.quickbooks.accounting openid") + "&redirect_uri=" + enc(REDIRECT) + "&state=" + state, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        String tx = match(page.body(), "name=tx value=\"([^\"]+)\"");
        HttpResponse<String> chooser = post(qbo.authorizationUrl(), "tx=" + tx + "&email=" + enc(user.email()) + "&password=" + enc(user.password()), Map.of());
        assertThat(chooser.statusCode()).isEqualTo(200);
        assertThat(chooser.body()).contains(user.companies().size() > 1 ? "Select a company" : "Connect");
        user.companies().forEach(c -> assertThat(chooser.body()).contains("value=\"" + c.realmId() + "\""));
        return tx;
    }

    private Tokens connect(QboSettings.TestUser user, int company, Map<String, String> tokenHeaders) throws Exception {
        String tx = signIn(user, "st-" + company);
        String realmId = user.companies().get(company).realmId();
        HttpResponse<String> callback = post(qbo.authorizationUrl(), "tx=" + tx + "&realmId=" + realmId + "&decision=allow", Map.of());
        assertThat(callback.statusCode()).isEqualTo(302);
        String location = callback.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").contains("&state=st-" + company).endsWith("&realmId=" + realmId);
        String code = java.net.URLDecoder.decode(match(location, "code=([^&]+)"), StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.HashMap<>(tokenHeaders);
        headers.put("Authorization", BASIC);
        HttpResponse<String> token = post(qbo.tokenUrl(), "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT), headers);
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode body = json(token);
        return new Tokens(body.get("access_token").asString(), body.get("refresh_token").asString(), match(location, "realmId=(\\d+)"), body);
    }

    record Refreshed(HttpResponse<String> response, JsonNode body) { }

    private Refreshed refresh(String refreshToken) throws Exception {
        HttpResponse<String> r = post(qbo.tokenUrl(), "grant_type=refresh_token&refresh_token=" + enc(refreshToken), Map.of("Authorization", BASIC));
        return new Refreshed(r, json(r));
    }

    private HttpResponse<String> api(Tokens t, String path) throws Exception {
        return api(t, path.startsWith("/v3/") ? path : "/v3/company/" + t.realmId() + path, true);
    }

    private HttpResponse<String> api(Tokens t, String fullPath, boolean absolute) throws Exception {
        return http.send(apiRequest(t, fullPath).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> apiAsync(Tokens t, String path) {
        return http.sendAsync(apiRequest(t, "/v3/company/" + t.realmId() + path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> apiPost(Tokens t, String path, String body) throws Exception {
        return http.send(apiRequest(t, "/v3/company/" + t.realmId() + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder apiRequest(Tokens t, String fullPath) {
        return HttpRequest.newBuilder(URI.create(qbo.apiBaseUrl() + fullPath))
                .header("Authorization", "Bearer " + t.access()).header("Accept", "application/json");
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return r.body().isEmpty() ? QboWire.JSON.createObjectNode() : QboWire.JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }
}
