package dev.bridgekeeper.connector;

import java.util.List;

/** Where a reader hands its pages. */
public interface PageSink {

    /**
     * One page of records, with the cursor of the page after it (null: this was the last) and how far the read has
     * got, 0 to 100, as far as the reader can tell.
     */
    void accept(List<ConnectorRecord> records, String nextCursor, int percentRead);
}
