package dev.bridgekeeper.connector.internal;

import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.RetryLater;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Sends one request to a platform and reads the whole answer within a deadline and a size cap. The JDK client's
 * request timeout ends only the wait for the headers; a platform that then trickles its body would hold the
 * calling thread for ever. Here the deadline covers everything up to the last byte, and a body larger than the cap
 * (by Content-Length, or while it arrives) ends the call at once.
 */
@Component
class HttpTransport {

    /** The body grew past the cap while it arrived. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super(null, null);
        }
    }

    private final HttpClient client;
    private final Duration deadline;
    private final long maxBytes;

    HttpTransport(ConnectorProperties properties) {
        this.deadline = properties.http().responseTimeout();
        this.maxBytes = properties.http().maxBodySize().toBytes();
        this.client = HttpClient.newBuilder().connectTimeout(properties.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts the call now (e.g. a page asked for ahead); {@link #complete} waits for it within the deadline. */
    InFlight start(HttpRequest request) {
        long started = System.nanoTime();
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(deadline).build();
        return new InFlight(request, client.sendAsync(timed, info -> limited(info)), started);
    }

    /** A call under way. */
    record InFlight(HttpRequest request, CompletableFuture<HttpResponse<byte[]>> future, long startedNanos) {}

    /** The complete answer; throws {@link ReadFailure} (deadline, size) or {@link RetryLater} (unreachable). */
    PlatformResponse complete(InFlight call) {
        String target = call.request().method() + " " + call.request().uri().getHost()
                + call.request().uri().getPath();
        long left = deadline.toNanos() - (System.nanoTime() - call.startedNanos());
        HttpResponse<byte[]> response;
        try {
            response = call.future().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.future().cancel(true);
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The platform did not answer " + target
                    + " completely within " + deadline.toSeconds() + " s (bridgekeeper.connectors.http"
                    + ".response-timeout).");
        } catch (InterruptedException e) {
            call.future().cancel(true);
            Thread.currentThread().interrupt();
            throw new RetryLater(RetryLater.Reason.SERVER_ERROR, null, "Interrupted while calling " + target + ".");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof TooLarge) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof TooLarge) {
                throw tooLarge(target);
            }
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The platform did not answer " + target
                        + " within " + deadline.toSeconds() + " s (bridgekeeper.connectors.http.response-timeout).");
            }
            throw new RetryLater(RetryLater.Reason.SERVER_ERROR, null, "The platform could not be reached ("
                    + target + "): " + e.getCause());
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        byte[] body = WellFormedUtf8.appliesTo(headers) ? WellFormedUtf8.repaired(response.body()) : response.body();
        return new PlatformResponse(response.statusCode(), headers, body);
    }

    /** Sends and waits: {@link #start} and {@link #complete} in one. */
    PlatformResponse send(HttpRequest request) {
        return complete(start(request));
    }

    private ReadFailure tooLarge(String target) {
        return new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The platform's answer to " + target + " is larger than "
                + maxBytes + " bytes (bridgekeeper.connectors.http.max-body-size).");
    }

    private HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new CappedBody(declared > maxBytes ? 0 : maxBytes, declared > maxBytes);
    }

    /** Collects the body, cancelling the download as soon as it passes the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long cap;
        private final boolean refuseAtOnce;
        private Flow.Subscription subscription;

        CappedBody(long cap, boolean refuseAtOnce) {
            this.cap = cap;
            this.refuseAtOnce = refuseAtOnce;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (refuseAtOnce) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
