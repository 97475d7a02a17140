package dev.bridgekeeper.platform.error;

import org.springframework.http.HttpStatus;

/**
 * The sentence for an error the servlet container raised, where no handler said anything more precise. Tomcat's
 * own reason is used only to recognise the case; its text, which can quote the request, is never passed on.
 */
final class ContainerErrors {

    static final String UNEXPECTED = "An unexpected error occurred. Quote the correlation id when contacting support.";

    private ContainerErrors() {}

    static String message(HttpStatus status, String containerMessage, Throwable cause) {
        if (status == HttpStatus.BAD_REQUEST) {
            return badRequest(containerMessage, cause);
        }
        return switch (status) {
            case NOT_FOUND -> "No such resource.";
            case CONTENT_TOO_LARGE -> "The request body is too large.";
            default -> status.is5xxServerError() ? UNEXPECTED : status.getReasonPhrase() + ".";
        };
    }

    private static String badRequest(String containerMessage, Throwable cause) {
        if (containerMessage != null && containerMessage.startsWith("Invalid URI")) {
            return "The request URL is not valid: an encoded slash (%2F), backslash (%5C) or NUL (%00), or"
                    + " percent-encoding that is not UTF-8, is not allowed in a path.";
        }
        String parseError = cause instanceof IllegalArgumentException e && e.getMessage() != null ? e.getMessage() : "";
        if (parseError.contains("header is too large")) {
            return "The request's URL and headers are too large.";
        }
        if (parseError.contains("request target")) {
            return "The request URL contains a character that must be percent-encoded (RFC 3986).";
        }
        if (parseError.contains("method name")) {
            return "The request method is not a valid HTTP method name.";
        }
        if (containerMessage == null && cause == null) {
            // Tomcat refuses a path whose percent-encoding is not UTF-8 without giving a reason
            return "The request could not be understood: check that its URL is percent-encoded UTF-8.";
        }
        return "The request could not be understood.";
    }
}
