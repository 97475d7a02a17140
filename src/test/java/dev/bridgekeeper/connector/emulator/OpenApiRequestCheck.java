package dev.bridgekeeper.connector.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.LoggerFactory;

/**
 * Checks one HTTP request against a vendor's published OpenAPI description with Atlassian's
 * swagger-request-validator, and answers the violations as sentences ({@code key: message}). Warnings count as
 * violations too, and an undeclared query parameter is raised from the validator's default "ignore" to an error.
 *
 * <p>A large description (Xero's accounting file is 900 kB) takes seconds to parse, so each is parsed
 * once per JVM, in the background from the first {@link #of} call, and shared by every emulator.
 */
public final class OpenApiRequestCheck {

    private static final ConcurrentMap<String, CompletableFuture<OpenApiInteractionValidator>> PARSED =
            new ConcurrentHashMap<>();

    /** An undeclared query parameter is ignored by the validator's default levels; a vendor would not understand it. */
    private static final LevelResolver STRICT = LevelResolver.create()
            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
            .build();

    private static final String SECURITY_LOGGER = "com.atlassian.oai.validator.interaction.request.SecurityValidator";

    private final String resource;
    private final CompletableFuture<OpenApiInteractionValidator> validator;

    private OpenApiRequestCheck(String resource, CompletableFuture<OpenApiInteractionValidator> validator) {
        this.resource = resource;
        this.validator = validator;
    }

    /** The check for an OpenAPI file on the test classpath, e.g. {@code /vendor/xero/xero_accounting.yaml}. */
    public static OpenApiRequestCheck of(String classpathResource) {
        URL url = OpenApiRequestCheck.class.getResource(classpathResource);
        if (url == null) {
            throw new IllegalArgumentException("no OpenAPI description on the classpath at " + classpathResource);
        }
        CompletableFuture<OpenApiInteractionValidator> validator = PARSED.computeIfAbsent(classpathResource,
                r -> CompletableFuture.supplyAsync(
                        () -> OpenApiInteractionValidator.createForSpecificationUrl(url.toString())
                                .withLevelResolver(STRICT).build(), OpenApiRequestCheck::background));
        return new OpenApiRequestCheck(classpathResource, validator);
    }

    /** Its own thread: the common pool has a single worker on a two-core machine, and parses would queue. */
    private static void background(Runnable task) {
        Thread thread = new Thread(task, "openapi-parse");
        thread.setDaemon(true);
        thread.start();
    }

    /** The classpath location of the description. */
    public String resource() {
        return resource;
    }

    /**
     * The violations of one request; empty when it matches the description.
     *
     * @param path the path as the description's server URL leaves it (including any base path of that URL)
     */
    public List<String> violations(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach((name, values) -> builder.withQueryParam(name, values));
        headers.forEach((name, values) -> builder.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        quietSecurityValidator();
        ValidationReport report = validator.join().validateRequest(builder.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR || m.getLevel() == ValidationReport.Level.WARN)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    /**
     * The validator logs "Security scheme 'oauth2' not currently supported" at INFO on every request to an
     * OAuth-protected operation (the emulators check tokens themselves). Spring Boot resets logger levels when a
     * context starts, so the level is put back here rather than once.
     */
    private static void quietSecurityValidator() {
        if (LoggerFactory.getLogger(SECURITY_LOGGER) instanceof ch.qos.logback.classic.Logger logger
                && logger.getLevel() != ch.qos.logback.classic.Level.WARN) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
