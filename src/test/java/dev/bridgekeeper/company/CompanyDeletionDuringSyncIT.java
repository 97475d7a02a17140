package dev.bridgekeeper.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DELETE /companies/{id} while the company's first sync is writing: the delete and the pull take their row locks in
 * one order (the company row first), so neither is aborted as a deadlock. Every delete answers 204, nothing of the
 * companies is left, and the pulls that lost the race end without a job left behind or an error logged.
 */
@ApiIntegrationTest
class CompanyDeletionDuringSyncIT {

    private static final int COMPANIES = 8;

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void companiesDeletedWhileTheirFirstSyncsWriteAreDeletedWhole() throws Exception {
        Logger syncLog = (Logger) LoggerFactory.getLogger("dev.bridgekeeper.sync");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        syncLog.addAppender(logged);
        Tenant tenant = Tenant.create(jdbc, port, "Deleted while syncing");
        Api api = tenant.api();
        ExecutorService deleters = Executors.newFixedThreadPool(COMPANIES);
        try {
            List<CompletableFuture<Api.Response>> deletes = new ArrayList<>();
            List<UUID> companies = new ArrayList<>();
            List<UUID> connections = new ArrayList<>();
            List<String> datasets = new ArrayList<>();
            for (int i = 0; i < COMPANIES; i++) {
                // user_slow: every page of a direct first sync holds its transaction open a while, user_good: the
                // pulls reach their merges and completions quickly; accounting has the most data types at once
                SandboxLink link = SandboxLink.create(tenant, publicUrl, i % 2 == 0 ? "sbac" : "sbcm",
                        i % 4 < 2 ? "user_slow" : "user_good");
                companies.add(link.companyId());
                connections.add(link.connectionId());
                // the latch: the delete goes out once the company's pulls are writing (a dataset past Queued)
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                        "select count(*) from dataset where company_id = ? and status <> 'Queued'", Long.class,
                        link.companyId()) > 0);
                datasets.addAll(jdbc.queryForList("select id::text from dataset where company_id = ?", String.class,
                        link.companyId()));
                deletes.add(CompletableFuture.supplyAsync(() -> api.delete(link.companyPath()), deleters));
            }
            for (int i = 0; i < COMPANIES; i++) {
                Api.Response answer = deletes.get(i).join();
                assertThat(answer.status()).as("DELETE company %d: %s", i, answer).isEqualTo(204);
            }
            for (int i = 0; i < COMPANIES; i++) {
                UUID company = companies.get(i);
                UUID connection = connections.get(i);
                assertThat(count("select count(*) from company where id = ?", company)).isZero();
                assertThat(count("select count(*) from connection where company_id = ?", company)).isZero();
                assertThat(count("select count(*) from dataset where company_id = ?", company)).isZero();
                assertThat(count("select count(*) from record where company_id = ?", company)).isZero();
                assertThat(count("select count(*) from record where connection_id = ?", connection)).isZero();
            }
            assertThat(count("select count(*) from record_staging s where not exists (select 1 from dataset d"
                    + " where d.id = s.dataset_id)")).as("staged rows without their dataset").isZero();
            // the jobs of the deleted datasets all ran out: none is left picked, failing or waiting to run again
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name ="
                            + " 'sync-dataset' and task_instance = any(?)", Long.class,
                            (Object) datasets.toArray(String[]::new)))
                            .as("sync jobs of deleted datasets").isZero());
            assertThat(logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                            : " " + e.getThrowableProxy().getMessage())).toList())
                    .as("warnings and errors logged by the sync").isEmpty();
        } finally {
            syncLog.detachAppender(logged);
            deleters.shutdownNow();
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.queryForObject(sql, Long.class, params);
    }
}
