package dev.bridgekeeper.platform.error;

import dev.bridgekeeper.platform.web.CorrelationId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds {@link ErrorMessage} bodies, and writes them where no controller advice reaches (filters, Tomcat). */
@Component
public class ErrorResponses {

    private final JsonMapper json;

    public ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    /** The body for the current request (its correlation id comes from the logging context). */
    public static ErrorMessage body(HttpStatus status, String message, List<ErrorMessage.ValidationItem> items,
            boolean retryable) {
        return body(status, message, items, retryable, CorrelationId.current());
    }

    public static ErrorMessage body(HttpStatus status, String message, List<ErrorMessage.ValidationItem> items,
            boolean retryable, String correlationId) {
        ErrorMessage.Validation validation = items.isEmpty() ? null : new ErrorMessage.Validation(items, List.of());
        return new ErrorMessage(status.value(), ErrorMessage.SERVICE, message, correlationId, validation,
                retryable ? "Yes" : "No", 0);
    }

    /** A 400 whose validation names {@code field}. */
    public static ErrorMessage badRequest(String field, String message) {
        return body(HttpStatus.BAD_REQUEST, message,
                List.of(new ErrorMessage.ValidationItem(field, message, "InputValidation")), false);
    }

    public String json(ErrorMessage body) {
        return json.writeValueAsString(body);
    }

    public void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        write(response, body(status, message, List.of(), false));
    }

    public void write(HttpServletResponse response, ErrorMessage body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(body.statusCode());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
