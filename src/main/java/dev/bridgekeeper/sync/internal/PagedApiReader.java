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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader for platforms whose data API already speaks the standard model, paged as
 * {@code GET {dataApiUrl}/{dataType}?page=&pageSize=&modifiedSince=&fromDate=} answering
 * {@code {results, totalResults}}: the sandbox platforms. The next pages ({@code pages-ahead}) are requested while
 * the current one is written, so the platform and the database work at the same time. A 429, a 5xx or an unreachable
 * platform ends the read with {@link RetryLater} (the job waits in the queue, not on a thread); 404 on the first
 * page means "this platform has no such data type".
 */
@Component
class PagedApiReader implements PlatformReader {

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
    public void read(Integration integration, ReadRequest request, Supplier<String> accessToken, PageSink pages) {
        int pageSize = request.pageSize();
        int page = request.firstPage();
        long fetched = (long) (page - 1) * pageSize;
        Deque<CompletableFuture<HttpResponse<byte[]>>> ahead = new ArrayDeque<>();
        ahead.add(send(integration, request, page, accessToken));
        try {
            while (true) {
                PageParser.Page parsed = PageParser.parse(json, body(ahead.poll(), request.dataType(), page),
                        request.dataType(), request.syncFrom());
                long total = parsed.totalResults();
                int totalPages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
                fetched += parsed.listed();
                // counted by records, not pages: a platform may serve smaller pages than asked for
                boolean last = parsed.listed() == 0 || fetched >= total;
                if (!last) { // keep up to pages-ahead requests in flight while this page is written
                    int upTo = Math.max(page + 1, Math.min(page + properties.pagesAhead(), totalPages));
                    for (int next = page + 1 + ahead.size(); next <= upTo; next++) {
                        ahead.add(send(integration, request, next, accessToken));
                    }
                }
                pages.accept(parsed.records(), page, totalPages);
                if (last) {
                    return;
                }
                page++;
            }
        } finally {
            // a failed page (or a platform whose total shrank): pages asked for ahead are fetched again next run
            ahead.forEach(pending -> pending.cancel(true));
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> send(Integration integration, ReadRequest request, int page,
            Supplier<String> accessToken) {
        String url = integration.dataApiUrl() + "/" + request.dataType() + "?page=" + page + "&pageSize="
                + request.pageSize() + param("modifiedSince", request.modifiedSince())
                + param("fromDate", request.syncFrom());
        HttpRequest http = HttpRequest.newBuilder(URI.create(url)).timeout(properties.httpTimeout())
                .header("Authorization", "Bearer " + accessToken.get())
                .header("Accept", "application/json").GET().build();
        return this.http.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String param(String name, Instant value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    private byte[] body(CompletableFuture<HttpResponse<byte[]>> pending, String dataType, int page) {
        HttpResponse<byte[]> response;
        try {
            response = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure(PullOperationStatus.Cancelled, "The sync was interrupted.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException io ? io : e;
            throw new RetryLater(RetryLater.Reason.SERVER_ERROR, null, "The platform could not be reached for "
                    + dataType + " page " + page + ": " + cause.getMessage());
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        if (status == 429) {
            return throwRetry(new RetryLater(RetryLater.Reason.RATE_LIMITED, retryAfter(response), "The platform"
                    + " answered 429 Too Many Requests for " + dataType + " page " + page + "."));
        }
        if (status >= 500) {
            return throwRetry(new RetryLater(RetryLater.Reason.SERVER_ERROR, null, "The platform answered "
                    + status + " for " + dataType + " page " + page + "."));
        }
        if (status == 404 && page == 1) {
            throw new ReadFailure(PullOperationStatus.NotSupported, "The platform does not offer " + dataType + ".");
        }
        if (status == 401 || status == 403) {
            throw new ReadFailure(PullOperationStatus.AuthError, "The platform refused the access token ("
                    + status + ") for " + dataType + ".");
        }
        throw new ReadFailure(PullOperationStatus.FetchError, "The platform answered " + status + " for "
                + dataType + " page " + page + ".");
    }

    private static byte[] throwRetry(RetryLater retry) {
        throw retry;
    }

    /** Retry-After as seconds or as an HTTP date; missing or unreadable means one second. */
    private static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return Duration.ofSeconds(1);
            }
        }
    }
}
