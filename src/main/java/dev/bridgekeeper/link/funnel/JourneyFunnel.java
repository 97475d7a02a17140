package dev.bridgekeeper.link.funnel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel's records: journeys, their steps, and which journey each connection's server-side facts belong to.
 * Every write takes the company's advisory lock, so a beacon that ties a journey to its connection and the server's
 * fact about that connection, arriving together, never leave the fact on a journey of its own.
 */
@Component
class JourneyFunnel {

    /** How a beacon was taken. */
    enum Taken { RECORDED, JOURNEY_FULL, COMPANY_FULL, FOREIGN_JOURNEY }

    /** What a beacon says, validated: the step (null for a connection binding only) and what it names. */
    record Beacon(UUID clientId, UUID companyId, UUID journeyId, FunnelStep step, String sourceType,
            String platformKey, UUID connectionId) {}

    /** A fact the server saw about a connection. */
    record Fact(UUID clientId, UUID companyId, UUID connectionId, FunnelStep step, String platformKey,
            String sourceType, FailureReason reason, Instant at) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LinkFunnelProperties properties;

    JourneyFunnel(JdbcClient jdbc, Clock clock, LinkFunnelProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    Taken beacon(Beacon beacon) {
        lock(beacon.companyId());
        Instant now = clock.instant();
        record Existing(UUID clientId, UUID companyId, int beaconSteps) {}
        Existing existing = jdbc.sql("select client_id, company_id, beacon_steps from link_journey where id = ?")
                .param(beacon.journeyId())
                .query((rs, i) -> new Existing(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                .optional().orElse(null);
        if (existing == null) {
            long recent = jdbc.sql("select count(*) from link_journey where company_id = ? and from_browser"
                            + " and started_utc > ?")
                    .params(beacon.companyId(), Timestamp.from(now.minus(Duration.ofHours(1))))
                    .query(Long.class).single();
            if (recent >= properties.maxJourneysPerCompanyPerHour()) {
                return Taken.COMPANY_FULL;
            }
            FunnelStep first = beacon.step() == null ? FunnelStep.OPENED : beacon.step();
            jdbc.sql("insert into link_journey (id, client_id, company_id, from_browser, started_utc, last_step,"
                            + " last_step_utc) values (?, ?, ?, true, ?, ?, ?)")
                    .params(beacon.journeyId(), beacon.clientId(), beacon.companyId(), Timestamp.from(now),
                            first.wire(), Timestamp.from(now))
                    .update();
        } else if (!existing.clientId().equals(beacon.clientId()) || !existing.companyId().equals(beacon.companyId())) {
            return Taken.FOREIGN_JOURNEY;
        } else if (existing.beaconSteps() >= properties.maxStepsPerJourney()) {
            return Taken.JOURNEY_FULL;
        }
        if (beacon.step() != null) {
            insertStep(beacon.journeyId(), beacon.step(), "Beacon", now, null, null);
        }
        if (beacon.connectionId() != null) {
            bind(beacon.journeyId(), beacon.connectionId());
        }
        jdbc.sql("update link_journey set beacon_steps = beacon_steps + 1, source_type = coalesce(?, source_type),"
                        + " platform_key = coalesce(?, platform_key) where id = ?")
                .params(beacon.sourceType(), beacon.platformKey(), beacon.journeyId()).update();
        refreshLastStep(beacon.journeyId());
        return Taken.RECORDED;
    }

    /**
     * Records a fact in its own transaction (the listener runs after the fact's transaction committed): on the
     * journey the connection is tied to, or on a journey of the server's own when no beacon has tied it yet.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void fact(Fact fact) {
        lock(fact.companyId());
        UUID journey = journeyOf(fact.connectionId());
        if (journey == null) {
            journey = UUID.randomUUID();
            jdbc.sql("insert into link_journey (id, client_id, company_id, from_browser, started_utc, last_step,"
                            + " last_step_utc) values (?, ?, ?, false, ?, ?, ?)")
                    .params(journey, fact.clientId(), fact.companyId(), Timestamp.from(fact.at()), fact.step().wire(),
                            Timestamp.from(fact.at()))
                    .update();
            jdbc.sql("insert into link_journey_connection (connection_id, journey_id) values (?, ?)")
                    .params(fact.connectionId(), journey).update();
        }
        // a second consent record (one per product) or a reopened sign-in is the same step of the same journey
        boolean repeated = fact.step() != FunnelStep.FAILED && jdbc.sql("select exists (select 1 from"
                        + " link_journey_step where journey_id = ? and step = ? and connection_id = ?)")
                .params(journey, fact.step().wire(), fact.connectionId()).query(Boolean.class).single();
        if (!repeated) {
            insertStep(journey, fact.step(), "Server", fact.at(), fact.connectionId(),
                    fact.reason() == null ? null : fact.reason().wire());
        }
        // the connection's platform and source type are the server's truth and outrank what a beacon said
        jdbc.sql("update link_journey set platform_key = coalesce(?, platform_key),"
                        + " source_type = coalesce(?, source_type) where id = ?")
                .params(fact.platformKey(), fact.sourceType(), journey).update();
        refreshLastStep(journey);
    }

    /** Deletes the journeys whose last step is older than the retention, in batches; returns how many went. */
    int purge() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("delete from link_journey where id in (select id from link_journey"
                    + " where last_step_utc < ? limit 1000)").param(cutoff).update();
            total += deleted;
        } while (deleted == 1000);
        return total;
    }

    /**
     * Ties the connection to the journey. A journey the server opened for it before the beacon came (the consent
     * is recorded before the browser hears the connection's id) is folded into this one.
     */
    private void bind(UUID journey, UUID connection) {
        UUID current = journeyOf(connection);
        if (journey.equals(current)) {
            return;
        }
        if (current != null) {
            boolean serverOnly = jdbc.sql("select not from_browser from link_journey where id = ?").param(current)
                    .query(Boolean.class).single();
            if (serverOnly) {
                jdbc.sql("update link_journey_step set journey_id = ? where journey_id = ?").params(journey, current)
                        .update();
                jdbc.sql("delete from link_journey where id = ?").param(current).update();
            }
        }
        jdbc.sql("insert into link_journey_connection (connection_id, journey_id) values (?, ?)"
                        + " on conflict (connection_id) do update set journey_id = excluded.journey_id")
                .params(connection, journey).update();
    }

    private UUID journeyOf(UUID connection) {
        return jdbc.sql("select journey_id from link_journey_connection where connection_id = ?").param(connection)
                .query(UUID.class).optional().orElse(null);
    }

    private void insertStep(UUID journey, FunnelStep step, String origin, Instant at, UUID connection, String reason) {
        jdbc.sql("insert into link_journey_step (journey_id, step, origin, at_utc, connection_id, failure_reason)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(journey, step.wire(), origin, Timestamp.from(at), connection, reason).update();
    }

    private void refreshLastStep(UUID journey) {
        jdbc.sql("update link_journey j set (last_step, last_step_utc) = (select s.step, s.at_utc"
                        + " from link_journey_step s where s.journey_id = j.id order by s.at_utc desc, s.seq desc"
                        + " limit 1) where j.id = ? and exists (select 1 from link_journey_step where journey_id = ?)")
                .params(journey, journey).update();
    }

    private void lock(UUID company) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("link-funnel:" + company)
                .query(Object.class).single();
    }
}
