package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.Connectors;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.IncrementalSupport;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.integration.AppCredentials;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.IntegrationSettings;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The sync engine's side of the connector framework: finds the reader of a dataset's data type through the connector
 * its platform's catalog entry names, reads with HTTP bound to the connection (its app's limits, its organisation,
 * its token through {@link ConnectionCredentials}), and hands pages over as staged records.
 */
@Component
class ConnectorReads {

    /** One page as the sync stages it. */
    interface Pages {
        void accept(List<StagedRecord> records, String nextCursor, int percentRead);
    }

    private final Connectors connectors;
    private final IntegrationCatalog catalog;
    private final ConnectionCredentials credentials;
    private final DatasetStore datasets;

    ConnectorReads(Connectors connectors, IntegrationCatalog catalog, ConnectionCredentials credentials,
            DatasetStore datasets) {
        this.connectors = connectors;
        this.catalog = catalog;
        this.credentials = credentials;
        this.datasets = datasets;
    }

    /** Whether changes-since reads of the data type are possible, per its connector. */
    IncrementalSupport incremental(Integration integration, String dataType) {
        return connectors.of(integration).incremental(dataType);
    }

    /**
     * Whether the platform's connector has limits of its own that can make a read wait (Xero, QuickBooks): such a
     * read is paced by the vendor, so it is staged page by page rather than held in one transaction.
     */
    boolean paced(Integration integration) {
        return !connectors.of(integration).ratePolicy().isEmpty();
    }

    /** Reads the dataset's data type from {@code request.cursor()} on; connector failures become sync failures. */
    void read(DatasetRow dataset, DataConnection connection, Integration integration, ReadRequest request,
            Pages pages) {
        Connector connector = connectors.of(integration);
        DataTypeReader reader = connector.reader(dataset.dataType()).orElseThrow(() -> new ReadFailure(
                PullOperationStatus.NotSupported, integration.name() + " has no reader for " + dataset.dataType()
                        + "."));
        AppCredentials app = catalog.credentials(dataset.client(), integration.key()).orElseThrow(() ->
                new ReadFailure(PullOperationStatus.FetchError, catalog.unavailableReason(dataset.client(),
                        integration.key()).orElse("No app credentials for " + integration.key() + ".")));
        Organisation organisation = organisation(connection);
        PlatformHttp http = connectors.http(new HttpBinding(integration, app.clientId(),
                organisation.id().isEmpty() ? null : organisation.id(), new HttpBinding.BearerToken() {
                    @Override
                    public String current() {
                        return credentials.accessToken(dataset.client(), dataset.company(), dataset.connection());
                    }

                    @Override
                    public String renewAfterRejection(String rejected) {
                        return credentials.renewAccessToken(dataset.client(), dataset.company(),
                                dataset.connection(), rejected);
                    }

                    @Override
                    public void renewedTokenRefused(String refused) {
                        credentials.authorizationRefused(dataset.client(), dataset.company(), dataset.connection(),
                                integration.name() + " refused the connection's access token again right after it"
                                        + " was renewed: the customer must link it again.");
                    }
                }, true, dataset.connection(), dataset.requested()));
        IntegrationSettings settings = catalog.settings(integration.key());
        ReadContext context = new Context(http, organisation, integration, settings, requestedTogether(dataset));
        try {
            reader.read(context, request, (records, nextCursor, percent) -> pages.accept(staged(records), nextCursor,
                    Math.max(0, Math.min(100, percent))));
        } catch (dev.bridgekeeper.connector.ReadFailure e) {
            throw new ReadFailure(switch (e.kind()) {
                case NOT_SUPPORTED -> PullOperationStatus.NotSupported;
                case AUTH_ERROR -> PullOperationStatus.AuthError;
                case FETCH_ERROR -> PullOperationStatus.FetchError;
            }, e.getMessage());
        }
    }

    private static List<StagedRecord> staged(List<ConnectorRecord> records) {
        List<StagedRecord> out = new ArrayList<>(records.size());
        for (ConnectorRecord r : records) {
            // PostgreSQL stores no U+0000 nor a lone surrogate: one such record would otherwise fail this sync and
            // every later one
            out.add(new StagedRecord(UnstorableCharacters.inText(r.id()), UnstorableCharacters.inJson(r.json()),
                    r.modifiedDate(), r.sourceModifiedDate(), r.deleted()));
        }
        return out;
    }

    /** The organisation the connection is bound to, as its connectionInfo recorded it. */
    private static Organisation organisation(DataConnection connection) {
        Map<String, Object> info = connection.connectionInfo() == null ? Map.of() : connection.connectionInfo();
        Object id = info.get("organisationId");
        Object name = info.get("organisationName");
        return new Organisation(id == null ? "" : id.toString(), name == null ? null : name.toString(), info);
    }

    /** The data types of the dataset's batch on its connection: the reads one sync requested together. */
    private Set<String> requestedTogether(DatasetRow dataset) {
        Set<String> together = new TreeSet<>();
        together.add(dataset.dataType());
        if (dataset.batchId() != null) {
            for (DatasetRow other : datasets.batch(dataset.batchId())) {
                if (other.connectionId().equals(dataset.connectionId())) {
                    together.add(other.dataType());
                }
            }
        }
        return Set.copyOf(together);
    }

    private record Context(PlatformHttp http, Organisation organisation, Integration integration,
            IntegrationSettings settings, Set<String> requestedTogether) implements ReadContext {}
}
