package dev.bridgekeeper.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the schemas the served OpenAPI document uses for the records of the newer accounting data types
 * (src/main/resources/openapi/codat-accounting-schemas.json) from Codat's own documents, so that file is always
 * exactly Codat's schemas: each named schema and those it refers to as a whole are copied; a reference into the
 * inside of another schema (Codat's documents share fields that way, e.g. {@code AccountingBill/allOf/0/...}) is
 * replaced by a copy of what it points at, its sibling keywords applied over it, so the served document needs no
 * schema it does not use; the {@code definitions} blocks, then unused, are left out. A page of records is Codat's
 * page schema where Codat publishes one, otherwise one of the same form.
 */
public final class CodatRecordSchemas {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;
    private final Map<String, JsonNode> out = new TreeMap<>();
    private final Deque<String> queue = new ArrayDeque<>();

    private CodatRecordSchemas(JsonNode document) {
        this.document = document;
    }

    /**
     * @param codat   Codat's document (see {@link CodatSchemas#accounting()})
     * @param records record schema → page schema (null when the data type has no list)
     * @param reports report schemas (aged debtors and creditors)
     */
    public static ObjectNode generate(JsonNode codat, Map<String, String> records, Set<String> reports) {
        CodatRecordSchemas generator = new CodatRecordSchemas(codat);
        records.forEach((record, page) -> {
            generator.queue.add(record);
            if (page != null) {
                JsonNode published = codat.path("components").path("schemas").path(page);
                generator.out.put(page, published.isMissingNode() ? page(record) : generator.copy(published,
                        new LinkedHashSet<>()));
            }
        });
        generator.queue.addAll(reports);
        while (!generator.queue.isEmpty()) {
            String name = generator.queue.pop();
            if (!generator.out.containsKey(name)) {
                JsonNode schema = codat.path("components").path("schemas").path(name);
                if (schema.isMissingNode()) {
                    throw new IllegalArgumentException("Codat's documents have no schema " + name);
                }
                generator.out.put(name, generator.copy(schema, new LinkedHashSet<>()));
            }
        }
        ObjectNode schemas = NODES.objectNode();
        generator.out.forEach(schemas::set);
        return schemas;
    }

    /** A page of records in the form of Codat's: the results, with Codat's paging information. */
    private static JsonNode page(String record) {
        ObjectNode page = NODES.objectNode();
        ArrayNode allOf = page.putArray("allOf");
        ObjectNode results = allOf.addObject().put("type", "object");
        results.putObject("properties").putObject("results").put("type", "array").putObject("items")
                .put("$ref", COMPONENTS + record);
        allOf.addObject().put("$ref", COMPONENTS + "PagingInfo");
        return page;
    }

    private JsonNode copy(JsonNode node, Set<String> inlining) {
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.forEach(item -> array.add(copy(item, inlining)));
            return array;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        String ref = node.path("$ref").asString(null);
        ObjectNode copy;
        if (ref == null) {
            copy = NODES.objectNode();
        } else if (isWholeSchema(ref)) {
            queue.add(ref.substring(COMPONENTS.length()));
            copy = NODES.objectNode().put("$ref", ref);
        } else {
            if (!inlining.add(ref)) {
                throw new IllegalStateException("a reference cycle through " + ref);
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("nothing at " + ref);
            }
            copy = (ObjectNode) copy(target, inlining);
            inlining.remove(ref);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals("$ref") && !field.getKey().equals("definitions")) {
                copy.set(field.getKey(), copy(field.getValue(), inlining));
            }
        }
        copy.remove("definitions");
        return copy;
    }

    private static boolean isWholeSchema(String ref) {
        return ref.startsWith(COMPONENTS) && ref.indexOf('/', COMPONENTS.length()) < 0;
    }
}
