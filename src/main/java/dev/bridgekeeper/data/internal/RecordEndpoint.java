package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataType.Endpoint;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.paging.PagedResults;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * The handlers of one read-API endpoint of the data type registry: its list, one record by id, or its single
 * record. {@link RecordEndpoints} maps them to the endpoint's paths and {@link RecordsDocument} documents them (so
 * the document generator does not look at these generic methods).
 */
@Hidden
@ResponseBody
final class RecordEndpoint {

    /** The path variable of a record's id in the mapped path; the document names it as Codat does. */
    static final String RECORD_ID = "recordId";
    private static final String COMPANY_ID = "companyId";
    private static final String CONNECTION_ID = "connectionId";

    private final CachedData data;
    private final DataType type;
    private final Endpoint endpoint;

    RecordEndpoint(CachedData data, DataType type, Endpoint endpoint) {
        this.data = data;
        this.type = type;
        this.endpoint = endpoint;
    }

    PagedResults<JsonNode> list(@PathVariable(COMPANY_ID) UUID companyId,
            @PathVariable(name = CONNECTION_ID, required = false) UUID connectionId,
            @PathVariable Map<String, String> variables, ListParams params) {
        String path = endpoint.template().replace("{" + COMPANY_ID + "}", companyId.toString());
        if (connectionId != null) {
            path = path.replace("{" + CONNECTION_ID + "}", connectionId.toString());
        }
        Map<String, String> matching = matching(variables);
        for (Map.Entry<String, String> variable : matching.entrySet()) {
            path = path.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return data.list(companyId, connectionId, type.name(), path, matching, params);
    }

    JsonNode get(@PathVariable(COMPANY_ID) UUID companyId,
            @PathVariable(name = CONNECTION_ID, required = false) UUID connectionId,
            @PathVariable Map<String, String> variables, @PathVariable(RECORD_ID) String recordId) {
        JsonNode record = data.get(companyId, connectionId, type.name(), recordId);
        matching(variables).forEach((field, value) -> {
            if (!value.equals(record.path(field).asString(null))) {
                throw ApiException.notFound("No " + type.name() + " record " + recordId + " under " + field + " "
                        + value + ".");
            }
        });
        return record;
    }

    JsonNode single(@PathVariable(COMPANY_ID) UUID companyId,
            @PathVariable(name = CONNECTION_ID, required = false) UUID connectionId) {
        String what = endpoint.get().summary().replaceFirst("^Get ", "").toLowerCase(java.util.Locale.ROOT);
        return data.single(companyId, connectionId, type.name(), what);
    }

    /** The path's variables inside the data path: each keeps the records whose field of that name equals it. */
    private static Map<String, String> matching(Map<String, String> variables) {
        Map<String, String> matching = new LinkedHashMap<>(variables);
        matching.remove(COMPANY_ID);
        matching.remove(CONNECTION_ID);
        matching.remove(RECORD_ID);
        return matching;
    }
}
