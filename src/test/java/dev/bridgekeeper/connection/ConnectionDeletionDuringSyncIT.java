package dev.bridgekeeper.connection;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DELETE /companies/{id}/connections/{id} while that connection's first sync is writing, and at the same moment as
 * the company's own DELETE: the deletes and the pulls take their row locks in one order (the company row, then the
 * connection row), so none of them is aborted as a deadlock. Every delete answers as Codat's does (200 for the
 * connection, 204 for the company, 404 for a connection the company's delete took along), nothing of what was
 * deleted is left, the company's other connection syncs to the end untouched, and the pulls that lost the race end
 * without a job left behind or a warning logged.
 */
@ApiIntegrationTest
class ConnectionDeletionDuringSyncIT {

    private static final int COMPANIES = 8;

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    private final List<Logger> watched = List.of((Logger) LoggerFactory.getLogger("dev.bridgekeeper.sync"),
            (Logger) LoggerFactory.getLogger("dev.bridgekeeper.connection"),
            (Logger) LoggerFactory.getLogger("dev.bridgekeeper.company"),
            (Logger) LoggerFactory.getLogger("dev.bridgekeeper.platform"));
    private final List<ListAppender<ILoggingEvent>> logs = new ArrayList<>();
    private final ExecutorService deleters = Executors.newFixedThreadPool(2 * COMPANIES);

    @BeforeEach
    void watchLogs() {
        for (Logger logger : watched) {
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.start();
            logger.addAppender(appender);
            logs.add(appender);
        }
    }

    @AfterEach
    void stopWatching() {
        for (int i = 0; i < watched.size(); i++) {
            watched.get(i).detachAppender(logs.get(i));
        }
        deleters.shutdownNow();
    }

