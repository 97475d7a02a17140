package dev.bridgekeeper.sync;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.sandbox.internal.SandboxRecordEdits;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.CodatSchemas;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Sync end to end: a connection linked through the real sandbox pages is synced by db-scheduler jobs that read
 * the sandbox's data API over HTTP, and the read API serves what the sandbox holds.
 */
@ApiIntegrationTest
class DataSyncIT {

    private static final List<String> BANKING = List.of("banking-accounts", "banking-transactions",
            "banking-accountBalances", "banking-transactionCategories");
    private static final Duration SYNC = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    @Autowired
    ConfigurableApplicationContext context;

    Tenant tenant;
    Api api;

    @BeforeEach
    void newTenant() {
        tenant = Tenant.create(jdbc, port, "Sync IT");
        api = tenant.api();
    }

    @Test
    void linkingSyncsTheBankingDataAndTheReadApiServesExactlyTheSandboxsRecords() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_good");
        awaitStatuses(link, BANKING, "Complete");

        JsonNode status = api.get(link.companyPath() + "/dataStatus").json();
        assertThat(status.propertyNames()).containsExactlyInAnyOrderElementsOf(BANKING);
        JsonNode transactions = status.path("banking-transactions");
        assertThat(transactions.path("latestSyncId").asString())
                .isEqualTo(transactions.path("latestSuccessfulSyncId").asString());
        assertThat(transactions.path("lastSuccessfulSync").isString()).isTrue();

        Api sandbox = sandboxApi(link);
        for (String dataType : BANKING) {
            List<JsonNode> expected = byId(sandbox.get("/sandbox/banking/api/data/" + dataType + "?pageSize=5000")
                    .json().path("results"));
            Api.Response served = api.get(link.connectionPath() + "/data/" + dataType + "?pageSize=2000");
            assertThat(served.status()).as(served.toString()).isEqualTo(200);
            assertThat(served.json().path("totalResults").asLong()).as(dataType).isEqualTo(expected.size());
            assertThat(byId(served.json().path("results"))).as(dataType).isEqualTo(expected);
        }

        // every record has Codat's shape for its data type (balances also carry Bridgekeeper's record id)
        CodatSchemas codat = CodatSchemas.load("Codat-Banking.json");
        Map<String, String> schemas = Map.of("banking-accounts", "Account", "banking-transactions", "Transaction",
                "banking-accountBalances", "AccountBalance", "banking-transactionCategories", "TransactionCategory");
        schemas.forEach((dataType, schema) -> api.get(link.connectionPath() + "/data/" + dataType + "?pageSize=2000")
                .json().path("results").forEach(record -> codat.assertConforms(record, schema, "id")));

        // paging: pages are consecutive slices of the id order
        String list = link.connectionPath() + "/data/banking-transactions";
        List<JsonNode> all = list(api.get(list + "?pageSize=2000").json().path("results"));
        JsonNode page3 = api.get(list + "?page=3&pageSize=50").json();
        assertThat(page3.path("pageNumber").asInt()).isEqualTo(3);
        assertThat(page3.path("pageSize").asInt()).isEqualTo(50);
        assertThat(page3.path("totalResults").asInt()).isEqualTo(600);
        assertThat(list(page3.path("results"))).isEqualTo(all.subList(100, 150));

        // query on record fields (jsonb) and orderBy
        JsonNode credits = api.get(list + "?pageSize=2000&query=" + enc("amount>0&&accountId=bank-1")).json();
        long expectedCredits = all.stream().filter(t -> t.path("accountId").asString().equals("bank-1"))
                .filter(t -> t.path("amount").decimalValue().signum() > 0).count();
        assertThat(credits.path("totalResults").asLong()).isEqualTo(expectedCredits).isPositive();
        credits.path("results").forEach(t -> assertThat(t.path("accountId").asString()).isEqualTo("bank-1"));

        JsonNode largest = api.get(list + "?pageSize=3&orderBy=-amount").json().path("results");
        BigDecimal max = all.stream().map(t -> t.path("amount").decimalValue()).max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(largest.get(0).path("amount").decimalValue()).isEqualByComparingTo(max);

        Api.Response one = api.get(list + "/txn-42");
        assertThat(one.json()).isEqualTo(sandbox.get("/sandbox/banking/api/data/banking-transactions/txn-42").json());

