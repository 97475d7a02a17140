package dev.bridgekeeper.sandbox.internal;

import java.util.List;
import java.util.Map;

/** Generates one sandbox platform's data types; record {@code i} is a pure function of (organisation, type, i). */
interface RecordGenerator {

    /** The data types the platform serves, in the order a full listing walks them. */
    List<String> dataTypes();

    int count(String dataType);

    /** The id prefix of the data type: record {@code i} has id {@code prefix-i}. */
    String prefix(String dataType);

    /** Puts record {@code index}'s fields (all but id and the dates) into {@code record}. */
    void fill(Map<String, Object> record, String dataType, int index);
}
