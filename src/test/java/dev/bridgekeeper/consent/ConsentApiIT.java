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
    String tenantId;
    String company;
    String base;

    @BeforeEach
    void newCompany() {
        Tenant tenant = Tenant.create(jdbc, port, "Consent API " + UUID.randomUUID().toString().substring(0, 8));
        api = tenant.api();
        tenantId = tenant.clientId().toString();
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
                + "\"sourceType\":\"banking\",\"dataTypes\":[\"banking-accounts\"],\"locale\":\"en-GB\"}");
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
        assertThat(consent.path("locale").asString()).isEqualTo("en-GB");
        assertThat(consent.path("textVersion").asString()).isEqualTo("2026-11-01");
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

        // the receipt: the record's facts as granted, signed then by the instance, checked with jose4j against the
        // public JWKS; the revocation since is in the audit chain, not in a new signature
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
        assertThat(facts.path("status").asString()).isEqualTo("Active");
        assertThat(facts.path("grantedBy").asString()).isEqualTo("ApiKey");
        assertThat(facts.path("grantedBySubject").asString()).isEqualTo(tenantId);
        assertThat(facts.path("grantedAt").asString()).isEqualTo(consent.path("grantedAt").asString());
        String[] parts = receipt.path("receipt").asString().split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                jws.getPayload().replace("Active", "Revoked").getBytes(java.nio.charset.StandardCharsets.UTF_8))
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

    @Test
    void aTextUnderTheProductsVersionMustBeTheProductsTextAsRenderedForTheCompany() {
        assertThat(api.put(base + "/products/onboarding", null).status()).isEqualTo(204);
        String consents = base + "/consents";
        String rendered = api.post(consents, "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\"}")
                .json().path("text").asString();
        String product = "{\"productIdentifier\":\"onboarding\",\"sourceType\":\"Banking\",";
        assertBadField(api.post(consents, product + "\"text\":\"I agree to anything.\",\"textVersion\":"
                + "\"2026-11-01\"}"), "text");
        assertBadField(api.post(consents, product + "\"text\":" + JsonMapper.builder().build().writeValueAsString(
                rendered + " And to everything else.") + ",\"textVersion\":\"2026-11-01\"}"), "text");
        assertBadField(api.post(consents, product + "\"textVersion\":\"2099-01-01\"}"), "textVersion");
        assertBadField(api.post(consents, product + "\"text\":\"I agree.\",\"textVersion\":\"2099-01-01\"}"),
                "textVersion");
        assertBadField(api.post(consents, product + "\"locale\":\"cy-GB\"}"), "locale");
        assertThat(api.get(consents).json().path("totalResults").asInt()).as("nothing written").isEqualTo(1);

        // the product's text sent back exactly is accepted under its version; the lender's own wording only without one
        JsonNode exact = api.post(consents, product + "\"text\":" + JsonMapper.builder().build()
                .writeValueAsString(rendered) + ",\"textVersion\":\"2026-11-01\"}").json();
        assertThat(exact.path("textVersion").asString()).isEqualTo("2026-11-01");
        JsonNode own = api.post(consents, product + "\"text\":\"Our own screen's words.\"}").json();
        assertThat(own.path("text").asString()).isEqualTo("Our own screen's words.");
        assertThat(own.has("textVersion")).as("claims no product version").isFalse();
    }

    @Test
    void theReceiptIsKeptAsSignedAtGrantSoARecordEditedInTheDatabaseGetsNoReceiptForItsNewFacts()
            throws Exception {
        assertThat(api.put(base + "/products/onboarding", null).status()).isEqualTo(204);
        JsonNode consent = api.post(base + "/consents", "{\"productIdentifier\":\"onboarding\","
                + "\"sourceType\":\"Banking\",\"dataTypes\":[\"banking-accounts\"]}").json();
        String id = consent.path("id").asString();
        String receipt = api.get(base + "/consents/" + id + "/receipt").json().path("receipt").asString();

        // someone with write access to the database widens the consent and swaps its text
        jdbc.update("update consent_record set data_types = array['banking-accounts','banking-transactions'],"
                + " consent_text = 'Anything goes.', text_sha256 = sha256('Anything goes.'::bytea) where id = ?::uuid",
                id);
        JsonNode edited = api.get(base + "/consents/" + id).json();
        assertThat(ConsentLifecycleIT.strings(edited.path("dataTypes"))).contains("banking-transactions");

        JsonNode again = api.get(base + "/consents/" + id + "/receipt").json();
        assertThat(again.path("receipt").asString()).as("the stored receipt, not a new signature").isEqualTo(receipt);
        String jwks = Api.at(port).anonymous().get("/.well-known/jwks.json").body();
        JsonNode facts = JsonMapper.builder().build().readTree(verified(again.path("receipt").asString(), jwks)
                .getPayload()).path("consent");
        assertThat(ConsentLifecycleIT.strings(facts.path("dataTypes"))).containsExactly("banking-accounts");
        assertThat(facts.path("textSha256").asString()).isEqualTo(consent.path("textSha256").asString())
                .isNotEqualTo(edited.path("textSha256").asString());
    }

    @Test
    void aCompanyTokenRevokesAsTheCustomerAndCannotNameSomeoneElse() {
        assertThat(api.put(base + "/products/onboarding", null).status()).isEqualTo(204);
        String first = api.post(base + "/consents", "{\"productIdentifier\":\"onboarding\",\"sourceType\":"
                + "\"Banking\"}").json().path("id").asString();
        Api token = Api.at(port).anonymous().withBearer(api.get(base + "/accessToken").json().path("accessToken")
                .asString());

        assertBadField(token.post(base + "/consents/" + first + "/revoke", "{\"revokedBy\":\"lender@acme.example\"}"),
                "revokedBy");
        assertThat(api.get(base + "/consents/" + first).json().path("status").asString()).isEqualTo("Active");
        JsonNode byCustomer = token.post(base + "/consents/" + first + "/revoke",
                "{\"revokedBy\":\"CompanyToken\",\"reason\":\"No longer needed\"}").json();
        assertThat(byCustomer.path("revokedBy").asString()).isEqualTo("CompanyToken");

        // the lender's key may say on whose behalf it revoked; the chain keeps which credential asked
        String second = api.post(base + "/consents", "{\"productIdentifier\":\"onboarding\",\"sourceType\":"
                + "\"Banking\"}").json().path("id").asString();
        assertThat(api.post(base + "/consents/" + second + "/revoke", "{\"revokedBy\":\"customer@tiny.example\"}")
                .json().path("revokedBy").asString()).isEqualTo("customer@tiny.example");
        List<JsonNode> revocations = api.get(base + "/consents/audit").json().path("results").valueStream()
                .filter(e -> e.path("eventType").asString().equals("consent.revoked")).toList();
        assertThat(revocations).extracting(e -> e.path("details").path("revokedVia").asString())
                .containsExactly("CompanyToken", "ApiKey");
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
