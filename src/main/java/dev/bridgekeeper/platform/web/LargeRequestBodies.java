package dev.bridgekeeper.platform.web;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Endpoints that accept request bodies over {@code bridgekeeper.api.max-request-body}, contributed by the module
 * that owns each one (file uploads). {@link RequestBodyLimitFilter} applies an allowance's own limit instead, with
 * the same 413 when a body passes it; every other path keeps the general limit.
 */
public interface LargeRequestBodies {

    List<Allowance> allowances();

    /** {@code pathPattern} in Spring's path-pattern syntax, e.g. {@code /companies/{companyId}/files}. */
    record Allowance(HttpMethod method, String pathPattern, long maxBytes) {}
}
