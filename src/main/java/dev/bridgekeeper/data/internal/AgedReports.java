package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.IsoInstants;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.sync.DataStatus;
import dev.bridgekeeper.sync.DataSync;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Codat's aged debtors and aged creditors reports, worked out from the cache as Codat does from its own: what
 * each customer (supplier) still owed on the report date, per currency, in periods of {@code periodLengthDays}
 * going back from the report date by the documents' issue dates, the last period open back to 0001-01-01. An
 * invoice (bill) owes its total less what was allocated to it before the report date; a credit note (bill credit
 * note) counts as minus what was left of it. A document's own {@code paymentAllocations} say what was allocated
 * when it has any; otherwise the payments (bill payments) whose lines link it do.
 */
@Component
class AgedReports {

    /** One side of the ledger: the party, its documents and the payments that settle them. */
    enum Side {
        DEBTORS("customers", "customerRef", "customerId", "customerName", "companyName", "invoices", "Invoices",
                "Invoice", "creditNotes", "CreditNotes", "payments", "aged debtors"),
        CREDITORS("suppliers", "supplierRef", "supplierId", "supplierName", "supplierName", "bills", "Bills", "Bill",
                "billCreditNotes", "BillCreditNotes", "billPayments", "aged creditors");

        final String parties, partyRef, idField, nameField, refNameField, documents, documentsName, documentLink,
                credits, creditsName, payments, title;

        Side(String parties, String partyRef, String idField, String nameField, String refNameField, String documents,
                String documentsName, String documentLink, String credits, String creditsName, String payments,
                String title) {
            this.parties = parties;
            this.partyRef = partyRef;
            this.idField = idField;
            this.nameField = nameField;
            this.refNameField = refNameField;
            this.documents = documents;
            this.documentsName = documentsName;
            this.documentLink = documentLink;
            this.credits = credits;
            this.creditsName = creditsName;
            this.payments = payments;
            this.title = title;
        }

        List<String> underlying() {
            return List.of(parties, documents, credits, payments);
        }
    }

    static final int DEFAULT_PERIODS = 4;
    static final int DEFAULT_PERIOD_DAYS = 30;
    static final int MAX_PERIODS = 100;
    static final int MAX_PERIOD_DAYS = 366;
    private static final LocalDate BEGINNING = LocalDate.of(1, 1, 1);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final CachedData data;
    private final DataSync sync;
    private final Clock clock;

    AgedReports(CachedData data, DataSync sync, Clock clock) {
        this.data = data;
        this.sync = sync;
        this.clock = clock;
    }

    /** Whether every data type the report is made from has been synced for the company. */
    boolean available(UUID companyId, Side side) {
        return missing(companyId, side).isEmpty();
    }

