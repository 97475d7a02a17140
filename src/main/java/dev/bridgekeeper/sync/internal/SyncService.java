package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.jobs.Jobs;
import dev.bridgekeeper.platform.jobs.OneTimeJob;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import dev.bridgekeeper.settings.SyncSetting;
import dev.bridgekeeper.settings.SyncSettingsDirectory;
import dev.bridgekeeper.sync.DataStatus;
import dev.bridgekeeper.sync.DataSync;
import dev.bridgekeeper.sync.PullOperation;
import dev.bridgekeeper.sync.PullOperationStatus;
import dev.bridgekeeper.sync.SyncScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link DataSync}: creates datasets and their jobs in the caller's transaction; answers status and history. */
@Service
class SyncService implements DataSync {

    private final DatasetStore datasets;
    private final RecordStore records;
    private final Jobs jobs;
    private final OneTimeJob syncJob;
    private final ConnectionManagement connections;
    private final CompanyDirectory companies;
    private final IntegrationCatalog catalog;
    private final SyncSettingsDirectory settings;
    private final ObjectProvider<SyncScope> scope;
    private final Clock clock;

    SyncService(DatasetStore datasets, RecordStore records, Jobs jobs, @Qualifier("syncDatasetJob") OneTimeJob syncDatasetJob,
            ConnectionManagement connections, CompanyDirectory companies, IntegrationCatalog catalog,
            SyncSettingsDirectory settings, ObjectProvider<SyncScope> scope, Clock clock) {
        this.datasets = datasets;
        this.records = records;
        this.jobs = jobs;
        this.syncJob = syncDatasetJob;
        this.connections = connections;
        this.companies = companies;
        this.catalog = catalog;
        this.settings = settings;
        this.scope = scope;
        this.clock = clock;
    }

    /** A connection was linked: queue the data types its platform offers that are fetched on first link. */
    @Transactional
    public void queueOnLink(UUID clientId, UUID companyId, DataConnection connection) {
        List<String> types = syncedTypes(clientId, companyId, connection, s -> Boolean.TRUE.equals(s.fetchOnFirstLink()));
        queueBatch(clientId, companyId, List.of(new Pull(connection, types)), true);
    }

    @Override
    @Transactional
    public void queueAll(ClientId client, CompanyId company) {
        UUID clientId = client.value();
        UUID companyId = company.value();
        List<Pull> pulls = new ArrayList<>();
        for (DataConnection connection : linked(clientId, companyId)) {
            pulls.add(new Pull(connection, syncedTypes(clientId, companyId, connection, s -> true)));
        }
        queueBatch(clientId, companyId, pulls, false);
    }

    @Override
    @Transactional
    public PullOperation queue(ClientId client, CompanyId company, String dataType, ConnectionId connection) {
        UUID clientId = client.value();
        UUID companyId = company.value();
        UUID connectionId = connection == null ? null : connection.value();
        if (!DataTypes.isKnown(dataType)) {
            throw ApiException.badRequest("dataType", "\"" + dataType + "\" is not a data type; use one of "
                    + String.join(", ", DataTypes.syncedNames()) + ".");
        }
        List<DataConnection> candidates = linked(clientId, companyId).stream()
                .filter(c -> connectionId == null || c.id().value().equals(connectionId))
                .filter(c -> integration(c) != null && integration(c).dataTypes().containsKey(dataType))
                .filter(c -> allowed(clientId, companyId, c).map(types -> types.contains(dataType)).orElse(true))
                .toList();
        if (candidates.isEmpty()) {
            throw ApiException.notFound("Company " + companyId + " has no Linked connection"
                    + (connectionId == null ? "" : " " + connectionId) + " whose platform offers " + dataType
                    + " and whose products and consents cover it.");
        }
        List<DatasetRow> queued = queueBatch(clientId, companyId,
                candidates.stream().map(c -> new Pull(c, List.of(dataType))).toList(), false);
        if (queued.isEmpty()) { // deleted while this was being asked
            throw ApiException.notFound("Company " + companyId + " has no Linked connection"
                    + (connectionId == null ? "" : " " + connectionId) + " whose platform offers " + dataType + ".");
        }
        return queued.get(0).view();
    }

