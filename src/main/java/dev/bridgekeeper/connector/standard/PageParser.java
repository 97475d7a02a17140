package dev.bridgekeeper.connector.standard;

import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.platform.IsoInstants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a page {@code {"results": [...], "totalResults": n}} in one streaming pass, without building a tree: each
 * record is kept as the exact bytes the platform sent (sliced out of the body, not re-serialised), and only the
 * top-level fields the sync needs are looked at (id, the two modified dates, metadata.isDeleted, the record's
 * date for the sync settings). Why: building and re-writing a tree per record was most of the reader's CPU.
 */
final class PageParser {

    /** A parsed page: the records as staged, those left out by the sync-from date, and the platform's total. */
    record Page(List<ConnectorRecord> records, int listed, long totalResults, boolean hasResults) {}

    private PageParser() {}

    /** @param dateField the field that dates a record, to leave out those before {@code syncFrom}; may be null */
    static Page parse(JsonMapper json, byte[] body, String dataType, String dateField, Instant syncFrom) {
        dateField = syncFrom == null ? null : dateField;
        List<ConnectorRecord> records = new ArrayList<>();
        int listed = 0;
        long total = -1;
        boolean hasResults = false;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAPage(dataType);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("results".equals(name) && value == JsonToken.START_ARRAY) {
                    hasResults = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        listed++;
                        ConnectorRecord record = record(parser, body, dataType, dateField, syncFrom);
                        if (record != null) {
                            records.add(record);
                        }
                    }
                } else if ("totalResults".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    total = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (!hasResults) {
            throw notAPage(dataType);
        }
        return new Page(records, listed, total < 0 ? listed : total, true);
    }

    /** One record, the parser on its START_OBJECT; null when it is older than {@code syncFrom}. */
    private static ConnectorRecord record(JsonParser parser, byte[] body, String dataType, String dateField,
            Instant syncFrom) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        String id = null;
        String modified = null;
        String sourceModified = null;
        String date = null;
        boolean deleted = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && "id".equals(name)) {
                id = parser.getString();
            } else if (value == JsonToken.VALUE_STRING) {
                switch (name) {
                    case "id" -> id = parser.getString();
                    case "modifiedDate" -> modified = parser.getString();
                    case "sourceModifiedDate" -> sourceModified = parser.getString();
                    default -> {
                        if (name.equals(dateField)) {
                            date = parser.getString();
                        }
                    }
                }
            } else if ("metadata".equals(name) && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = parser.currentName();
                    JsonToken flag = parser.nextToken();
                    if ("isDeleted".equals(field)) {
                        deleted = flag == JsonToken.VALUE_TRUE;
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        int end = (int) parser.currentTokenLocation().getByteOffset() + 1; // the closing brace
        if (id == null || id.isBlank()) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "A " + dataType + " record has no id.");
        }
        if (date != null && syncFrom != null) {
            Instant dated = IsoInstants.parseLenient(date);
            if (dated != null && dated.isBefore(syncFrom)) {
                return null; // older than the sync settings allow, from a platform that ignored fromDate
            }
        }
        return new ConnectorRecord(id, Arrays.copyOfRange(body, start, end), IsoInstants.parseLenient(modified),
                IsoInstants.parseLenient(sourceModified), deleted);
    }

    private static ReadFailure notAPage(String dataType) {
        return new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The platform answered a page of " + dataType
                + " without a results list.");
    }
}
