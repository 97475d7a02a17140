package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.DataTypeReader;
import java.util.List;

/**
 * A data type's reader whose incremental reads ask change data capture about QuickBooks entities. The connector
 * collects what each names, so one sync's change calls can ask for all of them at once (see
 * {@link QuickBooksApi#changes}).
 */
interface QboChangeReader extends DataTypeReader {

    /** The entities this data type's incremental read asks change data capture about. */
    List<String> changedEntities();
}
