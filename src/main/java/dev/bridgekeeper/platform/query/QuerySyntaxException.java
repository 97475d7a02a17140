package dev.bridgekeeper.platform.query;

/**
 * A {@code query} or {@code orderBy} value that is not well formed. The message says what was expected and,
 * when the problem has a place, ends with "at position N" so a caller can find it in what they sent.
 */
public class QuerySyntaxException extends RuntimeException {

    private final int position;

    /**
     * @param problem what was wrong, phrased so " at position N" can follow it
     * @param position 0-based index into the input, or -1 when the problem is not tied to a place
     */
    public QuerySyntaxException(String problem, int position) {
        super(position < 0 ? problem : problem + " at position " + position);
        this.position = position;
    }

    /** 0-based index into the input where the problem was found, or -1 for a missing or blank input. */
    public int position() {
        return position;
    }
}
