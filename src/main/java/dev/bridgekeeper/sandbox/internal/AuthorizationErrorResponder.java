package dev.bridgekeeper.sandbox.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * Answers a failed authorization request. When the client's redirect URI is trusted the error goes
 * back to the client (RFC 6749 §4.1.2.1); when it is not (unknown client, redirect URI not
 * registered) the user gets a page here instead of being sent to an address nobody registered.
 */
final class AuthorizationErrorResponder implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        OAuth2AuthorizationCodeRequestAuthenticationToken attempt =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
                        ? codeRequest.getAuthorizationCodeRequestAuthentication() : null;
        if (attempt == null || !StringUtils.hasText(attempt.getRedirectUri())) {
            showHere(request, response, error);
            return;
        }
        StringBuilder location = new StringBuilder(attempt.getRedirectUri());
        char separator = attempt.getRedirectUri().contains("?") ? '&' : '?';
        separator = append(location, separator, "error", error.getErrorCode());
        separator = append(location, separator, "error_description", error.getDescription());
        separator = append(location, separator, "error_uri", error.getUri());
        append(location, separator, "state", attempt.getState());
        response.sendRedirect(location.toString());
    }

    private static char append(StringBuilder location, char separator, String name, String value) {
        if (!StringUtils.hasText(value)) {
            return separator;
        }
        location.append(separator).append(name).append('=').append(UriUtils.encode(value, StandardCharsets.UTF_8));
        return '&';
    }

    private static void showHere(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
            throws IOException {
        String detail = StringUtils.hasText(error.getDescription()) ? error.getDescription() : error.getErrorCode();
        String html = new SandboxPages(request.getContextPath()).problem(
                SandboxPlatform.fromPath(request.getRequestURI().substring(request.getContextPath().length())),
                "This sign-in request cannot be completed",
                "The application that sent you here made a request the platform cannot accept ("
                        + error.getErrorCode() + ": " + detail + ").");
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(html);
    }
}