    @Test
    void connectionsDeletedWhileTheirFirstSyncsWriteAreDeletedWholeAndTheOthersSync() {
        Tenant tenant = Tenant.create(jdbc, port, "Connection deleted while syncing");
        Api api = tenant.api();
        List<CompletableFuture<Api.Response>> deletes = new ArrayList<>();
        List<SandboxLink> deleted = new ArrayList<>();
        List<SandboxLink> kept = new ArrayList<>();
        List<String> deletedDatasets = new ArrayList<>();
        for (int i = 0; i < COMPANIES; i++) {
            // half the companies lose their accounting connection, half their commerce one; user_slow: every page
            // of a direct first sync holds its transaction open a while, user_good: the pulls reach their merges
            // and completions quickly
            boolean deleteAccounting = i % 2 == 0;
            SandboxLink other = SandboxLink.create(tenant, publicUrl, deleteAccounting ? "sbcm" : "sbac", "user_good");
            SandboxLink target = SandboxLink.linkAnother(tenant, other.companyId(), publicUrl,
                    deleteAccounting ? "sbac" : "sbcm", i % 4 < 2 ? "user_slow" : "user_good");
            kept.add(other);
            deleted.add(target);
            awaitWriting(target);
            deletedDatasets.addAll(datasetsOf(target));
            deletes.add(CompletableFuture.supplyAsync(() -> api.delete(target.connectionPath()), deleters));
        }
        for (int i = 0; i < COMPANIES; i++) {
            Api.Response answer = deletes.get(i).join();
            assertThat(answer.status()).as("DELETE connection of company %d: %s", i, answer).isEqualTo(200);
        }
        for (SandboxLink target : deleted) {
            assertConnectionGone(target);
        }
        // the company's other connection is untouched: still linked, its first sync complete and cached
        for (SandboxLink other : kept) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(jdbc.queryForList("select distinct status from dataset where connection_id = ?",
                            String.class, other.connectionId())).as("pulls of the connection kept")
                            .containsExactly("Complete"));
            assertThat(jdbc.queryForObject("select status from connection where id = ?", String.class,
                    other.connectionId())).isEqualTo("Linked");
            assertThat(count("select count(*) from record where company_id = ? and connection_id = ?",
                    other.companyId(), other.connectionId())).as("records of the connection kept").isPositive();
            Api.Response read = api.get(other.connectionPath());
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
        }
        assertPullsEndedQuietly(deletedDatasets);
    }

    @Test
    void aConnectionAndItsCompanyDeletedAtOnceAreDeletedWhole() {
        Tenant tenant = Tenant.create(jdbc, port, "Connection and company deleted at once");
        Api api = tenant.api();
        int pairs = 3 * COMPANIES;
        List<CompletableFuture<Api.Response>> connectionDeletes = new ArrayList<>();
        List<CompletableFuture<Api.Response>> companyDeletes = new ArrayList<>();
        List<SandboxLink> deleted = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            // no pull to wait for: the two deletes' transactions overlap as closely as they can
            deleted.add(SandboxLink.createWithoutSync(tenant, publicUrl, i % 2 == 0 ? "sbac" : "sbcm", "user_good"));
        }
        for (SandboxLink target : deleted) {
            CyclicBarrier together = new CyclicBarrier(2);
            connectionDeletes.add(CompletableFuture.supplyAsync(() -> {
                meet(together);
                return api.delete(target.connectionPath());
            }, deleters));
            companyDeletes.add(CompletableFuture.supplyAsync(() -> {
                meet(together);
                return api.delete(target.companyPath());
            }, deleters));
        }
        for (int i = 0; i < pairs; i++) {
            Api.Response company = companyDeletes.get(i).join();
            Api.Response connection = connectionDeletes.get(i).join();
            assertThat(company.status()).as("DELETE company %d: %s", i, company).isEqualTo(204);
            // 404 when the company's delete went first and took the connection along
            assertThat(connection.status()).as("DELETE connection of company %d: %s", i, connection).isIn(200, 404);
        }
        for (SandboxLink target : deleted) {
            assertConnectionGone(target);
            assertThat(count("select count(*) from company where id = ?", target.companyId())).isZero();
        }
        assertPullsEndedQuietly(List.of());
    }

    /** The latch: a delete goes out once the connection's pulls are writing (a dataset past Queued). */
    private void awaitWriting(SandboxLink target) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> count(
                "select count(*) from dataset where connection_id = ? and status <> 'Queued'",
                target.connectionId()) > 0);
    }

    private List<String> datasetsOf(SandboxLink target) {
        return jdbc.queryForList("select id::text from dataset where connection_id = ?", String.class,
                target.connectionId());
    }

    private void assertConnectionGone(SandboxLink target) {
        assertThat(count("select count(*) from connection where id = ?", target.connectionId())).isZero();
        assertThat(count("select count(*) from dataset where connection_id = ?", target.connectionId())).isZero();
        assertThat(count("select count(*) from record where company_id = ? and connection_id = ?",
                target.companyId(), target.connectionId())).as("records of a deleted connection").isZero();
        assertThat(count("select count(*) from connection_token where connection_id = ?", target.connectionId()))
                .as("tokens of a deleted connection").isZero();
    }

    /** No staged rows, jobs or warnings left behind by the pulls of what was deleted. */
    private void assertPullsEndedQuietly(List<String> deletedDatasets) {
        assertThat(count("select count(*) from record_staging s where not exists (select 1 from dataset d"
                + " where d.id = s.dataset_id)")).as("staged rows without their dataset").isZero();
        // the jobs of the deleted datasets all ran out: none is left picked, failing or waiting to run again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name ="
                        + " 'sync-dataset' and task_instance = any(?)", Long.class,
                        (Object) deletedDatasets.toArray(String[]::new)))
                        .as("sync jobs of deleted datasets").isZero());
        assertThat(logs.stream().flatMap(l -> l.list.stream()).filter(e -> e.getLevel().isGreaterOrEqual(
                e.getLoggerName().startsWith("dev.bridgekeeper.platform") ? Level.ERROR : Level.WARN))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList())
                .as("warnings of the sync, the companies and the connections, errors of the platform").isEmpty();
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.queryForObject(sql, Long.class, params);
    }
}
