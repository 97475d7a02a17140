package dev.bridgekeeper.platform.web;

import org.slf4j.MDC;

/** The id that ties one request's answer, response header and log lines together. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";

    private CorrelationId() {}

    /** The current request's id, or an empty string outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "" : id;
    }
}