    @Override
    @Transactional
    public List<PullOperation> queueDataTypes(ClientId client, CompanyId company, List<String> dataTypes) {
        UUID clientId = client.value();
        UUID companyId = company.value();
        List<Pull> pulls = new ArrayList<>();
        for (DataConnection connection : linked(clientId, companyId)) {
            List<String> types = syncedTypes(clientId, companyId, connection, s -> true).stream()
                    .filter(dataTypes::contains).toList();
            if (!types.isEmpty()) {
                pulls.add(new Pull(connection, types));
            }
        }
        return queueBatch(clientId, companyId, pulls, false).stream().map(DatasetRow::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, DataStatus> dataStatus(ClientId client, CompanyId company) {
        companies.require(client, company);
        UUID clientId = client.value();
        UUID companyId = company.value();
        Map<String, DatasetRow> complete = new LinkedHashMap<>();
        datasets.latestPerDataType(clientId, companyId, true).forEach(d -> complete.put(d.dataType(), d));
        Map<String, DataStatus> statuses = new LinkedHashMap<>();
        for (DatasetRow latest : datasets.latestPerDataType(clientId, companyId, false)) {
            DatasetRow ok = complete.get(latest.dataType());
            statuses.put(latest.dataType(), new DataStatus(latest.dataType(), ok == null ? null : ok.completed(),
                    latest.status(), latest.id().toString(), ok == null ? null : ok.id().toString()));
        }
        return statuses;
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<PullOperation> history(ClientId clientId, CompanyId companyId, PageRequest page, String query,
            String orderBy) {
        companies.require(clientId, companyId);
        DatasetStore.Slice slice = datasets.history(clientId.value(), companyId.value(), query, orderBy,
                page.pageSize(), page.offset());
        return new Slice<>(slice.rows().stream().map(DatasetRow::view).toList(), slice.total());
    }

    @Override
    @Transactional(readOnly = true)
    public PullOperation pullOperation(ClientId clientId, CompanyId companyId, UUID datasetId) {
        companies.require(clientId, companyId);
        return datasets.find(clientId.value(), companyId.value(), datasetId).map(DatasetRow::view)
                .orElseThrow(() -> ApiException.notFound("Company " + companyId + " has no pull operation "
                        + datasetId + "."));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<ConnectionId, Instant> lastCompleted(ClientId clientId, CompanyId companyId) {
        companies.require(clientId, companyId);
        Map<ConnectionId, Instant> last = new LinkedHashMap<>();
        datasets.lastCompleted(clientId.value(), companyId.value())
                .forEach((id, at) -> last.put(ConnectionId.of(id), at));
        return last;
    }

    /**
     * Queues the pulls that are due by the companies' {@code syncSchedule} (hours; 0 = never): a data type is due
     * when its latest pull on a Linked connection finished and was requested at least that long ago.
     * Returns how many pulls were queued.
     */
    @Transactional
    public int queueScheduled() {
        Instant now = clock.instant();
        Map<List<UUID>, List<DatasetRow>> byCompany = new LinkedHashMap<>();
        for (DatasetRow latest : datasets.latestPerConnectionAndDataType()) {
            if (latest.status().isTerminal()) {
                byCompany.computeIfAbsent(List.of(latest.clientId(), latest.companyId()), k -> new ArrayList<>())
                        .add(latest);
            }
        }
        int queued = 0;
        for (Map.Entry<List<UUID>, List<DatasetRow>> company : byCompany.entrySet()) {
            UUID clientId = company.getKey().get(0);
            UUID companyId = company.getKey().get(1);
            Map<String, Integer> hours = new LinkedHashMap<>();
            settings.forCompany(ClientId.of(clientId), CompanyId.of(companyId))
                    .forEach(s -> hours.put(s.dataType(), s.syncSchedule()));
            Map<UUID, List<String>> due = new LinkedHashMap<>();
            for (DatasetRow latest : company.getValue()) {
                Integer every = hours.get(latest.dataType());
                if (every != null && every > 0 && !latest.requested().isAfter(now.minus(Duration.ofHours(every)))) {
                    due.computeIfAbsent(latest.connectionId(), k -> new ArrayList<>()).add(latest.dataType());
                }
            }
            List<Pull> pulls = new ArrayList<>();
            for (Map.Entry<UUID, List<String>> connection : due.entrySet()) {
                DataConnection found;
                try {
                    found = connections.get(ClientId.of(clientId), CompanyId.of(companyId),
                            ConnectionId.of(connection.getKey()));
                } catch (ApiException gone) {
                    continue;
                }
                Optional<Set<String>> allowed = allowed(clientId, companyId, found);
                List<String> types = connection.getValue().stream()
                        .filter(t -> allowed.map(a -> a.contains(t)).orElse(true)).toList();
                if (found.isLinked() && !types.isEmpty()) {
                    pulls.add(new Pull(found, types));
                }
            }
            if (!pulls.isEmpty()) {
                queued += queueBatch(clientId, companyId, pulls, false).size();
            }
        }
        return queued;
    }

    private record Pull(DataConnection connection, List<String> dataTypes) {}

    /**
     * Queues the pulls as one batch. Each connection's company and connection rows are locked first (FOR KEY SHARE,
     * in the order every writer takes them, see {@link RecordStore#lockOwners}): a connection deleted since it was
     * read is left out rather than failing the batch on the dataset's foreign key, and one being deleted is waited
     * for. Returns the pulls queued.
     */
    private List<DatasetRow> queueBatch(UUID clientId, UUID companyId, List<Pull> pulls, boolean initial) {
        UUID batchId = UUID.randomUUID();
        Instant now = clock.instant();
        List<DatasetRow> queued = new ArrayList<>();
        for (Pull pull : pulls) {
            List<DatasetRow> rows = pull.dataTypes().stream().map(dataType -> new DatasetRow(UUID.randomUUID(),
                    clientId, companyId, pull.connection().id().value(), dataType, batchId, initial,
                    PullOperationStatus.Queued, null, null, 0, now, null, null, null, null, null)).toList();
            if (rows.isEmpty() || !records.lockOwners(rows.get(0))) {
                continue;
            }
            for (DatasetRow row : rows) {
                datasets.insert(row);
                jobs.schedule(syncJob, row.id().toString(), now);
                queued.add(row);
            }
        }
        return queued;
    }

    /** The data types of the company's sync settings that pass {@code which} and the platform offers. */
    private List<String> syncedTypes(UUID clientId, UUID companyId, DataConnection connection,
            Predicate<SyncSetting> which) {
        Integration integration = integration(connection);
        if (integration == null) {
            return List.of();
        }
        Optional<Set<String>> allowed = allowed(clientId, companyId, connection);
        if (allowed.isPresent()) {
            // products (and their consents) choose the data types; the sync settings only order them
            Map<String, Integer> order = new LinkedHashMap<>();
            settings.forCompany(ClientId.of(clientId), CompanyId.of(companyId)).forEach(s -> order.putIfAbsent(
                    s.dataType(), s.syncOrder() == null ? Integer.MAX_VALUE : s.syncOrder()));
            return integration.dataTypes().keySet().stream()
                    .filter(allowed.get()::contains)
                    .sorted(Comparator.comparing((String t) -> order.getOrDefault(t, Integer.MAX_VALUE))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        return settings.forCompany(ClientId.of(clientId), CompanyId.of(companyId)).stream()
                .filter(which)
                .filter(s -> integration.dataTypes().containsKey(s.dataType()))
                .sorted(Comparator.comparing(s -> s.syncOrder() == null ? Integer.MAX_VALUE : s.syncOrder()))
                .map(SyncSetting::dataType)
                .distinct()
                .toList();
    }

    /** What the consent module allows the connection to sync; empty when nothing narrows it. */
    private Optional<Set<String>> allowed(UUID clientId, UUID companyId, DataConnection connection) {
        SyncScope narrowing = scope.getIfAvailable();
        return narrowing == null ? Optional.empty()
                : narrowing.allowed(ClientId.of(clientId), CompanyId.of(companyId), connection.id(),
                        connection.sourceType());
    }

    private Integration integration(DataConnection connection) {
        return catalog.find(connection.platformKey()).orElse(null);
    }

    /** The company's Linked connections; a 404 answer when the company is not the client's. */
    private List<DataConnection> linked(UUID clientId, UUID companyId) {
        return connections.linked(ClientId.of(clientId), CompanyId.of(companyId));
    }
}
