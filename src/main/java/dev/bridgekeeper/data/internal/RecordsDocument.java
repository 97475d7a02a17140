package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataType.Endpoint;
import dev.bridgekeeper.platform.DataType.Operation;
import dev.bridgekeeper.platform.DataTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.core.util.Json31;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Documents the registry's read-API endpoints in the served OpenAPI document, one operation each, as Codat's
 * documents have them: operation id, summary, the source type as tag, the path variables, the list parameters and
 * the record's schema (Codat's, where the registry names one). Runs before the platform's customizer, which adds
 * the ErrorMessage answers to every operation.
 */
@Component
class RecordsDocument implements OpenApiCustomizer, Ordered {

    /** Codat's schemas of the records (and reports) the registry names, built from Codat's documents. */
    static final String SCHEMAS = "openapi/codat-accounting-schemas.json";
    /** Codat's schemas of the reports computed from the cache (not data types of the registry). */
    static final List<String> REPORT_SCHEMAS = List.of("AccountingAgedDebtorReport", "AccountingAgedCreditorReport");

    /** How the document shows a record whose data type names no schema. */
    static final String PLAIN_RECORD = "A record in the standard data model (see Codat's schema of the data type).";
    private static final String PLAIN_PAGE = "PagedResultsJsonNode";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private final Map<String, Schema> codatSchemas;

    RecordsDocument() {
        this.codatSchemas = codatSchemas();
    }

    /** Codat's schemas, read as the document generator's own model (its OpenAPI 3.1 reader). */
    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> codatSchemas() {
        try (InputStream in = new ClassPathResource(SCHEMAS).getInputStream()) {
            com.fasterxml.jackson.databind.ObjectMapper reader = Json31.mapper();
            Map<String, Schema> schemas = new TreeMap<>();
            reader.readTree(in).properties().forEach(e -> schemas.put(e.getKey(),
                    reader.convertValue(e.getValue(), Schema.class)));
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMAS, e);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        codatSchemas.forEach(openApi.getComponents()::addSchemas);
        for (DataType type : DataTypes.synced()) {
            for (Endpoint endpoint : type.endpoints()) {
                String tag = type.source().name();
                if (endpoint.list() == null) {
                    path(openApi, endpoint.template()).setGet(operation(endpoint.get(), tag,
                            variables(endpoint.template()), List.of(), record(endpoint)));
                    continue;
                }
                path(openApi, endpoint.template()).setGet(operation(endpoint.list(), tag,
                        variables(endpoint.template()), listParameters(), page(openApi, endpoint)));
                if (endpoint.get() != null) {
                    String recordPath = endpoint.recordTemplate();
                    path(openApi, recordPath).setGet(operation(endpoint.get(), tag, variables(recordPath), List.of(),
                            record(endpoint)));
                }
            }
        }
    }

    private static PathItem path(OpenAPI openApi, String template) {
        return openApi.getPaths().computeIfAbsent(template, t -> new PathItem());
    }

    private static io.swagger.v3.oas.models.Operation operation(Operation operation, String tag,
            List<Parameter> pathParameters, List<Parameter> queryParameters, Schema<?> body) {
        List<Parameter> parameters = new ArrayList<>(pathParameters);
        parameters.addAll(queryParameters);
        return new io.swagger.v3.oas.models.Operation().operationId(operation.id()).summary(operation.summary())
                .addTagsItem(tag).parameters(parameters)
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                        .content(new Content().addMediaType("application/json", new MediaType().schema(body)))));
    }

    /** The template's variables in order: the company and connection ids are UUIDs, the rest text. */
    private static List<Parameter> variables(String template) {
        List<Parameter> parameters = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1);
            boolean id = name.equals("companyId") || name.equals("connectionId");
            parameters.add(new Parameter().in("path").name(name).required(true)
                    .schema(id ? type("string").format("uuid") : type("string")));
        }
        return parameters;
    }

    /** The parameters of every list, as {@link ListParams} declares them. */
    private static List<Parameter> listParameters() {
        return List.of(
                query("page", "Page number, from 1.", type("integer").format("int32")._default(1)
                        .minimum(BigDecimal.ONE)),
                query("pageSize", "Records per page, 1 to 2000.", type("integer").format("int32")._default(100)
                        .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(2000))),
                query("query", "Codat query language over the record's fields, e.g. `currency=GBP&&amount>100`.",
                        type("string")),
                query("orderBy", "Field to order by; `-field` for descending, comma-separated.", type("string")));
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).description(description).required(false).schema(schema);
    }

    private static Schema<?> record(Endpoint endpoint) {
        return endpoint.schema() == null ? plainRecord() : ref(endpoint.schema());
    }

    private static Schema<?> page(OpenAPI openApi, Endpoint endpoint) {
        if (endpoint.pageSchema() != null) {
            return ref(endpoint.pageSchema());
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (!schemas.containsKey(PLAIN_PAGE)) {
            schemas.put(PLAIN_PAGE, type("object")
                    .addProperty("_links", ref("Links"))
                    .addProperty("pageNumber", type("integer").format("int32"))
                    .addProperty("pageSize", type("integer").format("int32"))
                    .addProperty("results", type("array").items(plainRecord()))
                    .addProperty("totalResults", type("integer").format("int64")));
        }
        return ref(PLAIN_PAGE);
    }

    private static Schema<?> plainRecord() {
        return type("object").description(PLAIN_RECORD);
    }

    private static Schema<?> ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }

    @SuppressWarnings("unchecked")
    private static Schema<Object> type(String type) {
        return (Schema<Object>) (Schema<?>) new JsonSchema().types(Set.of(type));
    }
}
