package dev.bridgekeeper.platform.web;

import dev.bridgekeeper.platform.error.ErrorMessage;
import dev.bridgekeeper.platform.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a 400 naming the parameter, a query string that Tomcat would fail to decode later (a bad
 * {@code %XX} escape, bytes that are not UTF-8) or that carries the NUL character, which no parameter may hold
 * (PostgreSQL cannot store it). Checked once here, before security and controllers, so no handler ever meets a
 * parameter that throws when it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class QueryStringFilter extends OncePerRequestFilter {

    private final ErrorResponses errors;

    public QueryStringFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ErrorMessage> refusal = check(request.getQueryString());
        if (refusal.isPresent()) {
            errors.write(response, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** The 400 a raw query string deserves, if any. */
    static Optional<ErrorMessage> check(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String name = decode(rawName, true);
            String value = decode(rawValue, true);
            String shown = printable(name == null ? decode(rawName, false) : name);
            if (name == null || value == null) {
                return Optional.of(ErrorResponses.badRequest(shown, "Query parameter \"" + shown
                        + "\" is not valid: encode it as UTF-8 with percent-encoding (%XX)."));
            }
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                return Optional.of(ErrorResponses.badRequest(shown, "Query parameter \"" + shown
                        + "\" contains the NUL character (%00), which is not allowed."));
            }
        }
        return Optional.empty();
    }

    /**
     * Form-style percent-decoding as Tomcat does it. Strict: null for a bad escape or bytes that are not UTF-8;
     * else those are kept as they are or replaced (to quote a name back).
     */
    private static String decode(String raw, boolean strict) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    if (strict) {
                        return null;
                    }
                    bytes.write('%');
                    continue;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        CodingErrorAction onError = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A parameter name fit to quote back: control characters dropped, at most 100 characters. */
    private static String printable(String name) {
        String plain = name.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != 0xFFFD)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return plain.length() > 100 ? plain.substring(0, 100) : plain;
    }
}
