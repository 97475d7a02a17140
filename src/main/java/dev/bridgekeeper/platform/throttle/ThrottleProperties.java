package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, all from {@code bridgekeeper.throttle} (documented in application.yaml).
 *
 * @param enabled        false turns every limit off
 * @param trustedProxies CIDR ranges of the reverse proxies in front of the instances; only a request that arrives
 *                       from one of them has its source address taken from {@code X-Forwarded-For}
 * @param client         each client's request quota (API-key requests), Codat's daily quota by default
 * @param failedAuthentication  wrong credentials per source address, counted over all instances
 * @param signIn         sign-in attempts on the sandbox's page (a bcrypt check each) per source address, counted
 *                       over all instances
 * @param sandboxToken   requests to the sandbox's token, revocation and introspection endpoints (a bcrypt check of
 *                       the client secret each) per source address, counted over all instances
 * @param browser        the public pages a customer's browser opens (Hosted Link, linkUrl, OAuth callback,
 *                       sandbox), per source address and instance
 */
@ConfigurationProperties("bridgekeeper.throttle")
public record ThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") List<String> trustedProxies,
        @DefaultValue Client client,
        @DefaultValue Limit failedAuthentication,
        @DefaultValue Limit signIn,
        @DefaultValue Limit sandboxToken,
        @DefaultValue Browser browser) {

    /**
     * @param quota             requests per window whatever the client's size
     * @param quotaPerActiveCompany added per company with a linked connection, counted when the window starts
     * @param window            the quota's window, aligned to the epoch (P1D: from 00:00 UTC)
     * @param syncTokens        requests an instance counts locally before it adds them to the shared count (0: every
     *                          request at once); each instance can overshoot the quota by at most this many
     * @param syncInterval      the longest an instance keeps requests counted only locally
     * @param resetCheckInterval how often an instance looks for windows that ran out and have ended, to send
     *                          client.rateLimit.reset
     */
    public record Client(
            @DefaultValue("1000") long quota,
            @DefaultValue("1000") long quotaPerActiveCompany,
            @DefaultValue("P1D") Duration window,
            @DefaultValue("50") long syncTokens,
            @DefaultValue("PT1S") Duration syncInterval,
            @DefaultValue("PT1M") Duration resetCheckInterval) {}

    /** {@code limit} per {@code period}, refilled smoothly. */
    public record Limit(@DefaultValue("10") long limit, @DefaultValue("PT1M") Duration period) {}

    /**
     * @param limit   requests per period and source address
     * @param period  the period, refilled smoothly
     * @param paths   Ant-style patterns of the browser paths this limit applies to
     */
    public record Browser(
            @DefaultValue("300") long limit,
            @DefaultValue("PT1M") Duration period,
            @DefaultValue("/link/**,/companies/*/connections/*/start,/oauth/callback,/sandbox/**")
            List<String> paths) {}

    public ThrottleProperties {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (client == null) {
            client = new Client(1000, 1000, Duration.ofDays(1), 50, Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
        if (failedAuthentication == null) {
            failedAuthentication = new Limit(10, Duration.ofMinutes(1));
        }
        if (signIn == null) {
            signIn = new Limit(10, Duration.ofMinutes(1));
        }
        if (sandboxToken == null) {
            sandboxToken = new Limit(120, Duration.ofMinutes(1));
        }
        if (browser == null) {
            browser = new Browser(300, Duration.ofMinutes(1),
                    List.of("/link/**", "/companies/*/connections/*/start", "/oauth/callback", "/sandbox/**"));
        }
        if (client.quota() < 1 || client.quotaPerActiveCompany() < 0 || client.syncTokens() < 0) {
            throw new StartupProblem("bridgekeeper.throttle.client.quota must be 1 or more, quota-per-active-company"
                    + " and sync-tokens 0 or more.");
        }
        positive(client.window(), "client.window");
        positive(client.syncInterval(), "client.sync-interval");
        positive(client.resetCheckInterval(), "client.reset-check-interval");
        if (failedAuthentication.limit() < 1 || signIn.limit() < 1 || sandboxToken.limit() < 1
                || browser.limit() < 1) {
            throw new StartupProblem("bridgekeeper.throttle.failed-authentication.limit, sign-in.limit,"
                    + " sandbox-token.limit and browser.limit must be 1 or more.");
        }
        positive(failedAuthentication.period(), "failed-authentication.period");
        positive(signIn.period(), "sign-in.period");
        positive(sandboxToken.period(), "sandbox-token.period");
        positive(browser.period(), "browser.period");
        for (String range : trustedProxies) {
            AddressRange.parse(range, "bridgekeeper.throttle.trusted-proxies");
        }
    }

    private static void positive(Duration value, String key) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new StartupProblem("bridgekeeper.throttle." + key + " must be a positive duration.");
        }
    }
}
