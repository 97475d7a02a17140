package dev.bridgekeeper.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.LockWaits;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
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

/**
 * A pull queued while its connection is being deleted: the queue takes the company and connection rows in the order
 * the delete does, so it waits for the delete, sees the connection gone and answers Codat's 404 (no Linked
 * connection), where it used to insert the pull, fail on its foreign key and answer a 500. Nothing is queued for the
 * deleted connection.
 */
@ApiIntegrationTest
class QueueDuringConnectionDeletionIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final ExecutorService lender = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        lender.shutdownNow();
    }

    @Test
    void aPullQueuedWhileItsConnectionIsDeletedIsA404AndQueuesNothing() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Queued while deleting");
        Api api = tenant.api();
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, "sbbk", "user_good");
        UUID connection = link.connectionId();

        Future<Api.Response> answer = new TransactionTemplate(transactions).execute(status -> {
            // the connection's delete, not yet committed: it holds the connection row
            assertThat(jdbc.update("delete from connection where id = ?", connection)).isEqualTo(1);
            Future<Api.Response> queued = lender.submit(() -> api.post(link.companyPath()
                    + "/data/queue/banking-accounts", null));
            // the queue reaches the connection row and waits for the delete
            LockWaits.awaitBlockedOn(jdbc, "%connection%");
            return queued;
        });

        Api.Response response = answer.get(60, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.json().path("error").asString()).contains("has no Linked connection");
        assertThat(jdbc.queryForObject("select count(*) from dataset where connection_id = ?", Long.class, connection))
                .isZero();
    }
}
