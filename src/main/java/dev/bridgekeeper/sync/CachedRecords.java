package dev.bridgekeeper.sync;

import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The read side of the records cache, for the data module: live records of one data type in the standard
 * model, filtered with the shared query language (any field of the record), ordered and paged.
 */
public interface CachedRecords {

    /**
     * A page of records. {@code connectionId} null reads the company's records of that type from any
     * connection (accounting endpoints); otherwise the connection must belong to the company.
     */
    PagedResults<JsonNode> list(UUID clientId, UUID companyId, UUID connectionId, String dataType, PageRequest page,
            String query, String orderBy, String path);

    /** One record by id; a record deleted at the platform comes with {@code metadata.isDeleted: true}. */
    JsonNode get(UUID clientId, UUID companyId, UUID connectionId, String dataType, String recordId);
}
