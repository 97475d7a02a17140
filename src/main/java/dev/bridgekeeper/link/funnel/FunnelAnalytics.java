package dev.bridgekeeper.link.funnel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel as the lender reads it, counted in one SQL statement: each journey's furthest step on the ladder, its
 * failures, "Can't find yours?" and where it was abandoned, grouped overall, per platform, per source type and per
 * day the journey started (UTC).
 */
@Component
class FunnelAnalytics {

    /** The steps a journey can be abandoned at: every step that is not an end. */
    static final List<FunnelStep> ABANDONABLE = List.of(FunnelStep.OPENED, FunnelStep.SOURCE_TYPE_CHOSEN,
            FunnelStep.PLATFORM_CHOSEN, FunnelStep.CONSENT_AGREED, FunnelStep.SIGN_IN_STARTED,
            FunnelStep.PLATFORM_MISSING);

    /** A ladder step: journeys that reached it (or any later one) and the share of the step before that did. */
    record LinkFunnelStep(FunnelStep step, long journeys, BigDecimal conversion) {}

    record LinkFunnelAbandoned(FunnelStep step, long journeys) {}

    /** Journeys with at least one failed sign-in, and per reason how many journeys failed for it. */
    record LinkFunnelFailures(long journeys, Map<String, Long> reasons) {}

    record LinkFunnel(long journeys, List<LinkFunnelStep> steps, LinkFunnelFailures failed, long platformMissing,
            List<LinkFunnelAbandoned> abandoned) {}

    /** One group; only the key it is grouped by is present ({@code platformKey} absent: none chosen yet). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkFunnelGroup(String platformKey, String sourceType, LocalDate day, LinkFunnel funnel) {}

    record LinkAnalytics(LocalDate from, LocalDate to, String companyId, long abandonedAfterMinutes, LinkFunnel total,
            List<LinkFunnelGroup> byPlatform, List<LinkFunnelGroup> bySourceType, List<LinkFunnelGroup> byDay) {}

    private static final String QUERY = """
            with journey as (
                select j.id, coalesce(j.platform_key, '') as platform_key, coalesce(j.source_type, '') as source_type,
                       (j.started_utc at time zone 'UTC')::date as day,
                       j.last_step not in ('linked', 'failed') and j.last_step_utc < :idleBefore as abandoned,
                       j.last_step,
                       coalesce(max(case s.step when 'opened' then 1 when 'sourceTypeChosen' then 2
                                when 'platformChosen' then 3 when 'consentAgreed' then 4 when 'signInStarted' then 5
                                when 'linked' then 6 end), 0) as furthest,
                       bool_or(s.step = 'failed') is true as failed,
                       bool_or(s.failure_reason = 'cancelled') is true as failed_cancelled,
                       bool_or(s.failure_reason = 'organisationConflict') is true as failed_conflict,
                       bool_or(s.failure_reason = 'platformError') is true as failed_platform,
                       bool_or(s.step = 'platformMissing') is true as platform_missing
                from link_journey j left join link_journey_step s on s.journey_id = j.id
                where j.client_id = :client and j.started_utc >= :from and j.started_utc < :until
                  and (cast(:company as uuid) is null or j.company_id = cast(:company as uuid))
                group by j.id
            )
            select grouping(platform_key) as g_platform, grouping(source_type) as g_source, grouping(day) as g_day,
                   platform_key, source_type, day, count(*) as journeys,
                   count(*) filter (where furthest >= 1) as r1, count(*) filter (where furthest >= 2) as r2,
                   count(*) filter (where furthest >= 3) as r3, count(*) filter (where furthest >= 4) as r4,
                   count(*) filter (where furthest >= 5) as r5, count(*) filter (where furthest >= 6) as r6,
                   count(*) filter (where failed) as failed, count(*) filter (where failed_cancelled) as f_cancelled,
                   count(*) filter (where failed_conflict) as f_conflict,
                   count(*) filter (where failed_platform) as f_platform,
                   count(*) filter (where platform_missing) as platform_missing,
                   count(*) filter (where abandoned and last_step = 'opened') as a_opened,
                   count(*) filter (where abandoned and last_step = 'sourceTypeChosen') as a_source,
                   count(*) filter (where abandoned and last_step = 'platformChosen') as a_platform,
                   count(*) filter (where abandoned and last_step = 'consentAgreed') as a_consent,
                   count(*) filter (where abandoned and last_step = 'signInStarted') as a_signin,
                   count(*) filter (where abandoned and last_step = 'platformMissing') as a_missing
            from journey
            group by grouping sets ((), (platform_key), (source_type), (day))
            order by g_platform, g_source, g_day, platform_key, source_type, day
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LinkFunnelProperties properties;

    FunnelAnalytics(JdbcClient jdbc, Clock clock, LinkFunnelProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** The client's journeys that started from {@code from} to {@code to} (both whole UTC days), of one company or all. */
    @Transactional(readOnly = true)
    LinkAnalytics report(UUID client, LocalDate from, LocalDate to, UUID company) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("client", client);
        params.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        params.put("until", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        params.put("company", company == null ? null : company.toString());
        params.put("idleBefore", Timestamp.from(clock.instant().minus(properties.abandonedAfter())));
        LinkFunnel total = empty();
        List<LinkFunnelGroup> byPlatform = new ArrayList<>();
        List<LinkFunnelGroup> bySourceType = new ArrayList<>();
        List<LinkFunnelGroup> byDay = new ArrayList<>();
        for (Row row : jdbc.sql(QUERY).params(params).query(FunnelAnalytics::row).list()) {
            if (!row.platformGrouped()) {
                byPlatform.add(new LinkFunnelGroup(blankAsNull(row.platformKey()), null, null, row.funnel()));
            } else if (!row.sourceGrouped()) {
                bySourceType.add(new LinkFunnelGroup(null, blankAsNull(row.sourceType()), null, row.funnel()));
            } else if (!row.dayGrouped()) {
                byDay.add(new LinkFunnelGroup(null, null, row.day(), row.funnel()));
            } else {
                total = row.funnel();
            }
        }
        return new LinkAnalytics(from, to, company == null ? null : company.toString(),
                properties.abandonedAfter().toMinutes(), total, byPlatform, bySourceType, byDay);
    }

