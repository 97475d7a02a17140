package dev.bridgekeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Codat's published OpenAPI documents (src/test/resources/codat-oas, Apache-2.0), used to check that records
 * carry only fields of Codat's schema for their data type, and every field it requires, and (with {@link
 * #errors}) that they validate against it as JSON Schema 2020-12, the dialect of Codat's OpenAPI 3.1 documents.
 */
public final class CodatSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IRI = "https://bridgekeeper.test/codat-oas/";

    private final JsonNode document;
    private final String iri;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private CodatSchemas(JsonNode document, String name) {
        this.document = document;
        this.iri = IRI + name;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(iri, document.toString())));
    }

    /** e.g. {@code Codat-Banking.json}. */
    public static CodatSchemas load(String file) {
        return new CodatSchemas(read(file), file);
    }

    /**
     * Codat's accounting schemas: the Lending document, with the excerpt of its Accounting API that defines the
     * data types the Lending document does not (items, purchase orders, tax rates) added to its components.
     */
    public static CodatSchemas accounting() {
        ObjectNode lending = (ObjectNode) read("Codat-Lending.json");
        ObjectNode schemas = (ObjectNode) lending.path("components").path("schemas");
        read("Codat-Accounting-excerpt.json").path("components").path("schemas").properties()
                .forEach(e -> schemas.set(e.getKey(), e.getValue()));
        return new CodatSchemas(lending, "Codat-Accounting.json");
    }

    private static JsonNode read(String file) {
        try (InputStream in = CodatSchemas.class.getResourceAsStream("/codat-oas/" + file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole document, e.g. to generate from. */
    public JsonNode document() {
        return document;
    }

    /** What JSON Schema validation of {@code value} against components/schemas/{@code schema} finds; empty if valid. */
    public List<String> errors(JsonNode value, String schema) {
        Schema validator = compiled.computeIfAbsent(schema, name -> registry.getSchema(
                SchemaLocation.of(iri + "#/components/schemas/" + name)));
        return validator.validate(value).stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
    }

    /** Fails unless {@code record} validates against {@code schema} and has only its fields (or the extras). */
    public void assertValid(JsonNode record, String schema, String... extras) {
        assertThat(errors(record, schema)).as(schema + " validation of " + record).isEmpty();
        assertConforms(record, schema, extras);
    }

    /** Fails unless every field of {@code record} is a property of {@code schema} (or listed as an extra). */
    public void assertConforms(JsonNode record, String schema, String... extras) {
        Set<String> properties = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        collect(document.path("components").path("schemas").path(schema), properties, required);
        assertThat(properties).as("schema " + schema + " exists").isNotEmpty();
        properties.addAll(Set.of(extras));
        assertThat(record.propertyNames()).as(schema + " fields of " + record).isSubsetOf(properties);
        assertThat(record.propertyNames()).as(schema + " required fields of " + record).containsAll(required);
    }

    private void collect(JsonNode node, Set<String> properties, Set<String> required) {
        if (node.has("$ref")) {
            collect(resolve(node.path("$ref").asString()), properties, required);
        }
        for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
            node.path(combinator).forEach(part -> collect(part, properties, required));
        }
        properties.addAll(node.path("properties").propertyNames());
        node.path("required").forEach(name -> required.add(name.asString()));
    }

    private JsonNode resolve(String ref) {
        return document.at(ref.substring(1));
    }
}
