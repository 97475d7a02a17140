package dev.bridgekeeper.connector;

import java.time.Instant;

/**
 * One read of one data type.
 *
 * @param modifiedSince null reads everything, otherwise only changes after it
 * @param syncFrom      null reads all history, otherwise only records dated on or after it (sync settings)
 * @param syncFromField the standard-model field that dates a record of this data type (e.g. {@code issueDate});
 *                      null when the data type has none
 * @param cursor        where to go on: null to start, otherwise a cursor this reader handed to the sink
 * @param pageSize      records per page, the same for every run of one read (cursors may depend on it)
 */
public record ReadRequest(String dataType, Instant modifiedSince, Instant syncFrom, String syncFromField,
        String cursor, int pageSize) {}
