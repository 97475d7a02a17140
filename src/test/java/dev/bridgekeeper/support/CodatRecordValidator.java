package dev.bridgekeeper.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a record against a schema of Codat's published OpenAPI documents (src/test/resources/codat-oas) all the
 * way down: types (with {@code nullable} and 3.1 type lists), enums, required fields, array items, objects nested
 * through {@code $ref}, {@code allOf}/{@code oneOf}/{@code anyOf}. Fields a schema does not declare are errors
 * (Codat's schemas are open, but a connector that writes a field Codat does not have has made a mistake), except
 * the top-level extras the caller names. Answers every problem with its JSON path.
 */
public final class CodatRecordValidator {

    private final JsonNode document;

    private CodatRecordValidator(JsonNode document) {
        this.document = document;
    }

    /** e.g. {@code Codat-Lending.yaml} (accounting data types). */
    public static CodatRecordValidator load(String file) {
        try (InputStream in = CodatRecordValidator.class.getResourceAsStream("/codat-oas/" + file)) {
            // Codat-Lending.yaml is 4 MB, over SnakeYAML's default 3 M code point limit
            org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            Object tree = new org.yaml.snakeyaml.Yaml(options).load(in);
            return new CodatRecordValidator(tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Codat's accounting schemas as {@link CodatSchemas#accounting()} assembles them: the Lending document plus the
     * excerpt defining items, purchase orders and tax rates.
     */
    public static CodatRecordValidator accounting() {
        return new CodatRecordValidator(CodatSchemas.accounting().document());
    }

    /** The problems of {@code record} against {@code components.schemas.<schema>}; empty when it conforms. */
    public List<String> problems(JsonNode record, String schema, String... topLevelExtras) {
        List<String> problems = new ArrayList<>();
        JsonNode root = document.path("components").path("schemas").path(schema);
        if (root.isMissingNode()) {
            problems.add("no schema " + schema);
            return problems;
        }
        check(record, root, "$", problems, Set.of(topLevelExtras), true);
        return problems;
    }

    /** @param closed whether undeclared fields are errors here (not in a part of an allOf: the whole knows them) */
    private void check(JsonNode value, JsonNode schema, String path, List<String> problems, Set<String> extras,
            boolean closed) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!nullable(schema)) {
                problems.add(path + ": null is not allowed");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, path, problems, extras, false);
        }
        for (String alternative : new String[] {"oneOf", "anyOf"}) {
            if (schema.has(alternative)) {
                boolean any = false;
                for (JsonNode option : schema.path(alternative)) {
                    List<String> attempt = new ArrayList<>();
                    check(value, option, path, attempt, extras, false);
                    any |= attempt.isEmpty();
                }
                if (!any) {
                    problems.add(path + ": matches none of the " + alternative + " schemas");
                }
            }
        }
        Set<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(t -> is(value, t))) {
            problems.add(path + ": " + value.getNodeType() + " is not " + types);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.path("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                problems.add(path + ": " + value + " is not one of " + schema.path("enum"));
            }
        }
        if (value.isObject()) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            Set<String> required = new LinkedHashSet<>();
            collect(schema, properties, required);
            for (String name : required) {
                if (!value.has(name)) {
                    problems.add(path + ": required field " + name + " is missing");
                }
            }
            boolean open = !closed || properties.isEmpty() || schema.path("additionalProperties").isObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode fieldSchema = properties.get(field.getKey());
                if (fieldSchema != null) {
                    check(field.getValue(), fieldSchema, path + "." + field.getKey(), problems, Set.of(), true);
                } else if (!open && !extras.contains(field.getKey())) {
                    problems.add(path + ": field " + field.getKey() + " is not in the schema");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                check(item, schema.path("items"), path + "[" + i++ + "]", problems, Set.of(), true);
            }
        }
    }

    /** Properties and required names of a schema and everything it is made of (allOf). */
    private void collect(JsonNode schema, Map<String, JsonNode> properties, Set<String> required) {
        schema = resolve(schema);
        for (JsonNode part : schema.path("allOf")) {
            collect(part, properties, required);
        }
        schema.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
        schema.path("required").forEach(name -> required.add(name.asString()));
    }

    private JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema.has("$ref") && hops++ < 50) {
            JsonNode target = document;
            for (String part : schema.path("$ref").asString().substring(2).split("/")) {
                String name = part.replace("~1", "/").replace("~0", "~");
                target = target.isArray() ? target.path(Integer.parseInt(name)) : target.path(name);
            }
            schema = target;
        }
        return schema;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isString()) {
            types.add(type.asString());
        } else {
            type.forEach(t -> types.add(t.asString()));
        }
        return types;
    }

    private boolean nullable(JsonNode schema) {
        schema = resolve(schema);
        if (schema.path("nullable").asBoolean(false) || types(schema).contains("null")) {
            return true;
        }
        for (JsonNode part : schema.path("allOf")) {
            if (nullable(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }
}
