package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code trackingCategories}: QuickBooks' two hierarchies, classes and departments (which a company may call
 * locations), as one list with prefixed ids ({@code class-1}, {@code department-1}; transaction lines refer to
 * classes so). Each entity is read whole (a company has few) so {@code hasChildren} can be told from the others'
 * {@code ParentRef}; classes are one page, departments the next (cursor {@code department}). Read whole every time.
 */
final class QboTrackingReader implements DataTypeReader {

    private final QuickBooksApi api;
    private final QboRecords records;

    QboTrackingReader(QuickBooksApi api, QboRecords records) {
        this.api = api;
        this.records = records;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        if (request.cursor() == null) {
            sink.accept(categories(context, "Class", "class-"), "department", 50);
        }
        sink.accept(categories(context, "Department", "department-"), null, 100);
    }

    private List<ConnectorRecord> categories(ReadContext context, String entity, String prefix) {
        List<JsonNode> all = new ArrayList<>();
        for (int start = 1; ; start += QboEntityReader.MAX_RESULTS) {
            JsonNode page = api.query(context, "select * from " + entity + " WHERE Active IN (true, false) ORDERBY Id"
                    + " STARTPOSITION " + start + " MAXRESULTS " + QboEntityReader.MAX_RESULTS).path(entity);
            page.forEach(all::add);
            if (page.size() < QboEntityReader.MAX_RESULTS) {
                break;
            }
        }
        Set<String> parents = new HashSet<>();
        all.forEach(category -> {
            String parent = QboValues.ref(category, "ParentRef");
            if (parent != null) {
                parents.add(parent);
            }
        });
        List<ConnectorRecord> out = new ArrayList<>();
        for (JsonNode category : all) {
            String id = QboValues.text(category, "Id");
            ObjectNode r = records.object().put("id", prefix + id);
            QboValues.put(r, "name", QboValues.text(category, "Name"));
            r.put("status", !category.path("Active").isBoolean() || category.path("Active").asBoolean() ? "Active"
                    : "Archived");
            String parent = QboValues.ref(category, "ParentRef");
            if (parent != null) {
                r.put("parentId", prefix + parent);
            }
            r.put("hasChildren", parents.contains(id));
            out.add(records.record(prefix + id, r, category));
        }
        return out;
    }
}
