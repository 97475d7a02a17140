package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import dev.bridgekeeper.platform.query.FieldMapping;
import dev.bridgekeeper.platform.query.FieldSpec;
import dev.bridgekeeper.platform.query.FieldType;
import dev.bridgekeeper.platform.query.Operator;
import dev.bridgekeeper.platform.query.OrderBy;
import dev.bridgekeeper.platform.query.QueryExpression;
import dev.bridgekeeper.platform.query.QueryExpression.Comparison;
import dev.bridgekeeper.platform.query.QueryParser;
import dev.bridgekeeper.platform.query.QuerySql;
import dev.bridgekeeper.platform.query.SqlWhere;
import dev.bridgekeeper.sync.CachedRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link CachedRecords} over the {@code record} table. */
@Service
class CachedRecordsService implements CachedRecords {

    /**
     * Per data type: {@code id} and the two dates use their indexed/typed columns, the data type's money fields
     * (its registry entry) compare and sort as numbers, and any other field (e.g. {@code customerRef.id}) is read
     * from the record's JSON by the shared query language's jsonb fallback.
     */
    private static final Map<String, FieldMapping> FIELDS = DataTypes.all().stream()
            .collect(Collectors.toUnmodifiableMap(DataType::name, t -> fields(t.moneyFields())));
    private static final FieldMapping NO_MONEY = fields(List.of());

    private static FieldMapping fields(List<String> moneyFields) {
        FieldMapping.Builder builder = FieldMapping.builder()
                .field("id", "record_id", FieldType.STRING)
                .field("modifiedDate", new FieldSpec("modified_date", FieldType.TIMESTAMP))
                .field("sourceModifiedDate", new FieldSpec("source_modified_date", FieldType.TIMESTAMP));
        for (String amount : moneyFields) {
            String text = "data #>> '{" + amount.replace('.', ',') + "}'";
            // the cast only runs on text that is a plain decimal, so an odd value never fails the query
            builder.field(amount, new FieldSpec("CASE WHEN " + text + " ~ '^-{0,1}[0-9]+([.][0-9]+){0,1}$' THEN ("
                    + text + ")::numeric END", FieldType.NUMBER));
        }
        return builder.fallback(FieldMapping.jsonbFallback("data")).build();
    }

    private final RecordStore records;
    private final CompanyDirectory companies;
    private final ConnectionManagement connections;
    private final JsonMapper json;

    CachedRecordsService(RecordStore records, CompanyDirectory companies, ConnectionManagement connections,
            JsonMapper json) {
        this.records = records;
        this.companies = companies;
        this.connections = connections;
        this.json = json;
    }

    /** Repeatable read: the page index's data version and the page itself come from one snapshot. */
    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Slice<JsonNode> list(ClientId client, CompanyId company, ConnectionId connection, String dataType,
            Map<String, String> matching, PageRequest page, String query, String orderBy) {
        requireOwner(client, company, connection);
        UUID clientId = client.value();
        UUID companyId = company.value();
        UUID connectionId = connection == null ? null : connection.value();
        FieldMapping fields = FIELDS.getOrDefault(dataType, NO_MONEY);
        SqlWhere where = where(matching, query, fields);
        String order = orderBy == null || orderBy.isBlank() ? "record_id"
                : OrderBy.parse(orderBy, fields) + ", record_id";
        RecordStore.Slice slice = records.page(clientId, companyId, connectionId, dataType, where, order,
                page.pageSize(), page.offset());
        return new Slice<>(slice.json().stream().map(json::readTree).toList(), slice.total());
    }

    /** The query, and-ed with one literal comparison per matching field; null when there is neither. */
    private static SqlWhere where(Map<String, String> matching, String query, FieldMapping fields) {
        List<QueryExpression> terms = new ArrayList<>();
        matching.forEach((field, value) -> terms.add(new Comparison(field, Operator.EQUALS, value, true)));
        if (query != null && !query.isBlank()) {
            terms.add(QueryParser.parse(query));
        }
        if (terms.isEmpty()) {
            return null;
        }
        return QuerySql.toWhere(terms.size() == 1 ? terms.get(0) : new QueryExpression.And(terms), fields);
    }

    @Override
    @Transactional(readOnly = true)
    public List<JsonNode> all(ClientId clientId, CompanyId companyId, String dataType) {
        requireOwner(clientId, companyId, null);
        return records.allLive(clientId.value(), companyId.value(), dataType).stream().map(json::readTree).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public JsonNode get(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String dataType,
            String recordId) {
        requireOwner(clientId, companyId, connectionId);
        RecordStore.Found found = records.find(clientId.value(), companyId.value(),
                        connectionId == null ? null : connectionId.value(), dataType, recordId)
                .orElseThrow(() -> ApiException.notFound("No " + dataType + " record " + recordId + " in company "
                        + companyId + "'s data."));
        JsonNode record = json.readTree(found.json());
        if (found.deleted() && record instanceof ObjectNode object) {
            object.putObject("metadata").put("isDeleted", true);
        }
        return record;
    }

    private void requireOwner(ClientId clientId, CompanyId companyId, ConnectionId connectionId) {
        companies.require(clientId, companyId);
        if (connectionId != null) {
            connections.get(clientId, companyId, connectionId); // 404 unless it is this company's
        }
    }
}
