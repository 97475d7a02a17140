package dev.bridgekeeper.platform.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (for example by the servlet container for a malformed
 * URL) with an {@link ErrorMessage} instead of the container's default page.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
public class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ErrorMessage> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // called directly rather than by the container's error dispatch: there is no error to report
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponses.body(HttpStatus.NOT_FOUND,
                    "No such resource: " + request.getRequestURI(), List.of(), false));
        }
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        String message = switch (status) {
            case NOT_FOUND -> "No such resource.";
            case BAD_REQUEST -> "The request could not be understood.";
            case CONTENT_TOO_LARGE -> "The request body is too large.";
            default -> status.is5xxServerError()
                    ? "An unexpected error occurred. Quote the correlation id when contacting support."
                    : status.getReasonPhrase() + ".";
        };
        return ResponseEntity.status(status).body(ErrorResponses.body(status, message, List.of(), status.is5xxServerError()));
    }
}
