package dev.bridgekeeper.link.funnel;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Link journey funnel for the lender's back end (API key): what its customers did in Link, step by step. */
@RestController
@Tag(name = "Link analytics", description = "The Link journey funnel (Bridgekeeper extension)")
class LinkAnalyticsController {

    static final String PATH = "/link/analytics";

    private final FunnelAnalytics analytics;
    private final CompanyDirectory companies;
    private final LinkFunnelProperties properties;
    private final Clock clock;

    LinkAnalyticsController(FunnelAnalytics analytics, CompanyDirectory companies, LinkFunnelProperties properties,
            Clock clock) {
        this.analytics = analytics;
        this.companies = companies;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(operationId = "get-link-analytics", summary = "Get the Link journey funnel (Bridgekeeper extension)",
            description = "Journeys that started in the date range (UTC days, both included): how many reached each"
                    + " step (opened, sourceTypeChosen, platformChosen, consentAgreed, signInStarted, linked) and the"
                    + " share of the step before that did, failed sign-ins by reason, \"Can't find yours?\", and"
                    + " where journeys idle for longer than abandonedAfterMinutes were abandoned; overall, per"
                    + " platform, per source type and per day.")
    @GetMapping(PATH)
    FunnelAnalytics.LinkAnalytics report(
            @Parameter(description = "First day, yyyy-MM-dd (default: 29 days before to)")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last day, yyyy-MM-dd (default: today, UTC)")
            @RequestParam(required = false) String to,
            @Parameter(description = "Only this company's journeys") @RequestParam(required = false) String companyId) {
        ValidationErrors errors = new ValidationErrors();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate last = date(to, "to", errors, today);
        LocalDate first = date(from, "from", errors, last == null ? null : last.minusDays(29));
        UUID company = null;
        if (companyId != null) {
            try {
                company = UUID.fromString(companyId);
            } catch (IllegalArgumentException e) {
                errors.reject("companyId", "\"companyId\" must be a company id (a UUID).");
            }
        }
        errors.throwIfAny();
        if (first.isAfter(last)) {
            throw ApiException.badRequest("from", "\"from\" must not be after \"to\".");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > properties.maxRangeDays()) {
            throw ApiException.badRequest("from", "The range can span at most " + properties.maxRangeDays()
                    + " days.");
        }
        Caller caller = Caller.current();
        if (company != null) {
            companies.require(caller.client(), CompanyId.of(company));
        }
        return analytics.report(caller.clientId(), first, last, company);
    }

    private static LocalDate date(String value, String field, ValidationErrors errors, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.reject(field, "\"" + field + "\" must be a date, yyyy-MM-dd.");
            return null;
        }
    }
}
