package dev.bridgekeeper.connector.xero.emulator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the emulator counted, so a test can assert "never more than 5 in flight", "no 429 sent" or
 * "calls within 5 % of the minimum". Counting starts at zero when the emulator starts; {@link #reset} zeroes it.
 */
public final class EmulatorStats {

    /** One request that did not match Xero's OpenAPI description, and why. */
    public record Violation(String method, String target, List<String> problems) {}

    /** When an API call arrived (wall clock, epoch milliseconds) and its endpoint: the benchmark's timeline. */
    public record Arrival(long epochMillis, String endpoint) {}

    private final Map<UUID, AtomicLong> apiCallsByTenant = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> apiCallsByEndpoint = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rateLimitedByProblem = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> inFlightByTenant = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> maxInFlightByTenant = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> apiAnswersByStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> tokenRequestsByGrant = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> tokenErrors = new ConcurrentHashMap<>();
    private final AtomicLong apiCalls = new AtomicLong();
    private final AtomicLong injectedFaults = new AtomicLong();
    private final AtomicLong revocations = new AtomicLong();
    private final AtomicLong connectionsCalls = new AtomicLong();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final java.util.Queue<Arrival> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();

    // ---- recording (emulator) ----

    void apiCallArrived(UUID tenant, String endpoint) {
        apiCalls.incrementAndGet();
        arrivals.add(new Arrival(System.currentTimeMillis(), endpoint));
        apiCallsByEndpoint.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
        if (tenant != null) {
            apiCallsByTenant.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
            int now = inFlightByTenant.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
            maxInFlightByTenant.computeIfAbsent(tenant, t -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        }
    }

    void apiCallAnswered(UUID tenant, int status) {
        apiAnswersByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (tenant != null) {
            inFlightByTenant.computeIfAbsent(tenant, t -> new AtomicInteger()).decrementAndGet();
        }
    }

    void rateLimited(String problem) {
        rateLimitedByProblem.computeIfAbsent(problem, p -> new AtomicLong()).incrementAndGet();
    }

    void faultInjected() {
        injectedFaults.incrementAndGet();
    }

    void tokenRequest(String grantType) {
        tokenRequestsByGrant.computeIfAbsent(String.valueOf(grantType), g -> new AtomicLong()).incrementAndGet();
    }

    void tokenError(String error) {
        tokenErrors.computeIfAbsent(error, e -> new AtomicLong()).incrementAndGet();
    }

    void revocation() {
        revocations.incrementAndGet();
    }

    void connectionsCall() {
        connectionsCalls.incrementAndGet();
    }

    void violation(Violation violation) {
        violations.add(violation);
    }

    // ---- reading (tests) ----

    /** Accounting API requests received, whatever their answer. */
    public long apiCalls() {
        return apiCalls.get();
    }

    public long apiCalls(UUID tenant) {
        AtomicLong n = apiCallsByTenant.get(tenant);
        return n == null ? 0 : n.get();
    }

    /** Requests per endpoint, keyed like {@code GET /Invoices} or {@code GET /Reports/BalanceSheet}. */
    public Map<String, Long> apiCallsByEndpoint() {
        Map<String, Long> out = new TreeMap<>();
        apiCallsByEndpoint.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** 429 answers sent, by X-Rate-Limit-Problem value (injected ones included under their problem). */
    public Map<String, Long> rateLimited() {
        Map<String, Long> out = new TreeMap<>();
        rateLimitedByProblem.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long tooManyRequestsSent() {
        return rateLimitedByProblem.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The most requests for one tenant the emulator ever had open at once (refused ones included). */
    public int maxInFlight(UUID tenant) {
        AtomicInteger n = maxInFlightByTenant.get(tenant);
        return n == null ? 0 : n.get();
    }

    public int maxInFlight() {
        return maxInFlightByTenant.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** Accounting API answers by HTTP status. */
    public Map<Integer, Long> apiAnswersByStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        apiAnswersByStatus.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Map<String, Long> tokenRequests() {
        Map<String, Long> out = new TreeMap<>();
        tokenRequestsByGrant.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Map<String, Long> tokenErrors() {
        Map<String, Long> out = new TreeMap<>();
        tokenErrors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long revocations() {
        return revocations.get();
    }

    public long connectionsCalls() {
        return connectionsCalls.get();
    }

    public long injectedFaults() {
        return injectedFaults.get();
    }

    /** Requests that broke Xero's published description; a well-behaved connector leaves this empty. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Every API call's arrival since the last reset, in arrival order. */
    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Zeroes every counter (the in-flight gauges keep counting requests still open). */
    public void reset() {
        apiCalls.set(0);
        arrivals.clear();
        apiCallsByTenant.clear();
        apiCallsByEndpoint.clear();
        rateLimitedByProblem.clear();
        maxInFlightByTenant.clear();
        apiAnswersByStatus.clear();
        tokenRequestsByGrant.clear();
        tokenErrors.clear();
        injectedFaults.set(0);
        revocations.set(0);
        connectionsCalls.set(0);
        violations.clear();
    }
}
