package dev.bridgekeeper.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id before anything else runs, so even a rejected request
 * (bad key, oversized body) can be found in the logs from the id its caller received.
 * A caller-supplied id is kept when it is short and plain; anything else is replaced.
 * <p>
 * It also runs on the container's error dispatch (a request refused by the security firewall or by
 * Tomcat itself is answered by the error page after the first pass has finished), reusing the id the
 * first pass gave the request, so the error body and the response header always carry the same id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter extends OncePerRequestFilter {

    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getAttribute(ATTRIBUTE) instanceof String earlier ? earlier : newId(request);
        request.setAttribute(ATTRIBUTE, id);
        String outer = MDC.get(CorrelationId.MDC_KEY);
        MDC.put(CorrelationId.MDC_KEY, id);
        response.setHeader(CorrelationId.HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            // a nested error dispatch leaves the id to the pass that is still running around it
            if (!id.equals(outer)) {
                MDC.remove(CorrelationId.MDC_KEY);
            }
        }
    }

    private static String newId(HttpServletRequest request) {
        return CorrelationId.forRequest(request.getHeader(CorrelationId.HEADER));
    }
}
