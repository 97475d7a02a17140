package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.integration.Integration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Reads one data type from one platform, page by page, mapped to the standard model. */
interface PlatformReader {

    boolean supports(Integration integration);

    /**
     * Pages through the data type from {@code request.firstPage()}, handing each page to {@code pages}.
     * {@code accessToken} is asked before every request, so an expiring token is refreshed in time. A reader never
     * sleeps: when the platform asks it to wait it throws {@link RetryLater}, and the job runs again later from
     * the first page not yet handed over.
     *
     * @throws ReadFailure when the platform cannot be read
     * @throws RetryLater when the platform answered 429, 5xx or could not be reached
     */
    void read(Integration integration, ReadRequest request, Supplier<String> accessToken, PageSink pages);

    /**
     * @param modifiedSince null reads everything, otherwise only changes after it
     * @param syncFrom null reads all history, otherwise only records dated on or after it (sync settings)
     * @param firstPage 1, or the page after the last one already staged
     * @param pageSize records per page, the same for every run of one pull (page numbers depend on it)
     */
    record ReadRequest(String dataType, Instant modifiedSince, Instant syncFrom, int firstPage, int pageSize) {}

    interface PageSink {
        void accept(List<StagedRecord> records, int pageNumber, int totalPages);
    }
}
