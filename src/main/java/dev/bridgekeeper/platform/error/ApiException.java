package dev.bridgekeeper.platform.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An answer the API gives on purpose: a status, a sentence for the caller and, for bad input,
 * which fields were wrong. Thrown anywhere; rendered once by {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ErrorMessage.ValidationItem> fieldErrors;
    private final boolean retryable;

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of(), false);
    }

    public ApiException(HttpStatus status, String message, List<ErrorMessage.ValidationItem> fieldErrors,
            boolean retryable) {
        super(message, null, false, false);
        this.status = status;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryable = retryable;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message,
                List.of(new ErrorMessage.ValidationItem(field, message, "InputValidation")), false);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ErrorMessage.ValidationItem> fieldErrors() {
        return fieldErrors;
    }

    public boolean retryable() {
        return retryable;
    }
}
