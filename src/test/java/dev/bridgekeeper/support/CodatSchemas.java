package dev.bridgekeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Codat's published OpenAPI documents (src/test/resources/codat-oas, Apache-2.0), used to check that records
 * carry only fields of Codat's schema for their data type, and every field it requires.
 */
public final class CodatSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode document;

    private CodatSchemas(JsonNode document) {
        this.document = document;
    }

    /** e.g. {@code Codat-Banking.json}. */
    public static CodatSchemas load(String file) {
        try (InputStream in = CodatSchemas.class.getResourceAsStream("/codat-oas/" + file)) {
            return new CodatSchemas(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
