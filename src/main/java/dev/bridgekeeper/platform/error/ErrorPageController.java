package dev.bridgekeeper.platform.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
            return answer(ErrorResponses.body(HttpStatus.NOT_FOUND, "No such resource: " + request.getRequestURI(),
                    List.of(), false));
        }
        if (causedBy(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), InvalidParameterException.class)) {
            // parameters Tomcat could not read, asked for by a filter before any controller
            return answer(ErrorResponses.badRequest("parameters", ApiExceptionHandler.UNREADABLE_PARAMETERS));
        }
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        String message = ContainerErrors.message(status,
                request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String text ? text : null,
                request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null);
        return answer(ErrorResponses.body(status, message, List.of(), status.is5xxServerError()));
    }

    private static boolean causedBy(Object error, Class<? extends Throwable> type) {
        for (Throwable t = error instanceof Throwable e ? e : null; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Always JSON, whatever the request's Accept header asked for. */
    private static ResponseEntity<ErrorMessage> answer(ErrorMessage body) {
        return ResponseEntity.status(body.statusCode()).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
