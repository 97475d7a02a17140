package dev.bridgekeeper.platform.error;

import dev.bridgekeeper.platform.web.CorrelationId;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on a failed request, in place of its HTML error page: an {@link ErrorMessage} with a
 * correlation id (the caller's acceptable X-Correlation-Id or a new one, also sent as that header). It speaks only
 * when nothing else has written the answer, which means the request was refused before any filter or controller ran
 * (a URL Tomcat cannot decode: an encoded slash, backslash or NUL, invalid UTF-8) or the error page itself failed.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);

    private final ErrorResponses errors;

    public JsonErrorReportValve(ErrorResponses errors) {
        this.errors = errors;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(code);
        // a filter may already have given this request its id (its header survives sendError); else it gets one now
        String earlier = response.getHeader(CorrelationId.HEADER);
        String id = earlier != null ? earlier : CorrelationId.forRequest(request.getHeader(CorrelationId.HEADER));
        String message = ContainerErrors.message(status, response.getMessage(), throwable);
        logRefusal(request, status, id, throwable);
        try {
            response.setStatus(status.value());
            response.setHeader(CorrelationId.HEADER, id);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(errors.json(ErrorResponses.body(status, message, List.of(), status.is5xxServerError(), id)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer was committed meanwhile: nothing more can be said
        }
    }

    private static void logRefusal(Request request, HttpStatus status, String id, Throwable throwable) {
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            if (status.is5xxServerError()) {
                log.error("Answered {} to {} before the application could", status.value(), request.getMethod(), throwable);
            } else {
                log.debug("Refused a request with {} before it reached the application: {}", status.value(),
                        request.getMethod());
            }
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
