package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.sync.CachedRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way the data endpoints read the cache. Data read at the company's path is the company's, from any of
 * its connections ({@code connectionId} null); data read at a connection's path belongs to that connection.
 */
@Component
class CachedData {

    private final CachedRecords records;

    CachedData(CachedRecords records) {
        this.records = records;
    }

    /**
     * A page of the data type's records at {@code path} (the list's own path, for the page's links), keeping those
     * whose fields equal {@code matching}.
     */
    PagedResults<JsonNode> list(UUID companyId, UUID connectionId, String dataType, String path,
            Map<String, String> matching, ListParams params) {
        PageRequest page = params.pageRequest();
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("query", params.query());
        carried.put("orderBy", params.orderBy());
        return records.list(Caller.current().client(), CompanyId.of(companyId), connection(connectionId), dataType,
                matching, page, params.query(), params.orderBy()).toPagedResults(page, path, carried);
    }

    JsonNode get(UUID companyId, UUID connectionId, String dataType, String recordId) {
        return records.get(Caller.current().client(), CompanyId.of(companyId), connection(connectionId), dataType,
                recordId);
    }

    /**
     * The data type's one record (company information), without the cache's record id, which is not part of
     * Codat's shape; 404 until it has been synced.
     */
    JsonNode single(UUID companyId, UUID connectionId, String dataType, String what) {
        List<JsonNode> found = records.list(Caller.current().client(), CompanyId.of(companyId),
                connection(connectionId), dataType, PageRequest.of(1, 1), null, "-modifiedDate").items();
        if (found.isEmpty()) {
            throw ApiException.notFound("No " + what + " has been synced for company " + companyId
                    + " yet; queue " + dataType + " first.");
        }
        JsonNode record = found.get(0);
        if (record instanceof ObjectNode object) {
            object.remove("id");
        }
        return record;
    }

    /** Every live record of the data type (small data types only: the financial statements' months). */
    List<JsonNode> all(UUID companyId, String dataType) {
        return records.all(Caller.current().client(), CompanyId.of(companyId), dataType);
    }

    private static ConnectionId connection(UUID connectionId) {
        return connectionId == null ? null : ConnectionId.of(connectionId);
    }
}
