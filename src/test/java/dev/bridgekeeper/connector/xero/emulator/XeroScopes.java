package dev.bridgekeeper.connector.xero.emulator;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which scopes exist and which let a token read an endpoint.
 *
 * <p>Broad accounting scopes and the endpoints they open come from Xero's OpenAPI file. The granular scopes for
 * apps created on or after 2 March 2026 are not in that file (version 16.1.0); the list below is taken from
 * integrators' reports of Xero's change (sources in docs/connectors/xero.md), and names found in none of them
 * are left out so the emulator does not accept a scope real Xero might refuse.
 */
final class XeroScopes {

    /** OpenID Connect and offline access (developer.xero.com/documentation/oauth2/scopes). */
    static final Set<String> USER_SCOPES = Set.of("openid", "profile", "email", "offline_access");

    /** Scopes of Xero's other APIs, accepted at authorize although this emulator serves no endpoint for them. */
    static final Set<String> OTHER_API_SCOPES = Set.of("files", "files.read", "assets", "assets.read", "projects",
            "projects.read", "payroll.employees", "payroll.employees.read", "payroll.payruns",
            "payroll.payruns.read", "payroll.payslip", "payroll.payslip.read", "payroll.timesheets",
            "payroll.timesheets.read", "payroll.settings", "payroll.settings.read", "bankfeeds");

    /** The two broad scopes refused to apps created on or after 2 March 2026. */
    static final Set<String> RETIRED_FOR_NEW_APPS = Set.of("accounting.transactions", "accounting.transactions.read",
            "accounting.reports.read");

    /** Granular scope (read-write form; the ".read" form opens the same endpoints for GET) → endpoints. */
    static final Map<String, List<String>> GRANULAR = Map.of(
            "accounting.invoices", List.of("Invoices", "CreditNotes", "LinkedTransactions", "PurchaseOrders", "Quotes",
                    "RepeatingInvoices", "Items"),
            "accounting.payments", List.of("BatchPayments", "Overpayments", "Payments", "Prepayments"),
            "accounting.banktransactions", List.of("BankTransactions", "BankTransfers"),
            "accounting.manualjournals", List.of("ManualJournals"),
            "accounting.reports.aged.read", List.of("Reports/AgedPayablesByContact", "Reports/AgedReceivablesByContact"),
            "accounting.reports.balancesheet.read", List.of("Reports/BalanceSheet"),
            "accounting.reports.profitandloss.read", List.of("Reports/ProfitAndLoss"),
            "accounting.reports.trialbalance.read", List.of("Reports/TrialBalance"),
            "accounting.reports.executivesummary.read", List.of("Reports/ExecutiveSummary"));

    private XeroScopes() {}

    /** Every scope the emulated authorize endpoint accepts. */
    static Set<String> known() {
        Set<String> known = new LinkedHashSet<>(USER_SCOPES);
        known.addAll(OTHER_API_SCOPES);
        known.addAll(VendorSpec.declaredScopes());
        GRANULAR.keySet().forEach(scope -> {
            known.add(scope);
            if (!scope.endsWith(".read")) {
                known.add(scope + ".read");
            }
        });
        known.add("accounting.reports.bankstatement.read");
        return known;
    }

    static Set<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return new LinkedHashSet<>();
        }
        return Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Whether {@code granted} lets a token GET {@code specPath} (e.g. {@code /Invoices/{InvoiceID}}): one of the
     * scopes the OpenAPI file lists for it, or a granular scope covering its endpoint.
     */
    static boolean allowsGet(Set<String> granted, String specPath, String endpoint) {
        Set<String> needed = VendorSpec.getScopes(specPath);
        if (needed.isEmpty() || needed.stream().anyMatch(granted::contains)) {
            return true;
        }
        return GRANULAR.entrySet().stream()
                .filter(e -> e.getValue().contains(endpoint))
                .anyMatch(e -> granted.contains(e.getKey()) || granted.contains(e.getKey() + ".read"));
    }
}
