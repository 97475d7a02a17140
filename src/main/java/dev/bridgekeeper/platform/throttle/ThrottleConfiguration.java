package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.error.ErrorResponses;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the rate limits from {@code bridgekeeper.throttle}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottleProperties.class)
class ThrottleConfiguration {

    @Bean
    ThrottleBuckets throttleBuckets(DataSource dataSource) {
        return new ThrottleBuckets(dataSource);
    }

    @Bean
    ClientAddresses clientAddresses(ThrottleProperties properties) {
        return new ClientAddresses(properties.trustedProxies());
    }

    @Bean
    ClientRateLimitNotices clientRateLimitNotices(JdbcClient jdbc, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        return new ClientRateLimitNotices(jdbc, transactions, events, clock);
    }

    @Bean
    ClientQuota clientQuota(ThrottleBuckets buckets, ThrottleProperties properties,
            ObjectProvider<ActiveConnectedCompanies> activeCompanies, ClientRateLimitNotices notices, Clock clock) {
        // without a connection module (slice tests) no company counts as active
        ActiveConnectedCompanies counted = client -> activeCompanies.getIfAvailable(() -> c -> 0L).count(client);
        return new ClientQuota(buckets, properties.client(), counted, notices, clock);
    }

    @Bean
    ClientRateLimitResets clientRateLimitResets(ClientRateLimitNotices notices, ClientQuota quota,
            ThrottleBuckets buckets, Clock clock) {
        return new ClientRateLimitResets(notices, quota, buckets, clock);
    }

    @Bean
    RecurringJob throttleHousekeepingJob(ClientRateLimitResets resets, ThrottleProperties properties) {
        Duration every = properties.client().resetCheckInterval();
        return RecurringJob.every(ClientRateLimitResets.JOB, every, resets::run).withFirstRunAfter(every);
    }

    @Bean
    RequestThrottle requestThrottle(ThrottleProperties properties, ClientAddresses addresses, ThrottleBuckets buckets,
            ClientQuota quota, ErrorResponses errors) {
        return new RequestThrottle(properties.enabled(), addresses,
                new FailedAuthenticationThrottle(buckets, properties.failedAuthentication()), quota,
                new PasswordCheckThrottle(buckets, "sign-in", properties.signIn()),
                new PasswordCheckThrottle(buckets, "sandbox-token", properties.sandboxToken()), errors);
    }

    /** After the correlation id, body and query filters, so a 429 carries the request's correlation id. */
    @Bean
    FilterRegistrationBean<BrowserThrottleFilter> browserThrottleFilter(ThrottleProperties properties,
            ClientAddresses addresses, ErrorResponses errors) {
        FilterRegistrationBean<BrowserThrottleFilter> registration = new FilterRegistrationBean<>(
                new BrowserThrottleFilter(properties.browser(), addresses, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.setEnabled(properties.enabled());
        return registration;
    }
}
