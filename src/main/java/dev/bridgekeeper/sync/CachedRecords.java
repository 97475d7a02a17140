package dev.bridgekeeper.sync;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The read side of the records cache, for the data module: live records of one data type in the standard
 * model, filtered with the shared query language (any field of the record), ordered and paged. A null
 * {@code connectionId} reads the company's records of that type from any connection (accounting endpoints);
 * otherwise the connection must belong to the company (404).
 */
public interface CachedRecords {

    /** A page of records, with how many match in all. */
    default Slice<JsonNode> list(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String dataType, PageRequest page, String query, String orderBy) {
        return list(clientId, companyId, connectionId, dataType, Map.of(), page, query, orderBy);
    }

    /**
     * A page of the records whose fields equal {@code matching} (field → text, e.g. a bank account's
     * transactions: {@code accountId → ba-1}) and that pass {@code query}, with how many match in all.
     */
    Slice<JsonNode> list(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String dataType,
            Map<String, String> matching, PageRequest page, String query, String orderBy);

    /** Every live record of the data type from any of the company's connections, ordered by id. */
    List<JsonNode> all(ClientId clientId, CompanyId companyId, String dataType);

    /** One record by id; a record deleted at the platform comes with {@code metadata.isDeleted: true}. */
    JsonNode get(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String dataType, String recordId);
}
