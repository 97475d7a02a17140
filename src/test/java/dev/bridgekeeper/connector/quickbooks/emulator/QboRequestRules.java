package dev.bridgekeeper.connector.quickbooks.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every rule the emulator holds a client's requests to, in one place. Where Intuit publishes a
 * machine-readable description (the V3 XSD) bodies are checked against it with the JDK's XML Schema
 * validator; paths, parameters, headers, minorversion and the query grammar have no published
 * machine-readable description, so they are checked here against the documentation pages named in
 * {@code docs/connectors/quickbooks-online.md}. Every breach is recorded; tests assert there are none.
 */
public final class QboRequestRules {

    /** One breach: which rule, on which request, and what was wrong. */
    public record Violation(String rule, String request, String detail) { }

    /** Entities the CDC page says change data capture does not cover. */
    static final Set<String> NOT_IN_CDC = Set.of("JournalCode", "TaxAgency", "TimeActivity", "TaxCode", "TaxRate");

    static final Map<String, Set<String>> REPORT_PARAMS = Map.of(
            "ProfitAndLoss", Set.of("start_date", "end_date", "date_macro", "accounting_method", "summarize_column_by",
                    "customer", "vendor", "item", "class", "department", "minorversion"),
            "BalanceSheet", Set.of("start_date", "end_date", "date_macro", "accounting_method", "summarize_column_by",
                    "customer", "vendor", "item", "class", "department", "minorversion"),
            "AgedReceivables", Set.of("report_date", "date_macro", "aging_period", "num_periods", "aging_method",
                    "customer", "term", "department", "past_due", "columns", "minorversion"),
            "AgedPayables", Set.of("report_date", "date_macro", "aging_period", "num_periods", "aging_method",
                    "vendor", "term", "department", "past_due", "columns", "minorversion"));

    /** Report.xsd's SummarizeColumnsByEnum: the values {@code summarize_column_by} takes (Total and Month are emulated). */
    static final Set<String> SUMMARIZE_COLUMNS_BY = Set.of("Total", "Year", "Quarter", "FiscalYear", "FiscalQuarter",
            "Month", "Week", "Days", "Customers", "Vendors", "Employees", "Departments", "Classes", "ProductsAndServices");

    private final List<Violation> violations = new ArrayList<>();
    private final QboSettings settings;

    QboRequestRules(QboSettings settings) {
        this.settings = settings;
    }

    synchronized void breach(String rule, String request, String detail) {
        violations.add(new Violation(rule, request, detail));
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    public synchronized void clear() {
        violations.clear();
    }

    // ---- Accounting API ----

    /** Headers every Accounting API call needs: a bearer token, and Accept: application/json (Intuit answers XML otherwise). */
    void checkApiHeaders(String request, String accept, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            breach("api.authorization", request, "Authorization must be 'Bearer <access token>'");
        }
        if (accept == null || !accept.toLowerCase().contains("application/json")) {
            breach("api.accept", request, "Accept must include application/json; without it Intuit answers in XML");
        }
    }

    /**
     * minorversion: optional; since 2025-08-01 values below the base (75) are ignored and answered as 75,
     * which a connector should not rely on; above the latest published one is not a documented version.
     */
    void checkMinorVersion(String request, String value) {
        if (value == null) return;
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            breach("api.minorversion", request, "minorversion '" + value + "' is not a number");
            return;
        }
        if (v < settings.baseMinorVersion()) {
            breach("api.minorversion", request, "minorversion " + v + " is below " + settings.baseMinorVersion() + " and is ignored by Intuit");
        } else if (v > settings.latestMinorVersion()) {
            breach("api.minorversion", request, "minorversion " + v + " is above the latest published (" + settings.latestMinorVersion() + ")");
        }
    }

    void checkParams(String request, Map<String, String> params, Set<String> allowed) {
        for (String p : params.keySet()) {
            if (!allowed.contains(p)) breach("api.params", request, "unknown query parameter '" + p + "'");
        }
    }

    /** Bodies of create/update/delete: the entity must be valid against Intuit's XSD. */
    void checkEntityBody(String request, String entity, JsonNode body) {
        for (String error : XsdJsonValidator.intuitV3().validate(entity, body)) {
            breach("xsd." + entity, request, error);
        }
    }

    void checkBatchBody(String request, JsonNode body) {
        for (String error : XsdJsonValidator.intuitV3().validate("IntuitBatchRequest", body)) {
            breach("xsd.IntuitBatchRequest", request, error);
        }
    }

    /** Answers are checked too when asked: the emulator must not teach a connector a shape Intuit never sends. */
    void checkAnswer(String request, String element, JsonNode body) {
        for (String error : XsdJsonValidator.intuitV3().validate(element, body)) {
            breach("xsd.answer." + element, request, error);
        }
    }
}
