package dev.bridgekeeper.files;

import static dev.bridgekeeper.files.Uploads.resource;
import static dev.bridgekeeper.files.Uploads.upload;
import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.files.Uploads.Part;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Uploads from the Link journey: limits up front, the consent first (recorded as shown), then the files. */
@ApiIntegrationTest
class LinkUploadIT {

    private static final String TEXT = "Share your documents with Acme Bank. Acme Bank will see and download the"
            + " files you upload here and read the transactions in bank statements (OFX, CAMT.053).";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Tenant tenant;
    private String company;
    private Api customer;
    private String base;

    @BeforeEach
    void companyAndToken() {
        tenant = Tenant.create(jdbc, port, "LinkUp " + UUID.randomUUID().toString().substring(0, 8));
        tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\"}");
        company = tenant.api().post("/companies", "{\"name\":\"Tiny Trading Ltd\"}").json().path("id").asString();
        customer = Api.at(port).anonymous().withBearer(tenant.api().get("/companies/" + company + "/accessToken")
                .json().path("accessToken").asString());
        base = "/link/api/companies/" + company + "/uploads";
    }

    @Test
    void theCustomerAgreesThenUploadsAndTheLenderSeesTheFiles() {
        JsonNode start = customer.get(base).json();
        assertThat(start.path("consented").asBoolean()).isFalse();
        assertThat(start.path("limits").path("maxFileSizeBytes").asLong()).isEqualTo(10L * 1024 * 1024);
        assertThat(start.path("limits").path("maxFilesPerUpload").asInt()).isEqualTo(20);
        assertThat(start.path("limits").path("allowedTypes").valueStream().map(JsonNode::asString).toList())
                .containsExactly("PDF", "CSV", "OFX", "XLSX", "CAMT.053");
        assertThat(start.path("files").size()).isZero();

        // no consent, no upload
        assertError(upload(customer, base + "/files", new Part("a.pdf", resource("accounts.pdf"))), 409);
        assertBadField(customer.post(base + "/consent", "{\"text\":\" \"}"), "text");

        Api.Response agreed = customer.post(base + "/consent", "{\"text\":\"" + TEXT + "\"}");
        assertThat(agreed.status()).as(agreed.toString()).isEqualTo(201);
        String connection = agreed.json().path("connectionId").asString();
        String consentId = agreed.json().path("consentIds").get(0).asString();
        JsonNode record = tenant.api().get("/companies/" + company + "/consents/" + consentId).json();
        assertThat(record.path("text").asString()).isEqualTo(TEXT);
        assertThat(record.path("channel").asString()).isEqualTo("Link");
        assertThat(record.path("sourceType").asString()).isEqualTo("Banking");
        assertThat(record.path("status").asString()).isEqualTo("Active");
        assertThat(record.path("connectionIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly(connection);
        JsonNode linked = tenant.api().get("/companies/" + company + "/connections/" + connection).json();
        assertThat(linked.path("status").asString()).isEqualTo("Linked");
        assertThat(linked.path("integrationKey").asString()).isEqualTo("upld");

        Api.Response uploaded = upload(customer, base + "/files", new Part("accounts.pdf", resource("accounts.pdf")),
                new Part("statement.ofx", resource("statement-v1.ofx")));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(customer.get(base).json().path("files").size()).isEqualTo(2);
        assertThat(customer.get(base).json().path("consented").asBoolean()).isTrue();
        assertThat(jdbc.queryForList("select uploaded_by from uploaded_file where company_id = ?::uuid",
                String.class, company)).containsOnly("CompanyToken");
        assertThat(tenant.api().get("/companies/" + company + "/files").json().size()).isEqualTo(2);

        // the same connection for a second consent and upload, and the upload connection is not a platform to pick
        assertThat(customer.post(base + "/consent", "{\"text\":\"" + TEXT + "\"}").json().path("connectionId")
                .asString()).isEqualTo(connection);
        assertThat(customer.get("/link/api/companies/" + company + "/integrations").json().valueStream()
                .map(i -> i.path("key").asString()).toList()).doesNotContain("upld");
    }

    @Test
    void hostedLinkUploadsAreRecordedAsHostedLink() {
        tenant.api().put("/profile", "{\"name\":\"Acme Bank\",\"redirectUrl\":\"\",\"hostedLinkRequiresToken\":true}");
        String linkToken = tenant.api().post("/companies/" + company + "/hostedLink/token", null).json().path("token")
                .asString();
        Api hosted = Api.at(port).anonymous().withBearer(Api.at(port).anonymous().post("/link/" + company,
                "{\"token\":\"" + linkToken + "\"}").json().path("accessToken").asString());
        // the page cannot claim another channel
        Api.Response agreed = hosted.post(base + "/consent", "{\"text\":\"" + TEXT + "\",\"channel\":\"Link\"}");
        assertThat(agreed.status()).as(agreed.toString()).isEqualTo(201);
        JsonNode record = tenant.api().get("/companies/" + company + "/consents/" + agreed.json().path("consentIds")
                .get(0).asString()).json();
        assertThat(record.path("channel").asString()).isEqualTo("HostedLink");
        assertThat(upload(hosted, base + "/files", new Part("a.csv", "a,b\n1,2\n".getBytes())).status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject("select uploaded_by from uploaded_file where company_id = ?::uuid",
                String.class, company)).isEqualTo("HostedLink");
        // a Hosted Link token still does not reach the lender's Files API
        assertError(hosted.get("/companies/" + company + "/files"), 403);
    }

    @Test
    void aTokenForAnotherCompanyIsRefused() {
        String other = tenant.api().post("/companies", "{\"name\":\"Other Ltd\"}").json().path("id").asString();
        String otherBase = "/link/api/companies/" + other + "/uploads";
        assertError(customer.get(otherBase), 403);
        assertError(customer.post(otherBase + "/consent", "{\"text\":\"" + TEXT + "\"}"), 403);
        assertError(upload(customer, otherBase + "/files", new Part("a.pdf", resource("accounts.pdf"))), 403);
        assertThat(jdbc.queryForObject("select count(*) from connection where company_id = ?::uuid", Integer.class,
                other)).isZero();
    }
}