        // the pull history
        JsonNode history = api.get(link.companyPath() + "/data/history").json();
        assertThat(history.path("totalResults").asInt()).isEqualTo(4);
        for (JsonNode operation : history.path("results")) {
            assertThat(operation.path("status").asString()).isEqualTo("Complete");
            assertThat(operation.path("isCompleted").asBoolean()).isTrue();
            assertThat(operation.path("isErrored").asBoolean()).isFalse();
            assertThat(operation.path("progress").asInt()).isEqualTo(100);
            assertThat(operation.path("connectionId").asString()).isEqualTo(link.connectionId().toString());
            assertThat(api.get(link.companyPath() + "/data/history/" + operation.path("id").asString()).json())
                    .isEqualTo(operation);
        }
        assertThat(api.get(link.companyPath() + "/data/history?query=" + enc("dataType=banking-accounts")).json()
                .path("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void accountingDataIsServedPerCompanyAndReadCompletedReportsEachSync() {
        List<ReadCompleted> reports = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<ReadCompleted>> recorder = event -> reports.add(event.getPayload());
        context.addApplicationListener(recorder);
        try {
            SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbac", "user_good");
            awaitStatuses(link, List.of("company", "chartOfAccounts", "customers", "invoices"), "Complete");
            awaitIdle(link);
            Api sandbox = sandboxApi(link);
            Map<String, String> paths = Map.of("accounts", "chartOfAccounts", "customers", "customers",
                    "invoices", "invoices");
            paths.forEach((path, dataType) -> {
                List<JsonNode> expected = byId(sandbox.get("/sandbox/accounting/api/data/" + dataType
                        + "?pageSize=5000").json().path("results"));
                JsonNode served = api.get(link.companyPath() + "/data/" + path + "?pageSize=2000").json();
                assertThat(byId(served.path("results"))).as(path).isEqualTo(expected);
                String id = expected.get(0).path("id").asString();
                assertThat(api.get(link.companyPath() + "/data/" + path + "/" + id).json()).isEqualTo(expected.get(0));
            });
            JsonNode unpaid = api.get(link.companyPath() + "/data/invoices?pageSize=2000&orderBy=-amountDue&query="
                    + enc("status=Submitted&&customerRef.id=cus-2")).json();
            assertThat(unpaid.path("totalResults").asInt()).isPositive();
            unpaid.path("results").forEach(invoice -> {
                assertThat(invoice.path("status").asString()).isEqualTo("Submitted");
                assertThat(invoice.path("customerRef").path("id").asString()).isEqualTo("cus-2");
            });

            ReadCompleted initial = await().atMost(SYNC).until(() -> reportFor(reports, link), r -> r != null);
            assertThat(initial.initial()).isTrue();
            assertThat(initial.clientId().value()).isEqualTo(tenant.clientId());
            assertThat(initial.company().name()).isEqualTo("Synced Co");
            assertThat(initial.dataTypes()).filteredOn(r -> r.dataType().equals("invoices")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.status()).isEqualTo(PullOperationStatus.Complete);
                        assertThat(r.recordsModified()).isEqualTo(countRecords(link, "invoices"));
                        assertThat(r.connectionId().value()).isEqualTo(link.connectionId());
                    });
            assertThat(initial.dataTypes()).filteredOn(r -> r.dataType().equals("bills")).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(PullOperationStatus.Complete));

