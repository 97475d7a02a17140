package dev.bridgekeeper.connector.xero.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Xero's published Accounting API description (src/test/resources/vendor/xero/xero_accounting.yaml), read once
 * per JVM: the example bodies the emulator serves, the scopes it knows and the scopes each endpoint needs are
 * taken from it rather than copied into Java.
 */
final class VendorSpec {

    static final String ACCOUNTING = "/vendor/xero/xero_accounting.yaml";
    static final String IDENTITY = "/vendor/xero/xero-identity.yaml";
    static final String OAUTH_DERIVED = "/vendor/xero/derived/xero-oauth2-endpoints.yaml";

    private static final CompletableFuture<JsonNode> ACCOUNTING_TREE = CompletableFuture.supplyAsync(() -> {
        YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        try (InputStream in = VendorSpec.class.getResourceAsStream(ACCOUNTING)) {
            if (in == null) {
                throw new IllegalStateException("missing " + ACCOUNTING + " on the test classpath");
            }
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }, task -> {
        // its own thread, so it runs beside the validator's parse even where the common pool has one worker
        Thread thread = new Thread(task, "xero-openapi-read");
        thread.setDaemon(true);
        thread.start();
    });

    private VendorSpec() {}

    /** Starts reading the description in the background. */
    static void preload() {
        ACCOUNTING_TREE.isDone();
    }

    static JsonNode accounting() {
        return ACCOUNTING_TREE.join();
    }

    /** The example body of a GET operation's 200 answer; a missing node when the description has none. */
    static JsonNode exampleBody(String path) {
        return accounting().path("paths").path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("example");
    }

    /** Copies of the example records listed under {@code key} in the GET example of {@code path}. */
    static List<ObjectNode> exampleRecords(String path, String key) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode record : exampleBody(path).path(key)) {
            if (record.isObject()) {
                out.add((ObjectNode) record.deepCopy());
            }
        }
        return out;
    }

    /** Every scope named in the description's OAuth2 security scheme. */
    static Set<String> declaredScopes() {
        Set<String> scopes = new LinkedHashSet<>(accounting().path("components").path("securitySchemes")
                .path("OAuth2").path("flows").path("authorizationCode").path("scopes").propertyNames());
        return scopes;
    }

    /** The scopes any one of which lets a caller use the GET operation at {@code path} (as the description says). */
    static Set<String> getScopes(String path) {
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode requirement : accounting().path("paths").path(path).path("get").path("security")) {
            for (JsonNode scope : requirement.path("OAuth2")) {
                scopes.add(scope.asString());
            }
        }
        return scopes;
    }

    /** Whether the GET operation at {@code path} declares the header If-Modified-Since (Xero ignores it elsewhere). */
    static boolean acceptsIfModifiedSince(String path) {
        for (JsonNode parameter : accounting().path("paths").path(path).path("get").path("parameters")) {
            if (parameter.path("$ref").asString("").endsWith("/ifModifiedSince")
                    || parameter.path("name").asString("").equalsIgnoreCase("If-Modified-Since")) {
                return true;
            }
        }
        return false;
    }
}
