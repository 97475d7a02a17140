package dev.bridgekeeper.connector;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Every call Bridgekeeper makes to a platform. Each call has a whole-response deadline (connect, headers and the
 * whole body) and a body size cap ({@code bridgekeeper.connectors.http.*}); exceeding either is a
 * {@link ReadFailure} of kind FETCH_ERROR naming the limit. Bound to a connection, it also adds the bearer token
 * (asking once for a fresh one after an answer that {@link AuthorizationAdapter#refusesToken refuses it}, a 401 by
 * default, and ending the authorization when the connector says a refused renewed token means that), takes the rate permits and the in-flight slot of the connector's
 * {@link RatePolicy} first, honours every instance's recorded vendor waits, turns a 429 into a shared wait and a
 * {@link RetryLater}, a 5xx or an unreachable platform into a {@link RetryLater}, and records the vendor's
 * remaining-budget headers. Other answers are returned as they are. A JSON or text body arrives as well-formed UTF-8:
 * malformed byte sequences are replaced with U+FFFD, as a browser decodes them.
 */
public interface PlatformHttp {

    /** GET {@code uri} with these extra headers. */
    default PlatformResponse get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Any request; the bearer token (when bound to one) and the limits are added as for {@link #get}. */
    default PlatformResponse send(HttpRequest request) {
        return start(request).await();
    }

    /**
     * Starts a call and returns at once (limits are taken now, on this thread), so a reader can ask for the next
     * pages while it hands over the current one.
     */
    Pending start(HttpRequest request);

    /**
     * This HTTP, with its GETs' successful answers shared for a short while ({@code
     * bridgekeeper.connectors.shared-reads.*}) with the connection's other reads: a read asking for exactly the page
     * another read of the same connection asked for (same URL, query and headers) waits for that call or takes its
     * kept answer, with no vendor call, rate permit or in-flight slot of its own. For data types read from one
     * vendor list (e.g. Xero's BankTransactions: bank transactions, direct costs, direct incomes), which must then
     * ask in exactly the same way and filter locally. Not shared between instances; without a connection (see
     * {@link HttpBinding#connection()}) nothing is shared.
     */
    default PlatformHttp sharingAnswers() {
        return this;
    }

    /** A call under way. */
    interface Pending {

        /** The answer, as {@link #send} would give it. */
        PlatformResponse await();

        /** Gives the call up (a read that failed no longer needs the pages it asked for ahead). */
        void cancel();
    }
}
