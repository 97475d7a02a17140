package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The company's one connection to the file-upload integration ({@value #PLATFORM_KEY}): created and Linked when the
 * customer first uploads through Link, so Codat's upload operation has a connection id. Linked publishes
 * {@code ConnectionConnected} like any platform's first link (webhook, first read of the statements).
 */
@Component
class UploadConnections {

    /** The catalog key of the file-upload integration (catalog/upld.yaml). */
    static final String PLATFORM_KEY = "upld";
    /** What the upload connection's statements become. */
    static final List<String> DATA_TYPES = List.of("banking-accounts", "banking-transactions");
    static final String ORGANISATION_NAME = "Uploaded documents";

    private final ConnectionManagement connections;

    UploadConnections(ConnectionManagement connections) {
        this.connections = connections;
    }

    /** The company's upload connection, if it has one. */
    java.util.Optional<DataConnection> existing(ClientId clientId, CompanyId companyId) {
        return connections.all(clientId, companyId).stream().filter(c -> PLATFORM_KEY.equals(c.platformKey()))
                .findFirst();
    }

    /** The company's upload connection, Linked; made (or linked again after an unlink) when needed. */
    @Transactional
    DataConnection forCompany(ClientId clientId, CompanyId companyId) {
        DataConnection existing = existing(clientId, companyId).orElse(null);
        if (existing != null && existing.status() == ConnectionStatus.Linked) {
            return existing;
        }
        return link(clientId, companyId, existing != null ? existing : connections.create(clientId, companyId,
                PLATFORM_KEY));
    }

    /** Links an upload connection made with Codat's create-connection at its first upload; Linked ones stay. */
    DataConnection link(ClientId clientId, CompanyId companyId, DataConnection connection) {
        if (connection.isLinked()) {
            return connection;
        }
        // the organisation is the company itself (no account at a vendor); the reader finds the files by connection
        return connections.markLinked(clientId, companyId, connection.id(), Map.of("organisationId",
                companyId.toString(), "organisationName", ORGANISATION_NAME, "connectionId",
                connection.id().toString()));
    }
}