    JsonNode report(UUID companyId, Side side, String reportDate, Integer numberOfPeriods, Integer periodLengthDays) {
        ValidationErrors errors = new ValidationErrors();
        LocalDate date = reportDate == null || reportDate.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC))
                : date(reportDate.trim());
        if (date == null) {
            errors.reject("reportDate", "\"reportDate\" must be a date such as 2025-12-31.");
        }
        int periods = numberOfPeriods == null ? DEFAULT_PERIODS : numberOfPeriods;
        if (periods < 1 || periods > MAX_PERIODS) {
            errors.reject("numberOfPeriods", "\"numberOfPeriods\" must be 1 to " + MAX_PERIODS + ".");
        }
        int days = periodLengthDays == null ? DEFAULT_PERIOD_DAYS : periodLengthDays;
        if (days < 1 || days > MAX_PERIOD_DAYS) {
            errors.reject("periodLengthDays", "\"periodLengthDays\" must be 1 to " + MAX_PERIOD_DAYS + " days.");
        }
        errors.throwIfAny();
        List<String> missing = missing(companyId, side);
        if (!missing.isEmpty()) {
            throw ApiException.notFound("The " + side.title + " report of company " + companyId + " is made from "
                    + String.join(", ", side.underlying()) + "; queue " + String.join(", ", missing) + " first.");
        }
        return build(companyId, side, date, periods, days);
    }

    private List<String> missing(UUID companyId, Side side) {
        Map<String, DataStatus> statuses = sync.dataStatus(Caller.current().client(), CompanyId.of(companyId));
        return side.underlying().stream()
                .filter(t -> statuses.get(t) == null || statuses.get(t).lastSuccessfulSync() == null).toList();
    }

    private ObjectNode build(UUID companyId, Side side, LocalDate reportDate, int periods, int days) {
        Map<String, BigDecimal> allocated = allocatedByPayments(companyId, side, reportDate);
        // party id → currency → period → detail name → amount
        Map<String, Map<String, Map<Integer, Map<String, BigDecimal>>>> owed = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (JsonNode party : data.all(companyId, side.parties)) {
            names.put(party.path("id").asString(), party.path(side.nameField).asString(party.path("id").asString()));
        }
        for (boolean credit : new boolean[] {false, true}) {
            for (JsonNode document : data.all(companyId, credit ? side.credits : side.documents)) {
                LocalDate issued = date(document.path("issueDate").asString(""));
                String status = document.path("status").asString("");
                if (issued == null || !issued.isBefore(reportDate) || status.equals("Void") || status.equals("Draft")) {
                    continue;
                }
                JsonNode ref = document.path(side.partyRef);
                String partyId = ref.path("id").asString("");
                names.putIfAbsent(partyId, ref.path(side.refNameField).asString(partyId));
                BigDecimal total = decimal(document.path("totalAmount"));
                BigDecimal used = allocatedBefore(document, reportDate,
                        allocated.get((credit ? "c:" : "d:") + document.path("id").asString()));
                BigDecimal outstanding = credit ? used.subtract(total) : total.subtract(used);
                int period = Math.min(periods - 1, (int) ((reportDate.toEpochDay() - issued.toEpochDay() - 1) / days));
                owed.computeIfAbsent(partyId, k -> new TreeMap<>())
                        .computeIfAbsent(document.path("currency").asString("XXX"), k -> new TreeMap<>())
                        .computeIfAbsent(period, k -> new LinkedHashMap<>())
                        .merge(credit ? side.creditsName : side.documentsName, outstanding, BigDecimal::add);
            }
        }
        ArrayNode rows = NODES.arrayNode();
        owed.keySet().stream().sorted(Comparator.comparing((String id) -> names.getOrDefault(id, id))
                .thenComparing(Comparator.naturalOrder())).forEach(partyId -> {
                    ObjectNode row = rows.addObject();
                    row.put(side.idField, partyId);
                    row.put(side.nameField, names.getOrDefault(partyId, partyId));
                    ArrayNode currencies = row.putArray("agedCurrencyOutstanding");
                    owed.get(partyId).forEach((currency, byPeriod) -> {
                        ObjectNode outstanding = currencies.addObject();
                        outstanding.put("currency", currency);
                        ArrayNode amounts = outstanding.putArray("agedOutstandingAmounts");
                        for (int k = 0; k < periods; k++) {
                            amounts.add(period(reportDate, k, periods, days, byPeriod.getOrDefault(k, Map.of())));
                        }
                    });
                });
        ObjectNode report = NODES.objectNode();
        report.put("generated", IsoInstants.format(clock.instant()));
        report.put("reportDate", reportDate + "T00:00:00");
        report.set("data", rows);
        return report;
    }

    private static ObjectNode period(LocalDate reportDate, int k, int periods, int days,
            Map<String, BigDecimal> details) {
        ObjectNode period = NODES.objectNode();
        LocalDate to = reportDate.minusDays((long) k * days);
        LocalDate from = k == periods - 1 ? BEGINNING : to.minusDays(days);
        period.put("fromDate", from + "T00:00:00");
        period.put("toDate", to + "T00:00:00");
        period.put("amount", details.values().stream().reduce(ZERO, BigDecimal::add));
        ArrayNode list = period.putArray("details");
        details.forEach((name, amount) -> list.addObject().put("name", name).put("amount", amount));
        return period;
    }

    /**
     * What the payments made before the report date allocated to each document ({@code d:id}) and credit
     * ({@code c:id}): a link lowers what is owed by minus its amount, and uses a credit by its amount.
     */
    private Map<String, BigDecimal> allocatedByPayments(UUID companyId, Side side, LocalDate reportDate) {
        Map<String, BigDecimal> allocated = new HashMap<>();
        for (JsonNode payment : data.all(companyId, side.payments)) {
            LocalDate paid = date(payment.path("date").asString(""));
            if (paid == null || !paid.isBefore(reportDate)) {
                continue;
            }
            for (JsonNode line : payment.path("lines")) {
                for (JsonNode link : line.path("links")) {
                    String type = link.path("type").asString("");
                    BigDecimal amount = link.path("amount").isNumber() ? link.path("amount").decimalValue()
                            : decimal(line.path("amount")).negate();
                    if (type.equals(side.documentLink)) {
                        allocated.merge("d:" + link.path("id").asString(), amount.negate(), BigDecimal::add);
                    } else if (type.equals("CreditNote")) {
                        allocated.merge("c:" + link.path("id").asString(), amount, BigDecimal::add);
                    }
                }
            }
        }
        return allocated;
    }

    /** What was allocated to the document before the report date: its own allocations, else the payments'. */
    private static BigDecimal allocatedBefore(JsonNode document, LocalDate reportDate, BigDecimal byPayments) {
        JsonNode allocations = document.path("paymentAllocations");
        if (allocations.isArray() && !allocations.isEmpty()) {
            BigDecimal sum = ZERO;
            for (JsonNode a : allocations) {
                LocalDate on = date(a.path("allocation").path("allocatedOnDate").asString(""));
                if (on != null && on.isBefore(reportDate)) {
                    sum = sum.add(decimal(a.path("allocation").path("totalAmount")));
                }
            }
            return sum;
        }
        return byPayments == null ? ZERO : byPayments;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : ZERO;
    }

    /** The date of {@code 2025-12-31}, {@code 2025-12-31T10:00:00…}, or Codat's older {@code 31-12-2025}. */
    static LocalDate date(String text) {
        try {
            if (text.length() >= 10 && text.charAt(4) == '-') {
                return LocalDate.parse(text.substring(0, 10));
            }
            if (text.length() == 10 && text.charAt(2) == '-') {
                return LocalDate.parse(text, DateTimeFormatter.ofPattern("dd-MM-uuuu"));
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }
}
