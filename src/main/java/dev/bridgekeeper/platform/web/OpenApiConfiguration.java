package dev.bridgekeeper.platform.web;

import dev.bridgekeeper.platform.error.ErrorMessage;
import dev.bridgekeeper.platform.paging.PageRequest;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document served at /openapi.json (and committed as docs/openapi.json): Codat's
 * authentication scheme, our public URL as the server, and ErrorMessage on every error status.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String AUTH = "auth_header";

    static {
        // records of the data API are served as stored JSON: document them as JSON objects, not as Jackson's tree
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                new io.swagger.v3.oas.models.media.ObjectSchema()
                        .description("A record in the standard data model (see Codat's schema of the data type)."));
    }

    @Bean
    OpenAPI bridgekeeperOpenApi(PublicUrl publicUrl) {
        return new OpenAPI()
                .info(new Info().title("Bridgekeeper API").version("1.0")
                        .description("Consent journeys and data connections, wire-compatible with Codat's Platform"
                                + " API. Authenticate with \"Authorization: Basic <base64 of your API key>\".")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .addServersItem(new Server().url(publicUrl.base()))
                .components(new Components().addSecuritySchemes(AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Authorization")
                        .description("\"Basic \" followed by the base64-encoded API key, or \"Bearer \" followed by"
                                + " a company access token on the endpoints that accept one.")))
                .addSecurityItem(new SecurityRequirement().addList(AUTH));
    }

    /**
     * Every list's {@code page} and {@code pageSize} carry the limits {@link PageRequest} enforces (Codat's), so the
     * document says what the server accepts whichever controller declared them.
     */
    @Bean
    OpenApiCustomizer documentPaging() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getParameters() == null) {
                return;
            }
            for (Parameter parameter : operation.getParameters()) {
                Schema<?> schema = parameter.getSchema();
                if (!"query".equals(parameter.getIn()) || schema == null || !"integer".equals(schemaType(schema))) {
                    continue;
                }
                // a fresh schema each: springdoc may share one integer schema between parameters
                if ("page".equals(parameter.getName())) {
                    parameter.description("Page number, from 1.")
                            .schema(integer(schema).minimum(BigDecimal.ONE)._default(1));
                } else if ("pageSize".equals(parameter.getName())) {
                    parameter.description("Records per page, 1 to " + PageRequest.MAX_PAGE_SIZE + ".")
                            .schema(integer(schema).minimum(BigDecimal.ONE)
                                    .maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE_SIZE))
                                    ._default(PageRequest.DEFAULT_PAGE_SIZE));
                }
            }
        }));
    }

    private static Schema<Object> integer(Schema<?> like) {
        Schema<Object> schema = new JsonSchema().format(like.getFormat() == null ? "int32" : like.getFormat());
        return like.getTypes() != null ? schema.types(Set.of("integer")) : schema.type("integer");
    }

    /** OpenAPI 3.1 schemas carry their type in {@code types}; 3.0 ones in {@code type}. */
    private static String schemaType(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null || schema.getTypes().size() != 1 ? null : schema.getTypes().iterator().next();
    }

    /** Every operation documents the ErrorMessage body of the 4xx/5xx answers it can give. */
    @Bean
    OpenApiCustomizer documentErrorMessages() {
        return openApi -> {
            Map<String, Schema> schemas = ModelConverters.getInstance().read(ErrorMessage.class);
            schemas.forEach(openApi.getComponents()::addSchemas);
            Content error = new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/ErrorMessage")));
            Map<String, String> statuses = Map.of("400", "The request is invalid; validation names the field.",
                    "401", "No valid API key or token.", "403", "The credentials do not allow this.",
                    "404", "Not found.", "429", "Too many requests (the client's daily quota, or failed authentication"
                            + " from this address); Retry-After says when to try again.",
                    "500", "Unexpected error; quote the correlation id.");
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    statuses.forEach((status, description) -> operation.getResponses()
                            .putIfAbsent(status, new ApiResponse().description(description).content(error)))));
        };
    }
}
