package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.platform.query.FieldMapping;
import dev.bridgekeeper.platform.query.FieldType;
import dev.bridgekeeper.platform.query.OrderBy;
import dev.bridgekeeper.platform.query.QuerySql;
import dev.bridgekeeper.platform.query.SqlWhere;
import org.springframework.stereotype.Component;

/** The connection list's {@code query} and {@code orderBy} fields. */
@Component
class ConnectionQuery {

    private final FieldMapping fields = FieldMapping.builder()
            .field("id", "id", FieldType.UUID)
            .field("integrationKey", "platform_key", FieldType.STRING)
            .field("platformKey", "platform_key", FieldType.STRING)
            .field("sourceType", "source_type", FieldType.STRING)
            .field("status", "status", FieldType.STRING)
            .field("created", "created_utc", FieldType.TIMESTAMP)
            .field("lastSync", "last_sync_utc", FieldType.TIMESTAMP)
            .build();

    /** The filter, or null without a query. */
    SqlWhere filter(String query) {
        return query == null || query.isBlank() ? null : QuerySql.toWhere(query, fields);
    }

    String orderBy(String orderBy) {
        return orderBy == null || orderBy.isBlank() ? "created_utc, id" : OrderBy.parse(orderBy, fields) + ", id";
    }
}
