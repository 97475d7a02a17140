package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.error.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox platforms' data API: paged listings of each data type the platform serves, and the record by id.
 * Read-only, as a platform's API is to Bridgekeeper (tests change the data through their own seam into
 * {@link SandboxDataStore}). Reached only with an access token of the same platform
 * ({@link SandboxSecurityConfiguration}); the token's user picks the organisation and its faults.
 */
@RestController
@Hidden
@SandboxEnabled
@EnableConfigurationProperties(SandboxDataProperties.class)
class SandboxDataController {

    private static final Logger log = LoggerFactory.getLogger(SandboxDataController.class);
    static final int MAX_PAGE_SIZE = 5000;
    private static final String BASE = "/sandbox/{platform:accounting|banking|commerce}/api/data/{dataType}";

    private final SandboxDataProperties properties;
    private final SandboxDataStore store;
    private final JsonMapper json;
    /** Listings whose first page was already refused once, for the rate-limited user. */
    private final Map<String, Boolean> throttled = new ConcurrentHashMap<>();

    SandboxDataController(SandboxDataProperties properties, SandboxDataStore store, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.store = store;
    }

    @GetMapping(BASE)
    ResponseEntity<?> list(@PathVariable("platform") String slug, @PathVariable("dataType") String dataType,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "pageSize", defaultValue = "100") int pageSize,
            @RequestParam(name = "modifiedSince", required = false) String modifiedSince, Authentication caller,
            HttpServletResponse response) throws IOException {
        Org org = org(slug, dataType, caller);
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("page", "page must be 1 or more and pageSize 1 to " + MAX_PAGE_SIZE + ".");
        }
        Instant since = null;
        if (modifiedSince != null && !modifiedSince.isBlank()) {
            try {
                since = Instant.parse(modifiedSince);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("modifiedSince", "modifiedSince must be an ISO-8601 instant.");
            }
        }
        ResponseEntity<?> fault = fault(org, dataType, page);
        if (fault != null) {
            return fault;
        }
        SandboxDataStore.Page found = store.list(org.records(), org.key(), dataType, page, pageSize, since);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try {
            SandboxPageWriter.write(json, response.getOutputStream(), found.results(), page, pageSize,
                    found.totalResults());
        } catch (JacksonIOException clientGone) {
            // the reader went away mid-page (a page asked for ahead and cancelled): nobody is left to answer
            log.debug("Sandbox page {} of {} not delivered: {}", page, dataType, clientGone.getMessage());
        }
        return null; // written above; the response argument tells Spring the request is handled
    }

    @GetMapping(BASE + "/{id}")
    Map<String, Object> get(@PathVariable("platform") String slug, @PathVariable("dataType") String dataType,
            @PathVariable("id") String id, Authentication caller) {
        Org org = org(slug, dataType, caller);
        return store.get(org.records(), org.key(), dataType, id)
                .orElseThrow(() -> ApiException.notFound("No " + dataType + " record " + id + "."));
    }

    private record Org(SandboxUser user, SandboxRecords records, String key) {}

    private Org org(String slug, String dataType, Authentication caller) {
        SandboxPlatform platform = SandboxPlatform.bySlug(slug)
                .orElseThrow(() -> ApiException.notFound("No such sandbox platform."));
        SandboxUser user = SandboxUser.byUsername(caller.getName())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "The access token has no sandbox user."));
        SandboxRecords records = new SandboxRecords(platform, user, properties.volumeFor(user.username()));
        if (!records.serves(dataType)) {
            throw ApiException.notFound(platform.displayName() + " has no data type " + dataType + "; it serves "
                    + String.join(", ", SandboxRecords.dataTypes(platform)) + ".");
        }
        return new Org(user, records, SandboxDataStore.key(platform, user));
    }

    /** The user's fault, if it has one for this request. */
    private ResponseEntity<?> fault(Org org, String dataType, int page) {
        switch (org.user()) {
            case FLAKY -> {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(Map.of("error", "Sandbox data API unavailable (user_flaky)."));
            }
            case RATE_LIMITED -> {
                if (page == 1) {
                    String listing = org.key() + "|" + dataType;
                    // alternate: refuse the first page-1 request of a listing, serve the retry
                    if (throttled.remove(listing) == null) {
                        throttled.put(listing, true);
                        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1")
                                .body(Map.of("error", "Too many requests (user_ratelimited)."));
                    }
                }
            }
            case SLOW -> LockSupport.parkNanos(properties.slowPageDelay().toNanos());
            default -> { }
        }
        return null;
    }
}
