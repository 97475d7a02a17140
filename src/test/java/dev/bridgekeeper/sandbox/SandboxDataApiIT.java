package dev.bridgekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.sandbox.internal.SandboxRecordEdits;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The sandbox platforms' data API over real HTTP, with a real access token of a linked connection. */
@ApiIntegrationTest
class SandboxDataApiIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    @Test
    void listingsAreDeterministicPagedAndInCodatsShape() {
        Api bank = platformApi("sbbk", "user_good");
        JsonNode all = bank.get("/sandbox/banking/api/data/banking-transactions?page=1&pageSize=600").json();
        assertThat(all.path("totalResults").asLong()).isEqualTo(600);
        List<JsonNode> pages = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            bank.get("/sandbox/banking/api/data/banking-transactions?page=" + page + "&pageSize=200").json()
                    .path("results").forEach(pages::add);
        }
        assertThat(pages).hasSize(600);
        assertThat(pages).containsExactlyElementsOf(all.path("results").valueStream().toList());
        assertThat(platformApi("sbbk", "user_good").get("/sandbox/banking/api/data/banking-transactions?pageSize=600")
                .json().path("results")).isEqualTo(all.path("results"));

        JsonNode first = all.path("results").get(0);
        assertThat(first.path("id").asString()).isEqualTo("txn-0");
        assertThat(first.path("accountId").asString()).isEqualTo("bank-0");
        assertThat(first.has("amount")).isTrue();
        assertThat(first.has("postedDate")).isTrue();
        assertThat(first.has("modifiedDate")).isTrue();
        assertThat(first.has("sourceModifiedDate")).isTrue();
    }

    @Test
    void touchAndDeleteShowInIncrementalListings() {
        Api accounting = platformApi("sbac", "user_good");
        String base = "/sandbox/accounting/api/data/invoices";
        long total = accounting.get(base).json().path("totalResults").asLong();
        String since = java.time.Instant.now().minusSeconds(1).toString();

        // the platform's own user changes the data (the tests' seam): the data API itself only reads
        assertThat(accounting.post(base + "/inv-5/touch", null).status()).as("no touch hook shipped").isEqualTo(404);
        assertThat(accounting.delete(base + "/inv-6").status()).as("no delete hook shipped").isEqualTo(405);
        assertThat(accounting.get(base + "?modifiedSince=" + since).json().path("results").isEmpty()).isTrue();
        SandboxRecordEdits edits = SandboxRecordEdits.of(context);
        assertThat(edits.touch("accounting", "user_good", "invoices", "inv-5")).containsEntry("id", "inv-5");
        edits.delete("accounting", "user_good", "invoices", "inv-6");

        JsonNode changed = accounting.get(base + "?modifiedSince=" + since).json();
        assertThat(changed.path("results").valueStream().map(r -> r.path("id").asString()))
                .containsExactly("inv-5", "inv-6");
        assertThat(changed.path("results").get(1).path("metadata").path("isDeleted").asBoolean()).isTrue();
        assertThat(accounting.get(base).json().path("totalResults").asLong()).isEqualTo(total - 1);
    }

    @Test
    void faultsArePerUser() {
        Api flaky = platformApi("sbbk", "user_flaky");
        assertThat(flaky.get("/sandbox/banking/api/data/banking-accounts").status()).isEqualTo(503);

        Api limited = platformApi("sbbk", "user_ratelimited");
        Api.Response refused = limited.get("/sandbox/banking/api/data/banking-accounts");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(limited.get("/sandbox/banking/api/data/banking-accounts").status()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnotherPlatformOrAnUnknownDataTypeIsRefused() {
        Api bank = platformApi("sbbk", "user_good");
        assertThat(bank.get("/sandbox/accounting/api/data/invoices").status()).isEqualTo(401);
        assertThat(bank.get("/sandbox/banking/api/data/invoices").status()).isEqualTo(404);
        assertThat(Api.at(port).anonymous().get("/sandbox/banking/api/data/banking-accounts").status())
                .isEqualTo(401);
    }

    private Api platformApi(String platformKey, String user) {
        Tenant tenant = Tenant.create(jdbc, port, "Sandbox data IT");
        // no sync on link: its jobs would read the same organisation (and use up the rate-limited user's 429)
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, platformKey, user);
        String token = link.accessToken(credentials);
        return Api.at(port).withBearer(token);
    }
}
