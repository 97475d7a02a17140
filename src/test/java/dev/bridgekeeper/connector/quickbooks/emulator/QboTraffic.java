package dev.bridgekeeper.connector.quickbooks.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Intuit's throttles (per realm per app: requests per window, concurrent requests, batch requests per
 * window) and everything the emulator counts, so a test can assert "never exceeded", "0 × 429" and
 * "calls within 5 % of the minimum". Windows run on real time (System.nanoTime); a test shortens the
 * window rather than faking time.
 */
public final class QboTraffic {

    /** One request as the emulator saw it. */
    public record Call(Instant at, String method, String path, String realmId, String endpoint, int status) { }

    enum Verdict { ADMITTED, OVER_RATE, OVER_CONCURRENCY, OVER_BATCH_RATE }

    private record Key(String realmId, String clientId) { }

    private final QboSettings settings;
    private final Map<Key, Deque<Long>> windows = new HashMap<>();
    private final Map<Key, Deque<Long>> batchWindows = new HashMap<>();
    private final Map<Key, Integer> inFlight = new HashMap<>();
    private final Map<String, Map<String, Long>> callsByRealm = new TreeMap<>();
    private final Map<String, Integer> maxConcurrency = new HashMap<>();
    private final Map<String, Integer> maxPerWindow = new HashMap<>();
    private final Map<String, Long> tokenRequests = new TreeMap<>();
    private final List<Call> log = new ArrayList<>();
    private long throttled;
    private long serverErrors;

    QboTraffic(QboSettings settings) {
        this.settings = settings;
    }

    /** Counts the request as in flight and against the window, then says whether Intuit would serve it. */
    synchronized Verdict enter(String realmId, String clientId, boolean batch) {
        Key key = new Key(realmId, clientId);
        int now = inFlight.merge(key, 1, Integer::sum);
        maxConcurrency.merge(realmId, now, Math::max);
        long t = System.nanoTime();
        Deque<Long> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        purge(window, t);
        window.addLast(t);
        maxPerWindow.merge(realmId, window.size(), Math::max);
        Verdict verdict = Verdict.ADMITTED;
        if (now > settings.maxConcurrentPerRealm()) verdict = Verdict.OVER_CONCURRENCY;
        else if (window.size() > settings.requestsPerWindow()) verdict = Verdict.OVER_RATE;
        if (batch) {
            Deque<Long> bw = batchWindows.computeIfAbsent(key, k -> new ArrayDeque<>());
            purge(bw, t);
            bw.addLast(t);
            if (verdict == Verdict.ADMITTED && bw.size() > settings.batchRequestsPerWindow()) verdict = Verdict.OVER_BATCH_RATE;
        }
        return verdict;
    }

    synchronized void leave(String realmId, String clientId) {
        inFlight.merge(new Key(realmId, clientId), -1, Integer::sum);
    }

    private void purge(Deque<Long> window, long t) {
        long horizon = t - settings.rateWindow().toNanos();
        while (!window.isEmpty() && window.peekFirst() <= horizon) window.removeFirst();
    }

    synchronized void record(Call call) {
        log.add(call);
        if (call.realmId() != null) {
            callsByRealm.computeIfAbsent(call.realmId(), k -> new TreeMap<>()).merge(call.endpoint(), 1L, Long::sum);
        }
        if (call.status() == 429) throttled++;
        if (call.status() >= 500) serverErrors++;
    }

    synchronized void recordTokenRequest(String kind) {
        tokenRequests.merge(kind, 1L, Long::sum);
    }

    // ---- what tests read ----

    /** Calls per endpoint label ("query:Invoice", "count:Invoice", "cdc", "read:Invoice", "report:ProfitAndLoss", "batch", ...). */
    public synchronized Map<String, Long> callsByEndpoint(String realmId) {
        return new TreeMap<>(callsByRealm.getOrDefault(realmId, Map.of()));
    }

    public synchronized long totalCalls(String realmId) {
        return callsByRealm.getOrDefault(realmId, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The most requests this realm had in flight at once (including any that were refused for it). */
    public synchronized int maxConcurrencyObserved(String realmId) {
        return maxConcurrency.getOrDefault(realmId, 0);
    }

    /** The most requests this realm sent inside any one rate window. */
    public synchronized int maxRequestsInAnyWindow(String realmId) {
        return maxPerWindow.getOrDefault(realmId, 0);
    }

    public synchronized long throttledResponses() {
        return throttled;
    }

    public synchronized long serverErrorResponses() {
        return serverErrors;
    }

    /** Token endpoint calls by kind: "authorization_code", "refresh_token", "revoke", "invalid_grant", "invalid_client". */
    public synchronized Map<String, Long> tokenRequests() {
        return new TreeMap<>(tokenRequests);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(log);
    }

    public synchronized void reset() {
        windows.clear();
        batchWindows.clear();
        callsByRealm.clear();
        maxConcurrency.clear();
        maxPerWindow.clear();
        tokenRequests.clear();
        log.clear();
        throttled = 0;
        serverErrors = 0;
    }

    Duration window() {
        return settings.rateWindow();
    }
}
