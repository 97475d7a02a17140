package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.webhook.WebhookProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed message to one consumer URL and reports what happened. Host names are resolved
 * only by the {@link WebhookTargetGuard} (the client's DNS resolver), and the connection goes to the
 * addresses it approved, while TLS still checks the certificate against the URL's host name. No
 * redirect is followed, nothing is retried here (the schedule does that), at most 1 KiB of the
 * answer is read, and a watchdog cuts off any attempt that outlives the configured timeout.
 */
@Component
class WebhookSender implements DisposableBean {

    static final int MAX_RESPONSE_BYTES = 1024;
    private static final String USER_AGENT = "Bridgekeeper-Webhooks/1";

    private final WebhookProperties properties;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService watchdog;

    WebhookSender(WebhookProperties properties, WebhookTargetGuard guard, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        Timeout timeout = Timeout.of(properties.timeout());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                        .setSocketTimeout(timeout).build())
                .setMaxConnPerRoute(properties.dispatcher().concurrency())
                .setMaxConnTotal(properties.dispatcher().concurrency() * 2)
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "webhook-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // every attempt cancels its timer when it ends; without this the cancelled timers stay queued for the
        // whole timeout (15 s × 500 attempts/s = 7,500 dead entries)
        timers.setRemoveOnCancelPolicy(true);
        this.watchdog = timers;
    }

    /** One attempt; never throws for anything the receiver or the network does. */
    AttemptOutcome send(String url, String messageId, long timestampSeconds, String signature, String body) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return failed(started, "The consumer URL is not a valid URL.");
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !properties.allowHttp()) {
            return failed(started, "Refused: plain http:// is not allowed (bridgekeeper.webhooks.allow-http is false).");
        }
        HttpPost post = new HttpPost(uri);
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestampSeconds));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            cutOff.set(true);
            post.cancel();
        }, properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, post, null);
            int status = response.getCode();
            String answer = readCapped(response.getEntity(), post);
            Duration retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
            String error = null;
            if (status >= 300 && status < 400) {
                Header location = response.getFirstHeader("Location");
                error = "Redirect" + (location == null ? "" : " to " + clean(location.getValue(), 300))
                        + " not followed; the consumer URL must answer itself.";
            }
            return new AttemptOutcome(status, elapsed(started), answer, error, retryAfter);
        } catch (IOException | RuntimeException e) {
            if (cutOff.get()) {
                return failed(started, "Timed out after " + properties.timeout().toMillis() + " ms.");
            }
            return failed(started, describe(e));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // the answer has been read as far as we want it; a connection torn down early is expected
        }
    }

    private static String readCapped(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return null;
        }
        byte[] buffer = new byte[MAX_RESPONSE_BYTES + 1];
        int length = 0;
        InputStream in = entity.getContent();
        if (in == null) {
            return null;
        }
        int read;
        while (length < buffer.length && (read = in.read(buffer, length, buffer.length - length)) != -1) {
            length += read;
        }
        if (length > MAX_RESPONSE_BYTES) {
            // more is coming: drop the connection rather than download the rest
            post.cancel();
            length = MAX_RESPONSE_BYTES;
        } else {
            try {
                in.close();
            } catch (IOException ignored) {
                // fully read; nothing left to release
            }
        }
        return length == 0 ? "" : clean(new String(buffer, 0, length, StandardCharsets.UTF_8), MAX_RESPONSE_BYTES);
    }

    private Duration retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TargetRefusedException refused) {
                return "Refused: " + refused.getMessage() + ".";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "Timed out: " + clean(String.valueOf(cause.getMessage()), 200) + ".";
            }
            if (cause instanceof ConnectException) {
                return "Could not connect: " + clean(String.valueOf(cause.getMessage()), 200) + ".";
            }
            if (cause instanceof UnknownHostException) {
                return "Unknown host: " + clean(String.valueOf(cause.getMessage()), 200) + ".";
            }
        }
        return clean(e.getClass().getSimpleName() + ": " + e.getMessage(), 300);
    }

    private static AttemptOutcome failed(long started, String error) {
        return new AttemptOutcome(null, elapsed(started), null, error, null);
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** PostgreSQL text cannot hold NUL, and log columns should stay short. */
    private static String clean(String text, int max) {
        String cleaned = text.replace('\0', '\uFFFD');
        return cleaned.length() > max ? cleaned.substring(0, max) : cleaned;
    }

    @Override
    public void destroy() throws IOException {
        watchdog.shutdownNow();
        http.close();
    }

    /** The HTTP client's only way to turn a host name into addresses: through the guard. */
    private record GuardedResolver(WebhookTargetGuard guard) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.resolveChecked(host);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (InetAddress address : guard.resolveChecked(host)) {
                addresses.add(new InetSocketAddress(address, port));
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
