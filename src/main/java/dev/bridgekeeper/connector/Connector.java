package dev.bridgekeeper.connector;

import java.util.Optional;

/**
 * One platform's connector: how a customer authorises it, how each data type is read and mapped to the standard
 * model, and the vendor's documented limits. Implementations are Spring beans in their own sub-package; the catalog
 * entry names the connector by {@link #id()} ({@code connector: xero}). At start-up every catalog entry must name a
 * known connector that has a reader for each of the entry's data types.
 */
public interface Connector {

    /** The id catalog entries name, e.g. {@code xero}, {@code standard-model}. */
    String id();

    AuthorizationAdapter authorization();

    /** The reader of one data type; empty when this connector cannot read it. */
    Optional<DataTypeReader> reader(String dataType);

    /** Whether a data type can be read as changes since a moment, and for how long after the last read. */
    default IncrementalSupport incremental(String dataType) {
        return IncrementalSupport.modifiedSince();
    }

    /** The vendor's documented limits, as values (overridable under bridgekeeper.integrations.<key>.rate-limits). */
    RatePolicy ratePolicy();
}
