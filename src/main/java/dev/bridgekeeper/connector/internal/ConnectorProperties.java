package dev.bridgekeeper.connector.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How Bridgekeeper calls platforms ({@code bridgekeeper.connectors.*}); every field is documented in
 * application.yaml, a missing one takes the default below.
 *
 * @param connectTimeout   connecting to a platform
 * @param responseTimeout  the whole of one call: connect, send, headers and the complete body
 * @param maxBodySize      the largest answer read from a platform; a larger one ends the call (FetchError)
 * @param maxInlineWait    a wait for a rate permit up to this long is waited on the calling thread (pacing);
 *                         a longer one ends the read with RetryLater and the job is rescheduled
 * @param rateMargin       added to every rate window (a permit counts from its call's answer; this covers a vendor
 *                         that rounds its windows or whose clock runs at another pace)
 * @param slotReleaseDelay an in-flight slot becomes free this long after its answer was read, for the vendor to
 *                         count the call as finished too
 * @param sharedReads      how long and how much of the vendor's GET answers are kept for the connection's other
 *                         reads that ask the same ({@link SharedReads})
 */
@ConfigurationProperties("bridgekeeper.connectors")
record ConnectorProperties(Http http, RateLimits rateLimits, SharedReadLimits sharedReads) {

    record Http(Duration connectTimeout, Duration responseTimeout, DataSize maxBodySize) {

        Http {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(60) : responseTimeout;
            maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(64) : maxBodySize;
        }
    }

    record RateLimits(Duration maxInlineWait, Duration margin, Duration slotReleaseDelay) {

        RateLimits {
            maxInlineWait = maxInlineWait == null ? Duration.ofSeconds(5) : maxInlineWait;
            margin = margin == null ? Duration.ofSeconds(1) : margin;
            slotReleaseDelay = slotReleaseDelay == null ? Duration.ofMillis(250) : slotReleaseDelay;
        }
    }

    record SharedReadLimits(Duration ttl, DataSize maxSize) {

        SharedReadLimits {
            ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
            maxSize = maxSize == null ? DataSize.ofMegabytes(64) : maxSize;
        }
    }

    ConnectorProperties {
        http = http == null ? new Http(null, null, null) : http;
        rateLimits = rateLimits == null ? new RateLimits(null, null, null) : rateLimits;
        sharedReads = sharedReads == null ? new SharedReadLimits(null, null) : sharedReads;
    }

}
