package dev.bridgekeeper.platform.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request Spring Security's firewall refused ({@code //}, {@code ..}, {@code ;}, an encoded {@code %},
 * a control character or an unknown method) with an {@link ErrorMessage}; Spring Security finds this bean by type.
 * The correlation id filter has run by then, so the id is the one in the response header.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private final ErrorResponses errors;

    FirewallRejections(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        errors.write(response, ErrorResponses.body(HttpStatus.BAD_REQUEST, "The request was refused: its URL, method"
                + " or a header contains something that is not allowed, such as \"//\", \"..\", \";\", an encoded"
                + " \"%\", \"/\" or \"\\\", or a control character.", List.of(), false));
    }
}
