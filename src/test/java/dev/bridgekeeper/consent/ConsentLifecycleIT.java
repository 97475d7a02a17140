package dev.bridgekeeper.consent;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.oauth.SandboxJourney;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * The consent journeys of the seed, through the API and the Link UI's API, against real sandbox links: first
 * onboarding, a second product for an existing customer, an additional consent without a new sign-in, adding a
 * platform, and revoking one use case after seeing its impact.
 */
@ApiIntegrationTest
class ConsentLifecycleIT {

    private static final List<String> ONBOARDING_BANKING = List.of("banking-accounts", "banking-accountBalances",
            "banking-transactions");
    private static final Duration SYNC = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    Tenant tenant;
    Api api;
    String company;

    @BeforeEach
    void newCompany() {
        tenant = Tenant.create(jdbc, port, "Consent " + UUID.randomUUID().toString().substring(0, 8));
        api = tenant.api();
        assertThat(api.put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\"}").status()).isEqualTo(200);
        company = api.post("/companies", "{\"name\":\"Tiny Trading Ltd\"}").json().path("id").asString();
    }

    @Test
    void firstOnboardingThenASecondProductWidensTheSameConnectionWithoutANewSignIn_andRevokingOneUseCaseRemovesOnlyItsData()
            throws Exception {
        assertThat(api.put("/companies/" + company + "/products/onboarding", null).status()).isEqualTo(204);
        assertThat(api.get("/companies/" + company).json().path("products").valueStream().map(JsonNode::asString)
                .toList()).containsExactly("onboarding");

        // first onboarding through the Link UI's API: consent accepted, then the platform linked
        Api token = Api.at(port).anonymous().withBearer(api.get("/companies/" + company + "/accessToken").json()
                .path("accessToken").asString());
        String linkBase = "/link/api/companies/" + company;
        JsonNode connection = token.post(linkBase + "/connections", "{\"platformKey\":\"sbbk\"}").json();
        String connectionId = connection.path("id").asString();
        String shown = "Connect Sandbox Banking\n\nPurpose\nAcme Bank uses this data to open your account.";
        Api.Response accepted = token.post(linkBase + "/consents", "{\"connectionId\":\"" + connectionId
                + "\",\"sourceType\":\"Banking\",\"locale\":\"en-GB\",\"channel\":\"HostedLink\","
                + "\"text\":\"Connect Sandbox Banking\\n\\nPurpose\\nAcme Bank uses this data to open your account.\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        String onboardingConsent = accepted.json().path("id").asString();
        assertThat(accepted.json().path("consentIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly(onboardingConsent);

        JsonNode record = api.get("/companies/" + company + "/consents/" + onboardingConsent).json();
        assertThat(record.path("productIdentifier").asString()).isEqualTo("onboarding");
        assertThat(record.path("sourceType").asString()).isEqualTo("Banking");
        assertThat(strings(record.path("connectionIds"))).containsExactly(connectionId);
        assertThat(strings(record.path("dataTypes"))).containsExactlyElementsOf(ONBOARDING_BANKING);
        assertThat(record.path("text").asString()).isEqualTo(shown);
        assertThat(record.path("textSha256").asString()).isEqualTo(sha256(shown));
        assertThat(record.has("textVersion")).as("the page's own wording claims no product text version").isFalse();
        assertThat(record.path("locale").asString()).isEqualTo("en-GB");
        assertThat(record.path("channel").asString()).isEqualTo("HostedLink");
        assertThat(record.path("grantedBy").asString()).isEqualTo("CompanyToken");
        assertThat(record.path("status").asString()).isEqualTo("Active");
        assertThat(Duration.between(Instant.parse(record.path("grantedAt").asString()),
                Instant.parse(record.path("expiresAt").asString()))).as("open banking: 90 days")
                .isEqualTo(Duration.ofDays(90));

        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, "user_good", true);
        assertThat(back.statusCode()).as(back.body()).isIn(200, 302);
        awaitComplete(ONBOARDING_BANKING);
        assertThat(api.get("/companies/" + company + "/dataStatus").json().propertyNames())
                .as("only the onboarding product's data types sync")
                .containsExactlyInAnyOrderElementsOf(ONBOARDING_BANKING);
        String categories = "/companies/" + company + "/connections/" + connectionId
                + "/data/banking-transactionCategories";
        assertError(api.post("/companies/" + company + "/data/queue/banking-transactionCategories", null), 404);

        // the existing customer takes a second product: one more consent on the same connection, no new sign-in
        assertThat(api.put("/companies/" + company + "/products/lending", null).status()).isEqualTo(204);
        Api.Response lending = api.post("/companies/" + company + "/consents", "{\"productIdentifier\":\"lending\","
                + "\"sourceType\":\"Banking\",\"connectionIds\":[\"" + connectionId + "\"],\"ipAddress\":\"203.0.113.9\","
                + "\"userAgent\":\"LenderPortal/1.0\"}");
        assertThat(lending.status()).as(lending.toString()).isEqualTo(201);
        JsonNode lendingConsent = lending.json();
        String text = lendingConsent.path("text").asString();
        assertThat(text).startsWith("Lending: your banking data\n\nPurpose\nAcme Bank uses this data to assess the loan"
                + " application of Tiny Trading Ltd").contains("\n- Transaction categories");
        assertThat(lendingConsent.path("textSha256").asString()).isEqualTo(sha256(text));
        assertThat(lendingConsent.path("channel").asString()).isEqualTo("Api");
        assertThat(lendingConsent.path("ipAddress").asString()).isEqualTo("203.0.113.9");
        assertThat(lendingConsent.path("userAgent").asString()).isEqualTo("LenderPortal/1.0");
        awaitComplete(List.of("banking-transactionCategories"));
        assertThat(api.get(categories).json().path("totalResults").asInt()).isPositive();
        JsonNode connections = api.get("/companies/" + company + "/connections").json();
        assertThat(connections.path("totalResults").asInt()).as("no second connection, no new sign-in").isEqualTo(1);
        assertThat(connections.path("results").get(0).path("status").asString()).isEqualTo("Linked");

        // the customer's manage-connections view names both products as relying on the connection
        JsonNode disconnectImpact = token.get(linkBase + "/connections/" + connectionId + "/impact").json();
        assertThat(disconnectImpact.path("products").valueStream().map(p -> p.path("productIdentifier").asString())
                .toList()).containsExactlyInAnyOrder("onboarding", "lending");

        // revoking the lending use case: its impact first, then only its own data type stops and goes
        String lendingId = lendingConsent.path("id").asString();
        JsonNode impact = api.get("/companies/" + company + "/consents/" + lendingId + "/impact").json();
        assertThat(impact.path("products").get(0).path("productIdentifier").asString()).isEqualTo("lending");
        assertThat(strings(impact.path("products").get(0).path("dataTypes"))).containsExactly("banking-accounts",
                "banking-accountBalances", "banking-transactions", "banking-transactionCategories");
        JsonNode affected = impact.path("connections").get(0);
        assertThat(affected.path("connectionId").asString()).isEqualTo(connectionId);
        assertThat(strings(affected.path("stopsSyncing"))).containsExactly("banking-transactionCategories");
        assertThat(strings(affected.path("keepsSyncing"))).containsExactlyInAnyOrderElementsOf(ONBOARDING_BANKING);
        assertThat(affected.path("unlinked").asBoolean()).isFalse();

        Api.Response revoked = api.post("/companies/" + company + "/consents/" + lendingId + "/revoke",
                "{\"reason\":\"Loan application withdrawn\",\"deleteData\":true}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asString()).isEqualTo("Revoked");
        assertThat(revoked.json().path("revokedBy").asString()).isEqualTo("ApiKey");
        assertThat(revoked.json().path("revocationReason").asString()).isEqualTo("Loan application withdrawn");
        assertThat(api.get(categories).json().path("totalResults").asInt()).as("deleted at once on request").isZero();
        assertThat(api.get("/companies/" + company + "/connections/" + connectionId + "/data/banking-transactions")
                .json().path("totalResults").asInt()).as("onboarding's data stays").isPositive();
        assertError(api.post("/companies/" + company + "/data/queue/banking-transactionCategories", null), 404);
        assertThat(api.post("/companies/" + company + "/data/queue/banking-transactions", null).status())
                .isEqualTo(200);
        assertError(api.post("/companies/" + company + "/consents/" + lendingId + "/revoke", null), 409);

        // the customer withdraws the last consent on the connection: it is unlinked
        JsonNode last = token.get("/companies/" + company + "/consents/" + onboardingConsent + "/impact").json();
        assertThat(last.path("connections").get(0).path("unlinked").asBoolean()).isTrue();
        Api.Response withdrawn = token.post("/companies/" + company + "/consents/" + onboardingConsent + "/revoke",
                "{\"reason\":\"Closed the account\"}");
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().path("revokedBy").asString()).isEqualTo("CompanyToken");
        assertThat(api.get("/companies/" + company + "/connections/" + connectionId).json().path("status")
                .asString()).isEqualTo("Unlinked");
        // onboarding keeps its data for its 30-day retention; the deletion is scheduled, not done
        assertThat(jdbc.queryForObject("select count(*) from consent_data_deletion where consent_id = ?::uuid",
                Integer.class, onboardingConsent)).isEqualTo(ONBOARDING_BANKING.size());
        assertThat(strings(api.get("/companies/" + company + "/consents").json().path("results"), "status"))
                .containsExactly("Revoked", "Revoked");
        assertThat(strings(api.get("/companies/" + company + "/consents/audit").json().path("results"), "eventType"))
                .containsExactly("consent.granted", "consent.granted", "consent.revoked", "consent.data.deleted",
                        "consent.revoked");
        assertThat(api.get("/companies/" + company + "/consents/audit/verify").json().path("intact").asBoolean())
                .isTrue();
    }

    @Test
    void addingPlatformsFollowsTheConsentsGivenForThem() {
        assertThat(api.put("/companies/" + company + "/products/lending", null).status()).isEqualTo(204);
        // consent for every accounting connection, given before the platform is connected
        Api.Response accounting = api.post("/companies/" + company + "/consents",
                "{\"productIdentifier\":\"lending\",\"sourceType\":\"Accounting\",\"dataTypes\":[\"invoices\","
                        + "\"customers\"]}");
        assertThat(accounting.status()).as(accounting.toString()).isEqualTo(201);
        assertThat(strings(accounting.json().path("connectionIds"))).isEmpty();
        SandboxLink books = SandboxLink.linkAnother(tenant, UUID.fromString(company), publicUrl, "sbac", "user_good");
        awaitComplete(List.of("invoices", "customers"));
        assertThat(api.get("/companies/" + company + "/dataStatus").json().propertyNames())
                .containsExactlyInAnyOrder("invoices", "customers");
        assertThat(api.get("/companies/" + company + "/data/invoices").json().path("totalResults").asInt())
                .isPositive();

        // a commerce platform without its consent is linked but syncs nothing
        SandboxLink shop = SandboxLink.linkAnother(tenant, UUID.fromString(company), publicUrl, "sbcm", "user_good");
        assertThat(api.get("/companies/" + company + "/data/history?pageSize=100").json().path("results")
                .valueStream().map(d -> d.path("connectionId").asString()).toList())
                .doesNotContain(shop.connectionId().toString());
        // ... until the customer consents to it: no new sign-in, the commerce data types start syncing
        Api.Response commerce = api.post("/companies/" + company + "/consents", "{\"productIdentifier\":\"lending\","
                + "\"sourceType\":\"Commerce\",\"connectionIds\":[\"" + shop.connectionId() + "\"]}");
        assertThat(commerce.status()).as(commerce.toString()).isEqualTo(201);
        awaitComplete(List.of("commerce-orders", "commerce-customers"));
        assertThat(books.connectionId()).isNotEqualTo(shop.connectionId());

        // a second consent for the same product and connections replaces the first, which stays as evidence
        Api.Response again = api.post("/companies/" + company + "/consents",
                "{\"productIdentifier\":\"lending\",\"sourceType\":\"Accounting\"}");
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        JsonNode first = api.get("/companies/" + company + "/consents/" + accounting.json().path("id").asString())
                .json();
        assertThat(first.path("status").asString()).isEqualTo("Superseded");
        assertThat(first.path("supersededBy").asString()).isEqualTo(again.json().path("id").asString());
    }

    @Test
    void aPullUnderWayWhenItsConsentIsRevokedEndsCancelledAndWritesNothingBack() {
        assertThat(api.put("/companies/" + company + "/products/onboarding", null).status()).isEqualTo(204);
        assertThat(api.put("/companies/" + company + "/products/lending", null).status()).isEqualTo(204);
        assertThat(api.post("/companies/" + company + "/consents",
                "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\"}").status()).isEqualTo(201);
        String lending = api.post("/companies/" + company + "/consents",
                "{\"productIdentifier\":\"lending\",\"sourceType\":\"Banking\"}").json().path("id").asString();
        // user_ratelimited: the first page of every listing is answered 429 with Retry-After: 1, so each pull
        // queued by the link is still being read when the revocation below commits
        SandboxLink bank = SandboxLink.linkAnother(tenant, UUID.fromString(company), publicUrl, "sbbk",
                "user_ratelimited");
        Api.Response revoked = api.post("/companies/" + company + "/consents/" + lending + "/revoke",
                "{\"deleteData\":true}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        awaitComplete(ONBOARDING_BANKING);
        await().atMost(SYNC).untilAsserted(() -> assertThat(api.get("/companies/" + company + "/dataStatus").json()
                .path("banking-transactionCategories").path("currentStatus").asString()).isEqualTo("Cancelled"));
        JsonNode cancelled = api.get("/companies/" + company + "/data/history?query=dataType=banking-transactionCategories")
                .json().path("results").get(0);
        assertThat(cancelled.path("errorMessage").asString()).contains("No active consent covers");
        assertThat(api.get(bank.connectionPath() + "/data/banking-transactionCategories").json().path("totalResults")
                .asInt()).as("nothing written back after the revocation").isZero();
        assertThat(api.get(bank.connectionPath()).json().path("status").asString()).isEqualTo("Linked");
    }

    private void awaitComplete(List<String> dataTypes) {
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode status = api.get("/companies/" + company + "/dataStatus").json();
            for (String dataType : dataTypes) {
                assertThat(status.path(dataType).path("currentStatus").asString()).as(dataType)
                        .isEqualTo("Complete");
            }
        });
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    static List<String> strings(JsonNode array, String field) {
        return array.valueStream().map(n -> n.path(field).asString()).toList();
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                StandardCharsets.UTF_8)));
    }
}
