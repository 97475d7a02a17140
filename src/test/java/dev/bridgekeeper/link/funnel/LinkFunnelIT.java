package dev.bridgekeeper.link.funnel;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.oauth.SandboxJourney;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.Tenant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Link journey funnel: the beacon's steps and the server's own facts land on one journey, bad beacons are
 * refused and write nothing, the caps hold, and GET /link/analytics counts a known set of journeys exactly.
 */
@ApiIntegrationTest
class LinkFunnelIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JourneyFunnel funnel;

    @Autowired
    List<RecurringJob> jobs;

    private Tenant tenant;
    private String company;
    private Api token;
    private String base;

    @BeforeEach
    void newCompanyAndToken() {
        tenant = Tenant.create(jdbc, port, "Funnel " + UUID.randomUUID().toString().substring(0, 8));
        company = newCompany(tenant);
        token = tokenFor(tenant, company);
        base = "/link/api/companies/" + company;
    }

    @Test
    void theBrowsersStepsAndTheServersFactsMakeOneJourney() {
        String journey = UUID.randomUUID().toString();
        assertThat(step(token, journey, "opened", null).status()).isEqualTo(204);
        assertThat(step(token, journey, "sourceTypeChosen", ",\"sourceType\":\"Accounting\"").status()).isEqualTo(204);
        assertThat(step(token, journey, "platformChosen", ",\"platformKey\":\"sbac\"").status()).isEqualTo(204);
        // as the journey does it: the connection, its consent, and only then the beacon naming the connection
        JsonNode connection = token.post(base + "/connections", "{\"platformKey\":\"sbac\"}").json();
        String connectionId = connection.path("id").asString();
        assertThat(token.post(base + "/consents", "{\"connectionId\":\"" + connectionId + "\",\"sourceType\":"
                + "\"Accounting\",\"text\":\"I agree.\"}").status()).isEqualTo(201);
        assertThat(step(token, journey, "connectionStarted", ",\"connectionId\":\"" + connectionId + "\"").status())
                .isEqualTo(204);
        SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(), publicUrl, "user_good", true);

        assertThat(steps(journey)).containsExactly("opened/Beacon", "sourceTypeChosen/Beacon",
                "platformChosen/Beacon", "consentAgreed/Server", "signInStarted/Server", "linked/Server");
        assertThat(jdbc.queryForObject("select count(*) from link_journey where company_id = ?::uuid", Long.class,
                company)).as("the server's journey for the consent was folded into the browser's").isEqualTo(1);
        assertThat(jdbc.queryForObject("select last_step || '/' || platform_key || '/' || source_type from"
                + " link_journey where id = ?::uuid", String.class, journey)).isEqualTo("linked/sbac/Accounting");

        JsonNode total = tenant.api().get("/link/analytics?companyId=" + company).json().path("total");
        assertThat(total.path("journeys").asLong()).isEqualTo(1);
        assertThat(total.path("steps").get(5).path("step").asString()).isEqualTo("linked");
        assertThat(total.path("steps").get(5).path("journeys").asLong()).isEqualTo(1);
    }

    @Test
    void aDeniedSignInIsAFailureWithItsReasonAndALinkUrlAloneIsAJourneyToo() {
        JsonNode connection = tenant.api().post("/companies/" + company + "/connections",
                "{\"platformKey\":\"sbbk\"}").json();
        SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(), publicUrl, "user_good", false);

        String journey = jdbc.queryForObject("select id::text from link_journey where company_id = ?::uuid",
                String.class, company);
        assertThat(steps(journey)).containsExactly("signInStarted/Server", "failed/Server");
        assertThat(jdbc.queryForObject("select failure_reason from link_journey_step where journey_id = ?::uuid"
                + " and step = 'failed'", String.class, journey)).isEqualTo("cancelled");
        JsonNode total = tenant.api().get("/link/analytics").json().path("total");
        assertThat(total.path("failed").path("journeys").asLong()).isEqualTo(1);
        assertThat(total.path("failed").path("reasons").path("cancelled").asLong()).isEqualTo(1);
        assertThat(total.path("failed").path("reasons").path("platformError").asLong()).isZero();
    }

    @Test
    void aBeaconCannotClaimWhatOnlyTheServerKnowsAndBadInputWritesNothing() {
        String journey = UUID.randomUUID().toString();
        for (String serverStep : List.of("linked", "failed", "consentAgreed", "signInStarted", "Opened", "")) {
            assertBadField(step(token, journey, serverStep, null), "step");
        }
        assertBadField(token.post(base + "/journeySteps", "{\"step\":\"opened\"}"), "journeyId");
        assertBadField(token.post(base + "/journeySteps", "{\"journeyId\":\"nope\",\"step\":\"opened\"}"),
                "journeyId");
        assertBadField(step(token, journey, "sourceTypeChosen", ",\"sourceType\":\"Bakery\""), "sourceType");
        assertBadField(step(token, journey, "platformChosen", ",\"platformKey\":\"nope\""), "platformKey");
        assertBadField(step(token, journey, "connectionStarted", null), "connectionId");
        assertBadField(step(token, journey, "opened", ",\"userAgent\":\"Mozilla\""), "userAgent");
        // another company's connection is not this company's to name
        String other = newCompany(tenant);
        String foreign = tenant.api().post("/companies/" + other + "/connections", "{\"platformKey\":\"sbac\"}").json()
                .path("id").asString();
        assertError(step(token, journey, "connectionStarted", ",\"connectionId\":\"" + foreign + "\""), 404);
        assertThat(jdbc.queryForObject("select count(*) from link_journey where company_id = ?::uuid", Long.class,
                company)).isZero();

        // a journey id is one company's: another company cannot add to it
        assertThat(step(token, journey, "opened", null).status()).isEqualTo(204);
        assertBadField(step(tokenFor(tenant, other), other, journey, "platformMissing", null), "journeyId");
        assertThat(steps(journey)).containsExactly("opened/Beacon");
    }

    @Test
    void aJourneyAndACompanyCanOnlySendSoMuch() {
        String journey = UUID.randomUUID().toString();
        for (int i = 0; i < 50; i++) {
            assertThat(step(token, journey, "platformMissing", null).status()).isEqualTo(204);
        }
        assertError(step(token, journey, "platformMissing", null), 429);
        assertThat(steps(journey)).hasSize(50);

        for (int i = 1; i < 60; i++) {
            assertThat(step(token, UUID.randomUUID().toString(), "opened", null).status()).isEqualTo(204);
        }
        assertError(step(token, UUID.randomUUID().toString(), "opened", null), 429);
        assertThat(jdbc.queryForObject("select count(*) from link_journey where company_id = ?::uuid", Long.class,
                company)).isEqualTo(60);
        // another company of the same lender is not held back by this one
        String other = newCompany(tenant);
        assertThat(step(tokenFor(tenant, other), other, UUID.randomUUID().toString(), "opened", null).status())
                .isEqualTo(204);
    }

    @Test
    void theFunnelIsTheLendersAlone() {
        assertThat(step(token, UUID.randomUUID().toString(), "opened", null).status()).isEqualTo(204);
        Tenant stranger = Tenant.create(jdbc, port, "Stranger " + UUID.randomUUID().toString().substring(0, 8));
        assertThat(stranger.api().get("/link/analytics").json().path("total").path("journeys").asLong()).isZero();
        assertError(stranger.api().get("/link/analytics?companyId=" + company), 404);
        assertThat(tenant.api().get("/link/analytics").json().path("total").path("journeys").asLong()).isEqualTo(1);
        // the customer's own token runs the journey but does not read the lender's report
        assertError(token.get("/link/analytics"), 403);
        assertError(Api.at(port).anonymous().get("/link/analytics"), 401);
        // the Hosted Link page's token may send the beacon: it is part of the journey
        String page = Api.at(port).anonymous().get("/link/" + company).body();
        java.util.regex.Matcher hosted = java.util.regex.Pattern.compile("access-token=\"([^\"]+)\"").matcher(page);
        assertThat(hosted.find()).as(page).isTrue();
        Api hostedLink = Api.at(port).anonymous().withBearer(hosted.group(1));
        assertThat(step(hostedLink, UUID.randomUUID().toString(), "opened", null).status()).isEqualTo(204);
        assertError(hostedLink.get("/link/analytics"), 403);
    }

    @Test
    void theReportCountsAKnownSetOfJourneysExactly() {
        String c1 = tenant.api().post("/companies/" + company + "/connections", "{\"platformKey\":\"sbac\"}").json()
                .path("id").asString();
        String c2 = tenant.api().post("/companies/" + company + "/connections", "{\"platformKey\":\"sbbk\"}").json()
                .path("id").asString();
        Instant now = Instant.now();
        String j1 = journey("opened", "sourceTypeChosen:Accounting", "platformChosen:sbac", "connectionStarted:" + c1);
        fact(c1, FunnelStep.CONSENT_AGREED, null, now);
        fact(c1, FunnelStep.SIGN_IN_STARTED, null, now);
        fact(c1, FunnelStep.LINKED, null, now);
        journey("opened", "sourceTypeChosen:Banking", "platformChosen:sbbk", "connectionStarted:" + c2);
        fact(c2, FunnelStep.CONSENT_AGREED, null, now);
        fact(c2, FunnelStep.CONSENT_AGREED, null, now); // a second product's consent: the same step
        fact(c2, FunnelStep.SIGN_IN_STARTED, null, now);
        fact(c2, FunnelStep.FAILED, FailureReason.CANCELLED, now);
        String j3 = journey("opened", "sourceTypeChosen:Accounting", "platformMissing");
        String j4 = journey("opened");
        journey("opened", "sourceTypeChosen:Accounting", "platformChosen:sbac");
        // j3 and j4 went quiet an hour ago; j4 also started yesterday
        backdate(j3, "1 hour", "1 hour");
        backdate(j4, "1 day", "1 day");
        assertThat(steps(j1)).hasSize(6);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode report = tenant.api().get("/link/analytics?from=" + today.minusDays(1) + "&to=" + today).json();
        JsonNode total = report.path("total");
        assertThat(total.path("journeys").asLong()).isEqualTo(5);
        assertLadder(total, new long[] {5, 4, 3, 2, 2, 1}, new String[] {"1.0", "0.8", "0.75", "0.6667", "1.0", "0.5"});
        assertThat(total.path("failed").path("journeys").asLong()).isEqualTo(1);
        assertThat(total.path("failed").path("reasons").path("cancelled").asLong()).isEqualTo(1);
        assertThat(total.path("platformMissing").asLong()).isEqualTo(1);
        assertThat(abandoned(total)).isEqualTo("opened=1 sourceTypeChosen=0 platformChosen=0 consentAgreed=0"
                + " signInStarted=0 platformMissing=1");

        assertThat(groups(report.path("byPlatform"), "platformKey")).isEqualTo("-=2 sbac=2 sbbk=1");
        assertThat(groups(report.path("bySourceType"), "sourceType")).isEqualTo("-=1 Accounting=3 Banking=1");
        assertThat(groups(report.path("byDay"), "day")).isEqualTo(today.minusDays(1) + "=1 " + today + "=4");
        JsonNode sbac = report.path("byPlatform").valueStream()
                .filter(g -> g.path("platformKey").asString("").equals("sbac")).findFirst().orElseThrow();
        assertLadder(sbac.path("funnel"), new long[] {2, 2, 2, 1, 1, 1},
                new String[] {"1.0", "1.0", "1.0", "0.5", "1.0", "1.0"});

        // today only: yesterday's journey is out of range
        assertThat(tenant.api().get("/link/analytics?from=" + today + "&to=" + today).json().path("total")
                .path("journeys").asLong()).isEqualTo(4);
    }

    @Test
    void theRangeIsValidatedAndBounded() {
        assertBadField(tenant.api().get("/link/analytics?from=2026-02-30"), "from");
        assertBadField(tenant.api().get("/link/analytics?to=yesterday"), "to");
        assertBadField(tenant.api().get("/link/analytics?from=2026-05-02&to=2026-05-01"), "from");
        assertBadField(tenant.api().get("/link/analytics?from=2025-01-01&to=2026-01-01"), "from");
        assertBadField(tenant.api().get("/link/analytics?companyId=42"), "companyId");
        JsonNode defaults = tenant.api().get("/link/analytics").json();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(defaults.path("to").asString()).isEqualTo(today.toString());
        assertThat(defaults.path("from").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(defaults.path("total").path("journeys").asLong()).isZero();
        assertThat(defaults.path("abandonedAfterMinutes").asLong()).isEqualTo(30);
    }

    @Test
    void theRetentionJobDeletesOldJourneysOnly() {
        String old = journey("opened", "platformMissing");
        String recent = journey("opened");
        backdate(old, "91 days", "91 days");
        RecurringJob retention = jobs.stream().filter(j -> j.name().equals("link-funnel-retention")).findFirst()
                .orElseThrow();
        retention.work().run();
        assertThat(jdbc.queryForObject("select count(*) from link_journey where id = ?::uuid", Long.class, old))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from link_journey_step where journey_id = ?::uuid",
                Long.class, old)).isZero();
        assertThat(steps(recent)).containsExactly("opened/Beacon");
    }

    @Test
    void deletingTheCompanyDeletesItsJourneys() {
        String journey = journey("opened");
        assertThat(tenant.api().delete("/companies/" + company).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from link_journey where id = ?::uuid", Long.class, journey))
                .isZero();
    }

    /** Sends the beacon steps ("step" or "step:value") of a new journey; returns its id. */
    private String journey(String... steps) {
        String journey = UUID.randomUUID().toString();
        for (String s : steps) {
            String[] parts = s.split(":", 2);
            String extra = parts.length == 1 ? null : switch (parts[0]) {
                case "sourceTypeChosen" -> ",\"sourceType\":\"" + parts[1] + "\"";
                case "platformChosen" -> ",\"platformKey\":\"" + parts[1] + "\"";
                default -> ",\"connectionId\":\"" + parts[1] + "\"";
            };
            Api.Response sent = step(token, journey, parts[0], extra);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(204);
        }
        return journey;
    }

    private void fact(String connection, FunnelStep step, FailureReason reason, Instant at) {
        funnel.fact(new JourneyFunnel.Fact(tenant.clientId(), UUID.fromString(company), UUID.fromString(connection),
                step, null, null, reason, at));
    }

    private void backdate(String journey, String started, String lastStep) {
        jdbc.update("update link_journey set started_utc = started_utc - ?::interval,"
                + " last_step_utc = last_step_utc - ?::interval where id = ?::uuid", started, lastStep, journey);
        jdbc.update("update link_journey_step set at_utc = at_utc - ?::interval where journey_id = ?::uuid", lastStep,
                journey);
    }

    private Api.Response step(Api caller, String journey, String step, String extra) {
        return step(caller, company, journey, step, extra);
    }

    private static Api.Response step(Api caller, String companyId, String journey, String step, String extra) {
        return caller.post("/link/api/companies/" + companyId + "/journeySteps", "{\"journeyId\":\"" + journey
                + "\",\"step\":\"" + step + "\"" + (extra == null ? "" : extra) + "}");
    }

    private List<String> steps(String journey) {
        return jdbc.queryForList("select step || '/' || origin from link_journey_step where journey_id = ?::uuid"
                + " order by at_utc, seq", String.class, journey);
    }

    private static void assertLadder(JsonNode funnel, long[] journeys, String[] conversions) {
        JsonNode steps = funnel.path("steps");
        List<String> names = steps.valueStream().map(s -> s.path("step").asString()).toList();
        assertThat(names).containsExactly("opened", "sourceTypeChosen", "platformChosen", "consentAgreed",
                "signInStarted", "linked");
        for (int i = 0; i < journeys.length; i++) {
            assertThat(steps.get(i).path("journeys").asLong()).as(names.get(i)).isEqualTo(journeys[i]);
            assertThat(steps.get(i).path("conversion").decimalValue())
                    .as(names.get(i)).isEqualByComparingTo(conversions[i]);
        }
    }

    private static String abandoned(JsonNode funnel) {
        return String.join(" ", funnel.path("abandoned").valueStream()
                .map(a -> a.path("step").asString() + "=" + a.path("journeys").asLong()).toList());
    }

    private static String groups(JsonNode groups, String key) {
        return String.join(" ", groups.valueStream().map(g -> g.path(key).asString("-") + "="
                + g.path("funnel").path("journeys").asLong()).sorted().toList());
    }

    private String newCompany(Tenant owner) {
        return owner.api().post("/companies", "{\"name\":\"Funnel Co\"}").json().path("id").asString();
    }

    private Api tokenFor(Tenant owner, String companyId) {
        String accessToken = owner.api().get("/companies/" + companyId + "/accessToken").json().path("accessToken")
                .asString();
        return Api.at(port).anonymous().withBearer(accessToken);
    }
}
