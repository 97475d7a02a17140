package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.integration.Integration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Reads one data type from one platform, page by page, mapped to the standard model. */
interface PlatformReader {

    boolean supports(Integration integration);

    /**
     * Pages through the data type, handing each page to {@code pages}. {@code modifiedSince} null reads
     * everything. {@code accessToken} is asked before every request, so an expiring token is refreshed in time.
     *
     * @throws ReadFailure when the platform cannot be read
     */
    void read(Integration integration, String dataType, Instant modifiedSince, Supplier<String> accessToken,
            PageSink pages);

    interface PageSink {
        void accept(List<StagedRecord> records, int pageNumber, int totalPages);
    }
}
