package dev.bridgekeeper.platform.web;

import dev.bridgekeeper.platform.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies over the configured limit with a 413: at once when Content-Length says
 * so, and while reading when a chunked body grows past it, so no handler ever sees a huge body. Endpoints a module
 * declares in {@link LargeRequestBodies} (file uploads) get their own, larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final ErrorResponses errors;
    private final ObjectProvider<LargeRequestBodies> contributors;
    private volatile List<Allowed> allowed;

    private record Allowed(HttpMethod method, PathPattern pattern, long maxBytes) {}

    public RequestBodyLimitFilter(@Value("${bridgekeeper.api.max-request-body:1MB}") DataSize limit,
            ErrorResponses errors, ObjectProvider<LargeRequestBodies> contributors) {
        this.limit = limit.toBytes();
        this.errors = errors;
        this.contributors = contributors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limitFor(request);
        if (request.getContentLengthLong() > max) {
            errors.write(response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(max));
            return;
        }
        chain.doFilter(new LimitedRequest(request, max), response);
    }

    private long limitFor(HttpServletRequest request) {
        List<Allowed> all = allowed;
        if (all == null) { // read lazily: the contributing controllers are built after the filters
            all = contributors.orderedStream().flatMap(c -> c.allowances().stream())
                    .map(a -> new Allowed(a.method(), PathPatternParser.defaultInstance.parse(a.pathPattern()),
                            a.maxBytes()))
                    .toList();
            allowed = all;
        }
        if (all.isEmpty()) {
            return limit;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        for (Allowed a : all) {
            if (a.method().matches(request.getMethod()) && a.pattern().matches(path)) {
                return a.maxBytes();
            }
        }
        return limit;
    }

    private static String tooLarge(long max) {
        return "The request body is larger than the limit of " + DataSize.ofBytes(max).toKilobytes() + " KiB.";
    }

    /** Raised while reading a body that passes the limit; the error handler answers it with a 413. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long max;
        private long read;

        LimitedStream(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException(tooLarge(max));
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
