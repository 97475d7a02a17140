package dev.bridgekeeper.connection;

import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data connection as the connection module keeps it: one company's link to one platform, with what the
 * catalog says about that platform when it was read.
 *
 * @param platformKey    the catalog key, Codat's {@code integrationKey}, e.g. {@code sbac}
 * @param sourceType     Accounting, Banking or Commerce
 * @param platformName   the platform's display name; its key when the catalog no longer has it
 * @param integrationId  the catalog's integration id; all zeros when the catalog no longer has the platform
 * @param sourceId       the catalog's source id; all zeros likewise
 * @param linkUrl        where the customer's browser starts (or repeats) authorising it
 * @param errors         the problems seen on it, oldest first; resolved ones stay with their resolution time
 * @param connectionInfo who the customer is at the platform, as its identity endpoint said; null before linking
 */
public record DataConnection(ConnectionId id, CompanyId companyId, String platformKey, String sourceType,
        String platformName, UUID integrationId, UUID sourceId, String linkUrl, ConnectionStatus status,
        Instant created, Instant lastSync, List<DataConnectionError> errors, Map<String, Object> connectionInfo) {

    public boolean isLinked() {
        return status == ConnectionStatus.Linked;
    }
}
