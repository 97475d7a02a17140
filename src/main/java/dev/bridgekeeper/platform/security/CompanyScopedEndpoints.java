package dev.bridgekeeper.platform.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The endpoints a company access token may call, contributed by the module that owns each one.
 * A pattern's {@code {companyId}} variable must equal the token's company; every other endpoint
 * answers a company token with 403. A Hosted Link token (issued to the page behind a company's
 * {@code redirect} URL, which carries only the company id) reaches only the endpoints marked
 * {@code journey}: those the Link journey needs to connect a platform.
 */
public interface CompanyScopedEndpoints {

    List<Endpoint> endpoints();

    record Endpoint(HttpMethod method, String pathPattern, boolean journey) {

        /** An endpoint for company access tokens only, not for Hosted Link tokens. */
        public Endpoint(HttpMethod method, String pathPattern) {
            this(method, pathPattern, false);
        }

        /** An endpoint the Link journey needs: Hosted Link tokens may call it too. */
        public static Endpoint forJourney(HttpMethod method, String pathPattern) {
            return new Endpoint(method, pathPattern, true);
        }
    }
}