            reports.clear();
            SandboxRecordEdits.of(context).touch("accounting", "user_good", "customers", "cus-1");
            api.post(link.companyPath() + "/data/queue/customers", null);
            ReadCompleted next = await().atMost(SYNC).until(() -> reportFor(reports, link), r -> r != null);
            assertThat(next.initial()).isFalse();
            assertThat(next.dataTypes()).singleElement().satisfies(r -> {
                assertThat(r.dataType()).isEqualTo("customers");
                assertThat(r.recordsModified()).isEqualTo(1);
            });
        } finally {
            context.removeApplicationListener(recorder);
        }
    }

    private static ReadCompleted reportFor(List<ReadCompleted> reports, SandboxLink link) {
        return reports.stream().filter(r -> r.company().id().value().equals(link.companyId())).findFirst()
                .orElse(null);
    }

    @Test
    void badInputIsAnsweredWithErrorMessages() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        String list = link.connectionPath() + "/data/commerce-orders";
        assertError(api.get(list + "?query=" + enc("(totalAmount=1")), 400);
        assertError(api.get(list + "?orderBy=" + enc("-")), 400);
        assertError(api.get(list + "?pageSize=0"), 400);
        assertError(api.get(link.companyPath() + "/connections/" + UUID.randomUUID() + "/data/commerce-orders"), 404);
        assertError(api.get("/companies/" + UUID.randomUUID() + "/data/invoices"), 404);
        assertError(api.post(link.companyPath() + "/data/queue/widgets", null), 400);
        assertError(api.post(link.companyPath() + "/data/queue/invoices", null), 404);
        assertError(api.get(link.companyPath() + "/data/history/" + UUID.randomUUID()), 404);
        assertError(api.get(link.companyPath() + "/data/history?query=" + enc("colour=red")), 400);
        Tenant other = Tenant.create(jdbc, port, "Sync IT other");
        assertError(other.api().get(link.companyPath() + "/dataStatus"), 404);
        assertError(other.api().get(list), 404);
    }

    @Test
    void touchedAndDeletedRecordsAreReportedByTheNextSync() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitStatuses(link, List.of("commerce-customers", "commerce-orders"), "Complete");
        Api sandbox = sandboxApi(link);
        String orders = "/sandbox/commerce/api/data/commerce-orders";
        SandboxRecordEdits edits = SandboxRecordEdits.of(context);
        edits.touch("commerce", "user_good", "commerce-orders", "ord-3");
        JsonNode touched = sandbox.get(orders + "/ord-3").json();
        edits.touch("commerce", "user_good", "commerce-orders", "ord-4");
        edits.delete("commerce", "user_good", "commerce-orders", "ord-5");

        JsonNode queued = api.post(link.companyPath() + "/data/queue/commerce-orders", null).json();
        assertThat(queued.path("status").asString()).isEqualTo("Queued");
        String datasetId = queued.path("id").asString();
        JsonNode done = awaitFinished(link, datasetId);
        assertThat(done.path("status").asString()).isEqualTo("Complete");
        assertThat(recordsModified(datasetId)).isEqualTo(3);
        assertThat(fullSync(datasetId)).as("a second sync reads changes only").isFalse();

        String list = link.connectionPath() + "/data/commerce-orders";
        assertThat(api.get(list + "?query=" + enc("id=ord-3")).json().path("results").get(0)).isEqualTo(touched);
        CodatSchemas codat = CodatSchemas.load("Codat-Commerce.json");
        api.get(list + "?pageSize=2000").json().path("results").forEach(order -> codat.assertConforms(order, "Order"));
        api.get(link.connectionPath() + "/data/commerce-customers?pageSize=2000").json().path("results")
                .forEach(customer -> codat.assertConforms(customer, "Customer", "id"));
        List<JsonNode> expected = byId(sandbox.get(orders + "?pageSize=5000").json().path("results"));
        assertThat(byId(api.get(list + "?pageSize=2000").json().path("results"))).isEqualTo(expected);
        JsonNode deleted = api.get(list + "/ord-5").json();
        assertThat(deleted.path("metadata").path("isDeleted").asBoolean()).as("found by id, marked deleted").isTrue();
        assertThat(deleted.path("orderNumber").asString()).as("with its last content").isEqualTo("50006");

        // a full read finds deletions the platform does not report
        edits.delete("commerce", "user_good", "commerce-orders", "ord-6");
        jdbc.update("update dataset set fetch_started_utc = fetch_started_utc - interval '30 days'"
                + " where connection_id = ?", link.connectionId());
        String fullId = api.post(link.companyPath() + "/data/queue/commerce-orders", null).json().path("id")
                .asString();
        assertThat(awaitFinished(link, fullId).path("status").asString()).isEqualTo("Complete");
        assertThat(fullSync(fullId)).isTrue();
        assertThat(recordsModified(fullId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select deleted from record where connection_id = ? and data_type ="
                + " 'commerce-orders' and record_id = 'ord-6'", Boolean.class, link.connectionId())).isTrue();
        assertThat(api.get(list + "?pageSize=2000").json().path("totalResults").asInt()).isEqualTo(expected.size() - 1);
    }

    @Test
    void refreshAllQueuesEveryLinkedConnectionsDataTypes() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitStatuses(link, List.of("commerce-customers", "commerce-orders"), "Complete");
        assertThat(api.post(link.companyPath() + "/data/all", null).status()).isEqualTo(204);
        await().atMost(SYNC).until(() -> api.get(link.companyPath() + "/data/history?query="
                + enc("status=Complete")).json().path("totalResults").asInt() >= 4);
    }

    @Test
    void dataTypesAreSyncedAgainWhenTheirSyncScheduleComesRound() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        awaitStatuses(link, List.of("commerce-customers", "commerce-orders"), "Complete");
        awaitIdle(link);
        assertThat(api.post(link.companyPath() + "/syncSettings", "{\"settings\":["
                + "{\"dataType\":\"commerce-orders\",\"fetchOnFirstLink\":true,\"syncSchedule\":2,\"syncOrder\":0},"
                + "{\"dataType\":\"commerce-customers\",\"fetchOnFirstLink\":true,\"syncSchedule\":0,\"syncOrder\":1}"
                + "],\"overridesDefaults\":true}").status()).isEqualTo(204);
        String history = link.companyPath() + "/data/history?query=";
        int orders = api.get(history + enc("dataType=commerce-orders")).json().path("totalResults").asInt();

        // three hours on, the orders are due (every 2 hours) and the customers never are (0: only on request)
        jdbc.update("update dataset set requested_utc = requested_utc - interval '3 hours' where connection_id = ?",
                link.connectionId());
        await().atMost(SYNC).until(() -> api.get(history + enc("dataType=commerce-orders")).json()
                .path("totalResults").asInt() == orders + 1);
        awaitIdle(link);
        assertThat(api.get(history + enc("dataType=commerce-customers")).json().path("totalResults").asInt())
                .isEqualTo(1);
        assertThat(api.get(link.companyPath() + "/dataStatus").json().path("commerce-orders")
                .path("currentStatus").asString()).isEqualTo("Complete");
    }

    @Test
    void aRateLimitedPlatformIsWaitedForAndTheSyncCompletes() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_ratelimited");
        awaitStatuses(link, BANKING, "Complete");
        // each data type's first page was refused with Retry-After: 1; its job was put back in the queue for
        // then (no thread slept) and its next run, no earlier, fetched and completed
        List<Map<String, Object>> waits = jdbc.queryForList("select data_type, waiting_until, completed_utc,"
                + " (select count(*) from record r where r.dataset_id = d.id) as records from dataset d"
                + " where connection_id = ?", link.connectionId());
        assertThat(waits).hasSize(BANKING.size()).allSatisfy(row -> {
            assertThat(row.get("waiting_until")).as(row.toString()).isNotNull();
            assertThat(((java.sql.Timestamp) row.get("completed_utc")))
                    .isAfterOrEqualTo((java.sql.Timestamp) row.get("waiting_until"));
        });
        assertThat(countRecords(link, "banking-transactions")).isEqualTo(600);
    }

    @Test
    void persistentServerErrorsEndInFetchError() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_flaky");
        awaitStatuses(link, BANKING, "FetchError");
        JsonNode operation = api.get(link.companyPath() + "/data/history").json().path("results").get(0);
        assertThat(operation.path("isErrored").asBoolean()).isTrue();
        assertThat(operation.path("errorMessage").asString()).contains("503").contains("4 times in a row");
        // the retries waited in the job queue on the compressed backoff (0.1 s, 0.2 s, 0.4 s): three waits
        assertThat(jdbc.queryForList("select server_error_retries from dataset where connection_id = ?",
                Integer.class, link.connectionId())).containsOnly(3);
        assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ?", Integer.class,
                link.connectionId())).isZero();
    }

    @Test
    void revokedAccessEndsInAuthErrorAndTheConnectionIsDeauthorized() {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbac", "user_revoked");
        awaitStatuses(link, List.of("company", "chartOfAccounts", "customers", "invoices"), "Complete");
        awaitIdle(link); // no job of the first sync may take the one good refresh below
        expireStoredToken(link);
        link.accessToken(credentials); // first refresh works
        expireStoredToken(link);

        String datasetId = api.post(link.companyPath() + "/data/queue/invoices", null).json().path("id").asString();

        JsonNode failed = awaitFinished(link, datasetId);
        assertThat(failed.path("status").asString()).isEqualTo("AuthError");
        assertThat(failed.path("isErrored").asBoolean()).isTrue();
        assertThat(api.get(link.connectionPath()).json().path("status").asString()).isEqualTo("Deauthorized");
        assertThat(api.get(link.companyPath() + "/data/invoices").json().path("totalResults").asInt())
                .as("the cache keeps the last good data").isPositive();
    }

    @Test
    void aJobLeftByADeadWorkerIsResumedAndLeavesNoDuplicates() throws IOException {
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_good");
        awaitStatuses(link, BANKING, "Complete");
        int cached = countRecords(link, "banking-transactions");

        // what a worker that died mid-fetch leaves behind: a Fetching dataset, some pages staged (one twice
        // over), and its db-scheduler execution still picked, with a heartbeat that stopped long ago
        UUID datasetId = UUID.randomUUID();
        jdbc.update("insert into dataset (id, client_id, company_id, connection_id, data_type, batch_id, initial,"
                + " status, progress, requested_utc, fetch_started_utc, full_sync) values (?, ?, ?, ?,"
                + " 'banking-transactions', ?, false, 'Fetching', 30, now() - interval '10 minutes',"
                + " now() - interval '10 minutes', true)", datasetId, tenant.clientId(), link.companyId(),
                link.connectionId(), UUID.randomUUID());
        jdbc.update("insert into record_staging (dataset_id, record_id, data, modified_date, source_modified_date,"
                + " deleted) select ?, record_id, data, modified_date, source_modified_date, false from record"
                + " where connection_id = ? and data_type = 'banking-transactions' order by record_id limit 250",
                datasetId, link.connectionId());
        jdbc.update("insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
                + " picked_by, last_heartbeat, version) values ('sync-dataset', ?, ?, now() - interval '10 minutes',"
                + " true, 'dead-worker', now() - interval '10 minutes', 1)", datasetId.toString(),
                serialized(datasetId.toString()));

        JsonNode resumed = awaitFinished(link, datasetId.toString());
        assertThat(resumed.path("status").asString()).isEqualTo("Complete");
        assertThat(countRecords(link, "banking-transactions")).isEqualTo(cached).isEqualTo(600);
        assertThat(jdbc.queryForObject("select count(distinct record_id) from record where connection_id = ?"
                + " and data_type = 'banking-transactions'", Integer.class, link.connectionId())).isEqualTo(600);
        assertThat(recordsModified(datasetId.toString())).as("nothing changed at the platform").isZero();
        assertThat(jdbc.queryForObject("select count(*) from record_staging where dataset_id = ?", Integer.class,
                datasetId)).isZero();
    }

    // ---- helpers

    private void awaitStatuses(SandboxLink link, List<String> dataTypes, String status) {
        await().atMost(SYNC).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode statuses = api.get(link.companyPath() + "/dataStatus").json();
            for (String dataType : dataTypes) {
                assertThat(statuses.path(dataType).path("currentStatus").asString()).as(dataType + " " + statuses)
                        .isEqualTo(status);
            }
        });
    }

    private void awaitIdle(SandboxLink link) {
        String running = link.companyPath() + "/data/history?query="
                + enc("{status=Queued||status=Fetching||status=Mapping}");
        await().atMost(SYNC).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(running).json().path("totalResults").asInt() == 0);
    }

    private JsonNode awaitFinished(SandboxLink link, String datasetId) {
        String path = link.companyPath() + "/data/history/" + datasetId;
        await().atMost(SYNC).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode op = api.get(path).json();
            return op.path("isCompleted").asBoolean() || op.path("isErrored").asBoolean();
        });
        return api.get(path).json();
    }

    private Api sandboxApi(SandboxLink link) {
        return Api.at(port).withBearer(link.accessToken(credentials));
    }

    private Integer recordsModified(String datasetId) {
        return jdbc.queryForObject("select records_modified from dataset where id = ?::uuid", Integer.class,
                datasetId);
    }

    private Boolean fullSync(String datasetId) {
        return jdbc.queryForObject("select full_sync from dataset where id = ?::uuid", Boolean.class, datasetId);
    }

    private int countRecords(SandboxLink link, String dataType) {
        return jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type = ?",
                Integer.class, link.connectionId(), dataType);
    }

    private void expireStoredToken(SandboxLink link) {
        jdbc.update("update connection_token set expires_utc = now() where connection_id = ?", link.connectionId());
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<JsonNode> byId(JsonNode array) {
        List<JsonNode> records = new ArrayList<>(list(array));
        records.sort(Comparator.comparing(r -> r.path("id").asString()));
        return records;
    }

    private static byte[] serialized(String value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
