package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.error.ErrorResponses;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public pages and calls a customer's browser makes (Hosted Link and Link's API, linkUrl, the OAuth
 * callback, the sandbox's sign-in pages): each source address gets {@code limit} per {@code period} on this
 * instance, counted in memory (no query), so one address cannot make an instance do unbounded work on paths
 * that need no API key. Past the limit: Codat's 429 with Retry-After.
 */
final class BrowserThrottleFilter extends OncePerRequestFilter {

    private static final int ADDRESSES_KEPT = 100_000;

    private record Entry(Bucket bucket, long touched) {}

    private final ThrottleProperties.Browser settings;
    private final ClientAddresses addresses;
    private final ErrorResponses errors;
    private final AntPathMatcher matcher = new AntPathMatcher();
    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();

    BrowserThrottleFilter(ThrottleProperties.Browser settings, ClientAddresses addresses, ErrorResponses errors) {
        this.settings = settings;
        this.addresses = addresses;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<String> paths = settings.paths();
        for (String pattern : paths) {
            if (matcher.match(pattern, path)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = bucket(addresses.of(request)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            RequestThrottle.refuse(errors, response, Duration.ofNanos(probe.getNanosToWaitForRefill()));
            return;
        }
        chain.doFilter(request, response);
    }

    private Bucket bucket(String address) {
        long now = System.nanoTime();
        Entry entry = buckets.get(address);
        if (entry == null) {
            if (buckets.size() >= ADDRESSES_KEPT) {
                // an address idle for a whole period has a full bucket again: forgetting it changes nothing
                long idle = settings.period().toNanos();
                buckets.values().removeIf(e -> now - e.touched() > idle);
            }
            entry = buckets.computeIfAbsent(address, a -> new Entry(Bucket.builder()
                    .addLimit(l -> l.capacity(settings.limit()).refillGreedy(settings.limit(), settings.period()))
                    .build(), now));
        } else if (now - entry.touched() > 1_000_000_000L) {
            buckets.replace(address, entry, new Entry(entry.bucket(), now));
        }
        return entry.bucket();
    }
}
