package dev.bridgekeeper.consent;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import tools.jackson.databind.json.JsonMapper;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Products and consent records through the API: what is accepted, and how bad input is answered. */
@ApiIntegrationTest
class ConsentApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String company;
    String base;

    @BeforeEach
    void newCompany() {
        api = Tenant.create(jdbc, port, "Consent API " + UUID.randomUUID().toString().substring(0, 8)).api();
        company = api.post("/companies", "{\"name\":\"Tiny Trading Ltd\"}").json().path("id").asString();
        base = "/companies/" + company;
    }

    @Test
    void theShippedProductsAreListedWithWhatTheyReadAndHowLongConsentLasts() {
        JsonNode products = api.get("/products").json();
        JsonNode lending = products.valueStream().filter(p -> p.path("identifier").asString().equals("lending"))
                .findFirst().orElseThrow();
        assertThat(lending.path("sourceTypes").propertyNames()).containsExactlyInAnyOrder("Accounting", "Banking",
                "Commerce");
        assertThat(lending.path("sourceTypes").path("Commerce").path("required").asBoolean()).isFalse();
        assertThat(ConsentLifecycleIT.strings(lending.path("sourceTypes").path("Banking").path("dataTypes")))
                .contains("banking-transactions");
        assertThat(lending.path("consentTexts").path("version").asString()).isEqualTo("2026-11-01");
        JsonNode onboarding = products.valueStream()
                .filter(p -> p.path("identifier").asString().equals("onboarding")).findFirst().orElseThrow();
        assertThat(onboarding.path("sourceTypes").propertyNames()).containsExactly("Banking");
    }

    @Test
    void productsAreAddedRemovedAndRefreshedOnTheCompany() {
        assertThat(api.put(base + "/products/lending", null).status()).isEqualTo(204);
        assertThat(api.put(base + "/products/onboarding", null).status()).isEqualTo(204);
        assertThat(api.put(base + "/products/lending", null).status()).as("adding twice changes nothing")
                .isEqualTo(204);
        assertThat(ConsentLifecycleIT.strings(api.get(base).json().path("products")))
                .containsExactly("lending", "onboarding");
        assertThat(api.post(base + "/products/lending/refresh", "{\"dataTypes\":[\"invoices\"]}").status())
                .as("nothing linked yet: accepted, nothing queued").isEqualTo(202);
        assertThat(api.get(base + "/data/history").json().path("totalResults").asInt()).isZero();
        assertThat(api.delete(base + "/products/lending").status()).isEqualTo(204);
        assertThat(ConsentLifecycleIT.strings(api.get(base).json().path("products"))).containsExactly("onboarding");

        JsonNode unknown = assertError(api.put(base + "/products/mortgage", null), 404);
        assertThat(unknown.path("error").asString()).contains("mortgage").contains("lending").contains("onboarding");
        assertError(api.put("/companies/" + UUID.randomUUID() + "/products/lending", null), 404);
        assertError(api.delete(base + "/products/lending"), 404);
        assertError(api.post(base + "/products/lending/refresh", null), 404);
        assertBadField(api.post(base + "/products/onboarding/refresh", "{\"dataTypes\":[\"invoices\"]}"),
                "dataTypes");
        assertBadField(api.post(base + "/products/onboarding/refresh", "{\"dataTypes\":[]}"), "dataTypes");
        assertBadField(api.post(base + "/products/onboarding/refresh", "{\"dataType\":[\"x\"]}"), "dataType");
    }

    @Test
    void badConsentsAreRefusedNamingTheField_andNothingIsWritten() {
        assertThat(api.put(base + "/products/onboarding", null).status()).isEqualTo(204);
        String consents = base + "/consents";
        assertBadField(api.post(consents, "{\"sourceType\":\"Banking\"}"), "productIdentifier");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"mortgage\",\"sourceType\":\"Banking\"}"),
                "productIdentifier");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"lending\",\"sourceType\":\"Banking\"}"),
                "productIdentifier");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\"}"), "sourceType");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Cake\"}"),
                "sourceType");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Accounting\"}"),
                "sourceType");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"connectionIds\":[\"nope\"]}"), "connectionIds");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"connectionIds\":[\"" + UUID.randomUUID() + "\"]}"), "connectionIds");
        String accounting = api.post(base + "/connections", "{\"platformKey\":\"sbac\"}").json().path("id")
                .asString();
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"connectionIds\":[\"" + accounting + "\"]}"), "connectionIds");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"dataTypes\":[\"invoices\"]}"), "dataTypes");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"text\":\" \"}"), "text");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"text\":\"" + "x".repeat(20_001) + "\"}"), "text");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"channel\":\"Fax\"}"), "channel");
        assertBadField(api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\","
                + "\"colour\":\"blue\"}"), "colour");
        assertError(api.post("/companies/" + UUID.randomUUID() + "/consents",
                "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\"}"), 404);
        assertThat(api.get(consents).json().path("totalResults").asInt()).isZero();

        assertError(api.get(consents + "/" + UUID.randomUUID()), 404);
        assertError(api.get(consents + "/" + UUID.randomUUID() + "/impact"), 404);
        assertError(api.post(consents + "/" + UUID.randomUUID() + "/revoke", null), 404);
        assertError(api.post(consents + "/" + UUID.randomUUID() + "/reconfirm", null), 404);
    }

    @Test
    void aConsentWithoutTextStoresTheProductsRenderedTextAndRevokedIsFinal() throws Exception {
        assertThat(api.put(base + "/products/onboarding", null).status()).isEqualTo(204);
        assertThat(api.put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\"}").status()).isEqualTo(200);
        Api.Response created = api.post(base + "/consents", "{\"productIdentifier\":\"onboarding\","
                + "\"sourceType\":\"banking\",\"dataTypes\":[\"banking-accounts\"],\"locale\":\"cy-GB\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode consent = created.json();
        assertThat(consent.path("text").asString()).isEqualTo(String.join("\n\n",
                "Onboarding: your banking data",
                "Purpose\nAcme Bank uses this data to open and verify the account of Tiny Trading Ltd.",
                "Access\nRead-only. Acme Bank can see your data but cannot change anything or move money.",
                "Account information\nAccount names, numbers and balances.",
                "Platform data\nAcme Bank will read:\n- Bank accounts",
                "Retention\nData is kept while you use Onboarding and deleted 30 days after you withdraw consent."));
        assertThat(consent.path("textSha256").asString()).isEqualTo(ConsentLifecycleIT.sha256(
                consent.path("text").asString()));
        assertThat(consent.path("locale").asString()).isEqualTo("cy-GB");
        assertThat(consent.path("sourceType").asString()).isEqualTo("Banking");
        assertThat(ConsentLifecycleIT.strings(consent.path("dataTypes"))).containsExactly("banking-accounts");
        String id = consent.path("id").asString();
        JsonNode listed = api.get(base + "/consents").json();
        assertThat(listed.path("totalResults").asInt()).isEqualTo(1);
        assertThat(listed.path("results").get(0)).isEqualTo(api.get(base + "/consents/" + id).json());

        JsonNode revoked = api.post(base + "/consents/" + id + "/revoke", "{\"revokedBy\":\"customer@tiny.example\"}")
                .json();
        assertThat(revoked.path("status").asString()).isEqualTo("Revoked");
        assertThat(revoked.path("revokedBy").asString()).isEqualTo("customer@tiny.example");
        assertError(api.post(base + "/consents/" + id + "/reconfirm", null), 409);
        assertError(api.get(base + "/consents/" + id + "/impact"), 409);
        assertBadField(api.post(base + "/consents/" + id + "/revoke", "{\"reason\":\"" + "r".repeat(501) + "\"}"),
                "reason");
        assertThat(List.of(revoked.path("revokedAt").asString())).doesNotContain("");

        // the receipt: the record's facts signed by the instance, checked with jose4j against the public JWKS
        JsonNode receipt = api.get(base + "/consents/" + id + "/receipt").json();
        assertThat(receipt.path("jwksUri").asString()).endsWith("/.well-known/jwks.json");
        String jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
        JsonWebSignature jws = verified(receipt.path("receipt").asString(), jwks);
        assertThat(jws.getHeader("typ")).isEqualTo("consent-receipt+jwt");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(receipt.path("keyId").asString());
        JsonNode claims = JsonMapper.builder().build().readTree(jws.getPayload());
        assertThat(claims.path("sub").asString()).isEqualTo(company);
        JsonNode facts = claims.path("consent");
        assertThat(facts.path("id").asString()).isEqualTo(id);
        assertThat(facts.path("textSha256").asString()).isEqualTo(consent.path("textSha256").asString());
        assertThat(facts.path("productName").asString()).isEqualTo("Onboarding");
        assertThat(facts.path("status").asString()).isEqualTo("Revoked");
        assertThat(facts.path("grantedAt").asString()).isEqualTo(consent.path("grantedAt").asString());
        String[] parts = receipt.path("receipt").asString().split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                jws.getPayload().replace("Revoked", "Active").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verifies(forged, jwks)).as("an edited receipt does not verify").isFalse();

        // the audit log: granted then revoked, chained and intact
        JsonNode audit = api.get(base + "/consents/audit").json();
        assertThat(audit.path("results").valueStream().map(e -> e.path("eventType").asString()).toList())
                .containsExactly("consent.granted", "consent.revoked");
        assertThat(audit.path("results").get(0).path("subjectId").asString()).isEqualTo(id);
        assertThat(audit.path("results").get(0).path("details").path("textSha256").asString())
                .isEqualTo(consent.path("textSha256").asString());
        assertThat(audit.path("results").get(1).path("details").path("revokedBy").asString())
                .isEqualTo("customer@tiny.example");
        assertThat(api.get(base + "/consents/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    private static JsonWebSignature verified(String compact, String jwks) throws Exception {
        JsonWebSignature jws = parse(compact, jwks);
        assertThat(jws.verifySignature()).as("signature of %s", compact).isTrue();
        return jws;
    }

    private static boolean verifies(String compact, String jwks) throws Exception {
        return parse(compact, jwks).verifySignature();
    }

    private static JsonWebSignature parse(String compact, String jwks) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
        jws.setCompactSerialization(compact);
        JsonWebKey key = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwks).getJsonWebKeys());
        assertThat(key).as("a key in the JWKS matches kid %s", jws.getKeyIdHeaderValue()).isNotNull();
        jws.setKey(key.getKey());
        return jws;
    }
}