    private record Row(boolean platformGrouped, boolean sourceGrouped, boolean dayGrouped, String platformKey,
            String sourceType, LocalDate day, LinkFunnel funnel) {}

    private static Row row(ResultSet rs, int i) throws SQLException {
        long journeys = rs.getLong("journeys");
        long[] reached = new long[FunnelStep.LADDER.size()];
        List<LinkFunnelStep> steps = new ArrayList<>();
        for (int n = 0; n < reached.length; n++) {
            reached[n] = rs.getLong("r" + (n + 1));
            steps.add(new LinkFunnelStep(FunnelStep.LADDER.get(n), reached[n],
                    ratio(reached[n], n == 0 ? journeys : reached[n - 1])));
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put(FailureReason.CANCELLED.wire(), rs.getLong("f_cancelled"));
        reasons.put(FailureReason.ORGANISATION_CONFLICT.wire(), rs.getLong("f_conflict"));
        reasons.put(FailureReason.PLATFORM_ERROR.wire(), rs.getLong("f_platform"));
        String[] abandonedColumns = {"a_opened", "a_source", "a_platform", "a_consent", "a_signin", "a_missing"};
        List<LinkFunnelAbandoned> abandoned = new ArrayList<>();
        for (int n = 0; n < abandonedColumns.length; n++) {
            abandoned.add(new LinkFunnelAbandoned(ABANDONABLE.get(n), rs.getLong(abandonedColumns[n])));
        }
        java.sql.Date day = rs.getDate("day");
        return new Row(rs.getInt("g_platform") == 1, rs.getInt("g_source") == 1, rs.getInt("g_day") == 1,
                rs.getString("platform_key"), rs.getString("source_type"), day == null ? null : day.toLocalDate(),
                new LinkFunnel(journeys, steps, new LinkFunnelFailures(rs.getLong("failed"), reasons),
                        rs.getLong("platform_missing"), abandoned));
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static LinkFunnel empty() {
        List<LinkFunnelStep> steps = FunnelStep.LADDER.stream().map(s -> new LinkFunnelStep(s, 0, null)).toList();
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (FailureReason reason : FailureReason.values()) {
            reasons.put(reason.wire(), 0L);
        }
        return new LinkFunnel(0, steps, new LinkFunnelFailures(0, reasons),
                0, ABANDONABLE.stream().map(s -> new LinkFunnelAbandoned(s, 0)).toList());
    }
}
