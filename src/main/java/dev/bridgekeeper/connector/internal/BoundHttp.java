package dev.bridgekeeper.connector.internal;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.RetryLater;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@link PlatformHttp} bound to one app, organisation and token: the limits first (waiting inline when the wait is
 * short), then the call with its bearer token (once more with a renewed token after an answer the connector reads as
 * a refusal of the token, a 401 by default; a refusal of the renewed one may end the authorization), then the vendor's
 * signals: a 429 blocks the organisation for every instance and ends the read with RetryLater, a 5xx ends it with
 * RetryLater, the remaining-budget headers are recorded. {@link #sharingAnswers()} puts the {@link SharedReads} memo
 * in front of all that for GETs: a kept or in-flight answer costs no permit and no slot.
 */
final class BoundHttp implements PlatformHttp {

    private final HttpBinding binding;
    private final HttpTransport transport;
    private final RateGate gate;
    private final RateGate.Meter meter;
    private final AuthorizationAdapter authorization;
    private final SharedReads memo;
    private final boolean sharing;

    BoundHttp(HttpBinding binding, HttpTransport transport, RateGate gate, RateGate.Meter meter,
            AuthorizationAdapter authorization, SharedReads memo) {
        this(binding, transport, gate, meter, authorization, memo, false);
    }

    private BoundHttp(HttpBinding binding, HttpTransport transport, RateGate gate, RateGate.Meter meter,
            AuthorizationAdapter authorization, SharedReads memo, boolean sharing) {
        this.binding = binding;
        this.transport = transport;
        this.gate = gate;
        this.meter = meter;
        this.authorization = authorization;
        this.memo = memo;
        this.sharing = sharing;
    }

    @Override
    public PlatformHttp sharingAnswers() {
        return sharing || binding.connection() == null ? this
                : new BoundHttp(binding, transport, gate, meter, authorization, memo, true);
    }

    /** One attempt: the in-flight slot it holds and the call. */
    private record Attempt(RateGate.Pass pass, HttpTransport.InFlight call) {}

    @Override
    public Pending start(HttpRequest request) {
        return sharing && "GET".equals(request.method()) ? shared(request) : call(request);
    }

    /** Before the limits: the kept answer, a wait for the same call of another read, or the call, then kept. */
    private Pending shared(HttpRequest request) {
        SharedReads.Claim claim = memo.claim(SharedReads.Key.of(sharingKey(), request), binding.freshFrom());
        if (!claim.makesTheCall()) {
            return new Pending() {
                @Override
                public PlatformResponse await() {
                    PlatformResponse answer = claim.awaitAnswer();
                    return answer != null ? answer : shared(request).await(); // the other call failed: call anew
                }

                @Override
                public void cancel() {}
            };
        }
        Pending call;
        try {
            call = call(request);
        } catch (RuntimeException e) {
            claim.abandon();
            throw e;
        }
        return new Pending() {
            @Override
            public PlatformResponse await() {
                PlatformResponse response;
                try {
                    response = call.await();
                } catch (RuntimeException e) {
                    claim.abandon();
                    throw e;
                }
                claim.publish(response);
                return response;
            }

            @Override
            public void cancel() {
                try {
                    call.cancel();
                } finally {
                    claim.abandon();
                }
            }
        };
    }

    /** Whose answers these are: the connection, its organisation and the app (the token is not part of it). */
    private String sharingKey() {
        return binding.integration().key() + "|" + binding.appClientId() + "|" + binding.organisationId() + "|"
                + binding.connection();
    }

    private Pending call(HttpRequest request) {
        String token = binding.token() == null ? null : binding.token().current();
        Attempt first = begin(request, token);
        return new Pending() {
            @Override
            public PlatformResponse await() {
                PlatformResponse response = finish(request, first);
                if (token != null && authorization.refusesToken(response)) {
                    String renewed = binding.token().renewAfterRejection(token);
                    if (renewed != null && !renewed.equals(token)) {
                        response = finish(request, begin(request, renewed));
                        if (authorization.refusesToken(response)
                                && authorization.refusalOfARenewedTokenEndsAuthorization()) {
                            binding.token().renewedTokenRefused(renewed);
                        }
                    }
                }
                return response;
            }

            @Override
            public void cancel() {
                first.call().future().cancel(true);
                first.pass().close();
            }
        };
    }

    private Attempt begin(HttpRequest request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        if (token != null) {
            builder.setHeader("Authorization", "Bearer " + token);
        }
        RateGate.Pass pass = gate.enter(meter);
        try {
            return new Attempt(pass, transport.start(builder.build()));
        } catch (RuntimeException e) {
            pass.close();
            throw e;
        }
    }

    private PlatformResponse finish(HttpRequest request, Attempt attempt) {
        PlatformResponse response;
        try {
            response = transport.complete(attempt.call());
        } finally {
            attempt.pass().close();
        }
        gate.observe(meter, response);
        String target = request.method() + " " + request.uri().getPath();
        if (response.status() == 429) {
            Duration wait = retryAfter(response).orElse(Duration.ofSeconds(1));
            gate.vendorAskedToWait(meter, Instant.now().plus(wait), target);
            throw new RetryLater(RetryLater.Reason.RATE_LIMITED, wait, "The platform answered 429 Too Many Requests"
                    + " to " + target + " (Retry-After " + wait.toMillis() / 1000.0 + " s).");
        }
        if (response.status() >= 500) {
            throw new RetryLater(RetryLater.Reason.SERVER_ERROR, null, "The platform answered " + response.status()
                    + " to " + target + ".");
        }
        return response;
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(PlatformResponse response) {
        Optional<String> value = response.header("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
