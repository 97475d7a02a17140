package dev.bridgekeeper.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The id that ties one request's answer, response header and log lines together. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";

    /** A caller-supplied id is kept only when it is short and plain, so it cannot carry markup or log noise. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private CorrelationId() {}

    /** The current request's id, or an empty string outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "" : id;
    }

    /** The id a request gets: the one its caller sent in {@link #HEADER} when that is acceptable, else a new one. */
    public static String forRequest(String supplied) {
        return supplied != null && ACCEPTABLE.matcher(supplied).matches() ? supplied : UUID.randomUUID().toString();
    }
}
