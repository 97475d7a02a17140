package dev.bridgekeeper.connector;

import java.util.List;

/**
 * One data type read from several parts one after the other (a platform's lists or entities), each part read as a
 * reader of it alone would read it, so it sends the very requests that reader sends (and shares their answers). The
 * cursor is {@code <part>/<that part's cursor>}, and {@code <part>/} to begin a part; a cursor without a part is the
 * first part's, as a reader of that part alone wrote it. Progress runs over the parts in turn. A full read covers
 * every part in one read, so a record none of them lists any more is marked deleted as usual.
 */
public final class ReadsInTurn {

    /** One part: its name in the cursor (no {@code /} in it) and its read. */
    public record Part(String name, DataTypeReader reader) {

        public Part {
            if (name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("A part's name is not empty and has no '/': " + name);
            }
        }
    }

    private ReadsInTurn() {}

    /**
     * Reads {@code parts} in turn from where {@code request.cursor()} points.
     *
     * @param platform the platform's name, for the message of a cursor naming no part
     */
    public static void read(String platform, List<Part> parts, ReadContext context, ReadRequest request,
            PageSink sink) {
        int first = 0;
        String inner = request.cursor();
        int slash = inner == null ? -1 : inner.indexOf('/');
        if (slash >= 0) {
            first = index(platform, parts, inner.substring(0, slash));
            inner = slash + 1 < inner.length() ? inner.substring(slash + 1) : null;
        }
        int count = parts.size();
        for (int i = first; i < count; i++) {
            int at = i;
            ReadRequest part = new ReadRequest(request.dataType(), request.modifiedSince(), request.syncFrom(),
                    request.syncFromField(), inner, request.pageSize());
            parts.get(i).reader().read(context, part, (records, next, percent) -> sink.accept(records,
                    next != null ? parts.get(at).name() + "/" + next
                            : at + 1 < count ? parts.get(at + 1).name() + "/" : null,
                    (at * 100 + percent) / count));
            inner = null;
        }
    }

    private static int index(String platform, List<Part> parts, String name) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Unknown " + platform + " read position " + name
                + "/….");
    }
}
