package dev.bridgekeeper.platform.error;

import dev.bridgekeeper.platform.query.QueryFieldException;
import dev.bridgekeeper.platform.query.QuerySyntaxException;
import dev.bridgekeeper.platform.web.RequestBodyLimitFilter;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into Codat's {@link ErrorMessage}. Bad input answers with the field it came
 * from; anything unexpected is logged with its stack trace and answered with a plain 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static final String UNREADABLE_PARAMETERS = "The request's parameters could not be read: there are too many, or"
            + " they are not encoded as UTF-8 with percent-encoding (%XX).";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorMessage> api(ApiException e) {
        if (e.status().is5xxServerError()) {
            log.warn("Answered {}: {}", e.status().value(), e.getMessage());
        }
        return answer(e.status(), e.getMessage(), e.fieldErrors(), e.retryable());
    }

    @ExceptionHandler(QuerySyntaxException.class)
    ResponseEntity<ErrorMessage> querySyntax(QuerySyntaxException e) {
        return badRequest("query", "Invalid query: " + e.getMessage());
    }

    @ExceptionHandler(QueryFieldException.class)
    ResponseEntity<ErrorMessage> queryField(QueryFieldException e) {
        return badRequest("query", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorMessage> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
            return answer(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of(), false);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return badRequest(field, "Unknown field \"" + field + "\" in the request body.");
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            JacksonException jackson = (JacksonException) cause;
            String field = path(jackson);
            if (cause instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                    && text.indexOf('\0') >= 0) {
                String where = field.isEmpty() ? "The request body" : "Field \"" + field + "\"";
                return badRequest(field.isEmpty() ? "body" : field,
                        where + " contains the NUL character (\\u0000), which is not allowed.");
            }
            if (field.isEmpty()) {
                return badRequest("body", "The request body must be a JSON object.");
            }
            return badRequest(field, "Field \"" + field + "\" has the wrong type: " + expected(jackson) + ".");
        }
        if (cause instanceof StreamReadException read) {
            String where = read.getLocation() == null ? ""
                    : " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
            return badRequest("body", "The request body is not valid JSON" + where + ".");
        }
        return badRequest("body", "The request body is missing or is not valid JSON.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorMessage> typeMismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(e.getName(), "\"" + e.getName() + "\" must be " + kind(e.getRequiredType()) + ".");
    }

    /** A typed path id that converted to nothing (e.g. a UUID that is only spaces): the caller's mistake. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ErrorMessage> missingPathVariable(MissingPathVariableException e) {
        if (!e.isMissingAfterConversion()) {
            return unexpected(e);
        }
        String name = e.getVariableName();
        return badRequest(name, "\"" + name + "\" must be " + kind(e.getParameter().getParameterType()) + ".");
    }

    /**
     * Tomcat could not read the parameters: too many of them, or a form body it cannot decode (a query string it
     * cannot decode is refused earlier, naming the parameter, by QueryStringFilter).
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorMessage> unreadableParameters(InvalidParameterException e) {
        return badRequest("parameters", UNREADABLE_PARAMETERS);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorMessage> missingParameter(MissingServletRequestParameterException e) {
        String name = e.getParameterName();
        if (e.isMissingAfterConversion()) {
            return badRequest(name, "\"" + name + "\" must be " + kind(e.getMethodParameter().getParameterType()) + ".");
        }
        return badRequest(name, "Query parameter \"" + name + "\" is required.");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ErrorMessage> missingHeader(MissingRequestHeaderException e) {
        return badRequest(e.getHeaderName(), "Header \"" + e.getHeaderName() + "\" is required.");
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorMessage> methodValidation(HandlerMethodValidationException e) {
        List<ErrorMessage.ValidationItem> items = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ErrorMessage.ValidationItem(
                        r.getMethodParameter().getParameterName(),
                        "\"" + r.getMethodParameter().getParameterName() + "\" " + err.getDefaultMessage() + ".",
                        "InputValidation")))
                .toList();
        String message = items.stream().map(ErrorMessage.ValidationItem::message).collect(Collectors.joining(" "));
        return answer(HttpStatus.BAD_REQUEST, message, items, false);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorMessage> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ErrorMessage> answer = answer(HttpStatus.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here.", List.of(), false);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorMessage> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + e.getContentType() + " is not supported; send application/json.", List.of(), false);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorMessage> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(HttpStatus.NOT_ACCEPTABLE, "This resource is only available as application/json.", List.of(),
                false);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorMessage> noResource(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "No such resource: /" + e.getResourcePath(), List.of(), false);
    }

    /** A multipart body that passes its size limit while being read, or that is not multipart at all. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ErrorMessage> multipart(org.springframework.web.multipart.MultipartException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                return answer(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of(), false);
            }
        }
        return badRequest("body", "The request body is not valid multipart/form-data.");
    }

    @ExceptionHandler(org.springframework.web.multipart.support.MissingServletRequestPartException.class)
    ResponseEntity<ErrorMessage> missingPart(
            org.springframework.web.multipart.support.MissingServletRequestPartException e) {
        return badRequest(e.getRequestPartName(), "The multipart/form-data part \"" + e.getRequestPartName()
                + "\" is required.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorMessage> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, ContainerErrors.UNEXPECTED, List.of(), true);
    }

    private static String kind(Class<?> type) {
        return type == null ? "a valid value" : switch (type.getSimpleName()) {
            case "UUID" -> "a UUID such as 8a210b68-6988-11ed-a1eb-0242ac120002";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            default -> "a valid " + type.getSimpleName();
        };
    }

    private static ResponseEntity<ErrorMessage> badRequest(String field, String message) {
        return answer(HttpStatus.BAD_REQUEST, message,
                List.of(new ErrorMessage.ValidationItem(field, message, "InputValidation")), false);
    }

    private static ResponseEntity<ErrorMessage> answer(HttpStatus status, String message,
            List<ErrorMessage.ValidationItem> items, boolean retryable) {
        // a preset content type skips content negotiation: errors are JSON whatever Accept asked for
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(status, message, items, retryable));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(JacksonException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "unexpected value";
        }
        if (target == String.class) {
            return "expected a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "expected true or false";
        }
        if (Number.class.isAssignableFrom(target) || target == int.class || target == long.class) {
            return "expected a number";
        }
        if (target.isEnum()) {
            return "expected one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "expected an array";
        }
        if (java.util.Map.class.isAssignableFrom(target)) {
            return "expected an object";
        }
        return "expected " + target.getSimpleName();
    }
}
