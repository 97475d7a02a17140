package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader for platforms whose data API already speaks the standard model, paged as
 * {@code GET {dataApiUrl}/{dataType}?page=&pageSize=&modifiedSince=} answering {@code {results, totalResults}}:
 * the sandbox platforms. Honours Retry-After on 429 (up to a bound), retries 5xx and network errors with
 * doubling backoff, and treats 404 on the first page as "this platform has no such data type".
 */
@Component
class PagedApiReader implements PlatformReader {

    private static final Logger log = LoggerFactory.getLogger(PagedApiReader.class);

    private final SyncProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    PagedApiReader(SyncProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean supports(Integration integration) {
        return integration.dataApiUrl() != null;
    }

    @Override
    public void read(Integration integration, String dataType, Instant modifiedSince, Supplier<String> accessToken,
            PageSink pages) {
        int pageSize = properties.pageSize();
        int page = 1;
        long fetched = 0;
        while (true) {
            String url = integration.dataApiUrl() + "/" + dataType + "?page=" + page + "&pageSize=" + pageSize
                    + (modifiedSince == null ? "" : "&modifiedSince="
                            + URLEncoder.encode(modifiedSince.toString(), StandardCharsets.UTF_8));
            JsonNode body = fetch(URI.create(url), accessToken, dataType, page);
            JsonNode results = body.path("results");
            if (!results.isArray()) {
                throw new ReadFailure(PullOperationStatus.FetchError, integration.name() + " answered page " + page
                        + " of " + dataType + " without a results list.");
            }
            long total = body.path("totalResults").asLong(results.size());
            int totalPages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
            pages.accept(map(results, dataType), page, totalPages);
            fetched += results.size();
            // counted by records, not pages: a platform may serve smaller pages than asked for
            if (results.isEmpty() || fetched >= total) {
                return;
            }
            page++;
        }
    }

    private JsonNode fetch(URI uri, Supplier<String> accessToken, String dataType, int page) {
        int serverErrors = 0;
        int rateLimits = 0;
        Duration backoff = properties.serverErrorBackoff();
        while (true) {
            HttpResponse<String> response;
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.httpTimeout())
                        .header("Authorization", "Bearer " + accessToken.get())
                        .header("Accept", "application/json").GET().build();
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                response = null;
                if (++serverErrors >= properties.serverErrorAttempts()) {
                    throw new ReadFailure(PullOperationStatus.FetchError, "The platform could not be reached for "
                            + dataType + " after " + serverErrors + " attempts: " + e.getMessage());
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadFailure(PullOperationStatus.Cancelled, "The sync was interrupted.");
            }
            int status = response.statusCode();
            if (status == 200) {
                return json.readTree(response.body());
            }
            if (status == 429) {
                Duration wait = retryAfter(response);
                if (++rateLimits >= properties.rateLimitAttempts() || wait.compareTo(properties.maxRetryAfter()) > 0) {
                    throw new ReadFailure(PullOperationStatus.RateLimitError, "The platform kept answering 429 Too"
                            + " Many Requests for " + dataType + " (asked to wait " + wait.toSeconds() + " s).");
                }
                log.info("Rate limited reading {} page {}; waiting {} as the platform asked", dataType, page, wait);
                pause(wait);
                continue;
            }
            if (status >= 500) {
                if (++serverErrors >= properties.serverErrorAttempts()) {
                    throw new ReadFailure(PullOperationStatus.FetchError, "The platform answered " + status
                            + " for " + dataType + " page " + page + " " + serverErrors + " times in a row.");
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            if (status == 404 && page == 1) {
                throw new ReadFailure(PullOperationStatus.NotSupported, "The platform does not offer " + dataType
                        + ".");
            }
            if (status == 401 || status == 403) {
                throw new ReadFailure(PullOperationStatus.AuthError, "The platform refused the access token ("
                        + status + ") for " + dataType + ".");
            }
            throw new ReadFailure(PullOperationStatus.FetchError, "The platform answered " + status + " for "
                    + dataType + " page " + page + ".");
        }
    }

    private List<StagedRecord> map(JsonNode results, String dataType) {
        List<StagedRecord> records = new ArrayList<>(results.size());
        for (JsonNode record : results) {
            String id = record.path("id").asString(null);
            if (id == null || id.isBlank()) {
                throw new ReadFailure(PullOperationStatus.FetchError, "A " + dataType + " record has no id.");
            }
            records.add(new StagedRecord(id, record.toString(), date(record.path("modifiedDate")),
                    date(record.path("sourceModifiedDate")), record.path("metadata").path("isDeleted").asBoolean(false)));
        }
        return records;
    }

    private static Instant date(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Retry-After in seconds (the sandbox's form); an HTTP date or nothing means one second. */
    private static Duration retryAfter(HttpResponse<String> response) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(
                    response.headers().firstValue("Retry-After").orElse("1").trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure(PullOperationStatus.Cancelled, "The sync was interrupted.");
        }
    }
}
