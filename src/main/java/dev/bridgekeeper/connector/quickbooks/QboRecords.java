package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finishes a standard-model record from a QuickBooks entity: its dates from {@code MetaData.LastUpdatedTime}, and
 * the tombstone change data capture stands for a deleted entity with ({@code status: Deleted}, the id and the time
 * only): the cache keeps the record's last content and flags it deleted.
 */
final class QboRecords {

    private final JsonMapper json;

    QboRecords(JsonMapper json) {
        this.json = json;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    ConnectorRecord record(String id, ObjectNode r, JsonNode source) {
        Instant updated = QboValues.updated(source);
        if (updated != null) {
            r.put("modifiedDate", QboValues.timestamp(updated));
            r.put("sourceModifiedDate", QboValues.timestamp(updated));
        }
        return new ConnectorRecord(id, json.writeValueAsBytes(r), updated, updated, false);
    }

    /** A deletion change data capture reported, of the record {@code id} the deleted entity stood for. */
    ConnectorRecord tombstone(JsonNode deleted, String id) {
        Instant updated = QboValues.updated(deleted);
        ObjectNode r = json.createObjectNode().put("id", id);
        if (updated != null) {
            r.put("modifiedDate", QboValues.timestamp(updated));
            r.put("sourceModifiedDate", QboValues.timestamp(updated));
        }
        r.putObject("metadata").put("isDeleted", true);
        return new ConnectorRecord(id, json.writeValueAsBytes(r), updated, updated, true);
    }

    /** Whether change data capture lists {@code entity} as deleted. */
    static boolean isDeleted(JsonNode entity) {
        return "Deleted".equalsIgnoreCase(QboValues.text(entity, "status"));
    }
}
