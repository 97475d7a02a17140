package dev.bridgekeeper.connector.standard;

import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.integration.Integration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a platform whose data API already speaks the standard model, paged as
 * {@code GET {api-base}/{dataType}?page=&pageSize=&modifiedSince=&fromDate=} answering {@code {results,
 * totalResults}}: the sandbox platforms. Its cursor is the page number. The next pages ({@code pagesAhead}) are
 * asked for while the current one is handed over, so the platform and the database work at the same time. 404 on
 * the first page means "this platform has no such data type".
 */
final class StandardReader implements DataTypeReader {

    private final JsonMapper json;
    private final int pagesAhead;

    StandardReader(JsonMapper json, int pagesAhead) {
        this.json = json;
        this.pagesAhead = pagesAhead;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        String base = context.settings().requireUrl(Integration.API_BASE);
        int pageSize = request.pageSize();
        int page = request.cursor() == null ? 1 : Integer.parseInt(request.cursor());
        long fetched = (long) (page - 1) * pageSize;
        PlatformHttp http = context.http();
        Deque<PlatformHttp.Pending> ahead = new ArrayDeque<>();
        ahead.add(http.start(request(base, request, page)));
        try {
            while (true) {
                PageParser.Page parsed = PageParser.parse(json, body(ahead.poll().await(), request.dataType(), page),
                        request.dataType(), request.syncFromField(), request.syncFrom());
                long total = parsed.totalResults();
                int totalPages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
                fetched += parsed.listed();
                // counted by records, not pages: a platform may serve smaller pages than asked for
                boolean last = parsed.listed() == 0 || fetched >= total;
                if (!last) { // keep up to pages-ahead requests in flight while this page is written
                    int upTo = Math.max(page + 1, Math.min(page + pagesAhead, totalPages));
                    for (int next = page + 1 + ahead.size(); next <= upTo; next++) {
                        ahead.add(http.start(request(base, request, next)));
                    }
                }
                sink.accept(parsed.records(), last ? null : String.valueOf(page + 1),
                        (int) Math.min(100, (100L * page) / totalPages));
                if (last) {
                    return;
                }
                page++;
            }
        } finally {
            // a failed page (or a platform whose total shrank): pages asked for ahead are fetched again next run
            ahead.forEach(PlatformHttp.Pending::cancel);
        }
    }

    private static HttpRequest request(String base, ReadRequest request, int page) {
        String url = base + "/" + request.dataType() + "?page=" + page + "&pageSize=" + request.pageSize()
                + param("modifiedSince", request.modifiedSince()) + param("fromDate", request.syncFrom());
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build();
    }

    private static String param(String name, Instant value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    private static byte[] body(PlatformResponse response, String dataType, int page) {
        int status = response.status();
        if (status == 200) {
            return response.body();
        }
        if (status == 404 && page == 1) {
            throw new ReadFailure(ReadFailure.Kind.NOT_SUPPORTED, "The platform does not offer " + dataType + ".");
        }
        if (status == 401 || status == 403) {
            throw new ReadFailure(ReadFailure.Kind.AUTH_ERROR, "The platform refused the access token (" + status
                    + ") for " + dataType + ".");
        }
        throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The platform answered " + status + " for " + dataType
                + " page " + page + ".");
    }
}
