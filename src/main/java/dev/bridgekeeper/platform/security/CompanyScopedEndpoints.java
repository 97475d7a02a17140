package dev.bridgekeeper.platform.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The endpoints a company access token may call, contributed by the module that owns each one.
 * A pattern's {@code {companyId}} variable must equal the token's company; every other endpoint
 * answers a company token with 403.
 */
public interface CompanyScopedEndpoints {

    List<Endpoint> endpoints();

    record Endpoint(HttpMethod method, String pathPattern) {}
}
