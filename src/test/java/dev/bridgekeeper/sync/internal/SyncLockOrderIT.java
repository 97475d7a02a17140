package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two syncs of one connection finishing at once: a first sync written straight into the cache holds its data type's
 * lock for the whole read and takes its batch's lock at the end, while a staged pull of the other sync merges the
 * same data type. Each of the two batches has one of each, on two data types crosswise, so the four final
 * transactions would wait for each other in a ring if one path took the batch lock before the data type's and the
 * other the other way round (PostgreSQL then aborts one as a deadlock). The interleaving is forced: both direct
 * writes hold their data type's lock before the merges start, and go on to complete only once both merges wait.
 */
@ApiIntegrationTest
class SyncLockOrderIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DatasetStore datasets;

    @Autowired
    DatasetCompletion completion;

    @Autowired
    TransactionTemplate tx;

    @Test
    void directFirstSyncsAndMergesOfTwoBatchesFinishCrosswiseWithoutADeadlock() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Two syncs at once");
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, "sbac", "user_good");
        UUID firstSync = UUID.randomUUID();
        UUID lenderSync = UUID.randomUUID();
        // batch 1 writes invoices directly and merges bills; batch 2 writes bills directly and merges invoices
        DatasetRow directInvoices = mapping(link, firstSync, "invoices");
        DatasetRow mergedBills = mapping(link, firstSync, "bills");
        DatasetRow directBills = mapping(link, lenderSync, "bills");
        DatasetRow mergedInvoices = mapping(link, lenderSync, "invoices");
        ExecutorService pulls = Executors.newFixedThreadPool(4);
        CountDownLatch readsHoldTheirLocks = new CountDownLatch(2);
        CountDownLatch mergesWait = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> finished = new ArrayList<>();
            for (DatasetRow direct : List.of(directInvoices, directBills)) {
                finished.add(CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
                    // what SyncJob.fetchDirect's transaction takes before it reads the first page
                    completion.lockOwners(direct);
                    datasets.lockDataType(direct.connectionId(), direct.dataType());
                    readsHoldTheirLocks.countDown();
                    awaitLatch(mergesWait);
                    completion.complete(direct, 0);
                }), pulls));
            }
            assertThat(readsHoldTheirLocks.await(30, TimeUnit.SECONDS)).isTrue();
            for (DatasetRow merged : List.of(mergedBills, mergedInvoices)) {
                finished.add(CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
                    // what SyncJob.run's merge transaction takes
                    completion.lockOwners(merged);
                    completion.complete(merged, null);
                }), pulls));
            }
            // both merges wait for a lock a direct write holds before the direct writes go on to complete
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_locks where locktype = 'advisory' and not granted", Long.class) >= 2);
            mergesWait.countDown();
            CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            mergesWait.countDown();
            pulls.shutdownNow();
        }
        assertThat(jdbc.queryForList("select status from dataset where connection_id = ?", String.class,
                link.connectionId())).containsOnly(PullOperationStatus.Complete.name()).hasSize(4);
    }

    private DatasetRow mapping(SandboxLink link, UUID batchId, String dataType) {
        DatasetRow row = new DatasetRow(UUID.randomUUID(), link.tenant().clientId(), link.companyId(),
                link.connectionId(), dataType, batchId, false, PullOperationStatus.Mapping, null, null, 75,
                Instant.now(), Instant.now(), null, true, null, null);
        datasets.insert(row);
        return row;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the merges never started waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
