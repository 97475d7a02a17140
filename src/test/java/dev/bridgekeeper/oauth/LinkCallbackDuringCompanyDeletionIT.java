package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.LockWaits;
import dev.bridgekeeper.support.Tenant;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The customer comes back from the platform while the lender deletes the company. The company's delete locks the
 * company row and then deletes its connections; the callback's link takes the company row before it writes anything
 * that refers to the connection (its tokens, its organisation), the same order, so the two cannot deadlock: the
 * delete goes through whole and the callback answers the customer a page saying the connection is gone (not a
 * deadlock's 500, nor JSON), having stored nothing.
 */
@ApiIntegrationTest
class LinkCallbackDuringCompanyDeletionIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final ExecutorService customer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        customer.shutdownNow();
    }

    @Test
    void aCompanyDeletedWhileItsLinkCallbackRunsGoesWholeAndTheCallbackAnswersAPage() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Deleted while linking");
        Api api = tenant.api();
        UUID company = UUID.fromString(api.post("/companies", "{\"name\":\"Deleted while linking\"}").json()
                .path("id").asString());
        JsonNode created = api.post("/companies/" + company + "/connections", "{\"platformKey\":\"sbac\"}").json();
        UUID connection = UUID.fromString(created.path("id").asString());
        Browser browser = new Browser();
        String callback = SandboxJourney.callbackUrl(browser, created.path("linkUrl").asString(), publicUrl,
                "user_good", true);

        Future<HttpResponse<String>> answer = new TransactionTemplate(transactions).execute(status -> {
            // the company's delete holds the company row, as CompanyStore locks it to delete it
            jdbc.queryForList("select id from company where id = ? for update", company);
            Future<HttpResponse<String>> back = customer.submit(() -> browser.get(callback));
            // the callback's link reaches the company row and waits for the delete
            LockWaits.awaitBlockedOn(jdbc, "select id from company where client_id = $1 and id = $2 for key share%");
            // then it deletes the connections: the callback holds nothing of theirs, so this does not wait for it
            assertThat(jdbc.update("delete from connection where company_id = ?", company)).isEqualTo(1);
            assertThat(jdbc.update("delete from company where id = ?", company)).isEqualTo(1);
            return back;
        });

        HttpResponse<String> page = answer.get(60, TimeUnit.SECONDS);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("This connection no longer exists").contains("nothing was shared");
        assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?", Long.class,
                connection)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from connection_organisation where connection_id = ?",
                Long.class, connection)).isZero();
        assertThat(api.get("/companies/" + company).status()).isEqualTo(404);
    }
}
