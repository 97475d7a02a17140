package dev.bridgekeeper.connector;

/** Reads one data type from a platform, page by page, mapped to the standard model. */
public interface DataTypeReader {

    /**
     * Pages from {@code request.cursor()} (null: from the start), handing each page to {@code sink} with the cursor
     * of the next one (null after the last). Never sleeps for long: when the platform asks for a wait this throws
     * {@link RetryLater}, and the read is run again later from the cursor of the first page not handed over.
     *
     * @throws ReadFailure when the platform cannot be read
     * @throws RetryLater  when the platform asked for a wait (429), failed (5xx) or could not be reached
     */
    void read(ReadContext context, ReadRequest request, PageSink sink);
}
