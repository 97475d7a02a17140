package dev.bridgekeeper.connector.xero.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.bridgekeeper.connector.emulator.HttpExchanges;
import dev.bridgekeeper.connector.emulator.OpenApiRequestCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated Accounting API under {@code /api.xro/2.0}: GET endpoints a Codat accounting connector reads, with
 * Xero's paging, If-Modified-Since, where/order, archived and deleted records, reports and attachments. Each
 * request is checked against Xero's OpenAPI file, then authorised (token, xero-tenant-id, scope), then counted
 * against the rate limits, then answered.
 */
final class AccountingApi {

    static final String BASE = "/api.xro/2.0";
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int JOURNALS_PER_CALL = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A readable endpoint: its records' id field and whether it pages. */
    private record Endpoint(String name, String idField, boolean paged) {}

    private static final Map<String, Endpoint> ENDPOINTS = Arrays.stream(new Endpoint[] {
        new Endpoint("Accounts", "AccountID", false),
        new Endpoint("Contacts", "ContactID", true),
        new Endpoint("Invoices", "InvoiceID", true),
        new Endpoint("CreditNotes", "CreditNoteID", true),
        new Endpoint("Payments", "PaymentID", true),
        new Endpoint("BankTransactions", "BankTransactionID", true),
        new Endpoint("BankTransfers", "BankTransferID", false),
        new Endpoint("Items", "ItemID", false),
        new Endpoint("TaxRates", "TaxType", false),
        new Endpoint("TrackingCategories", "TrackingCategoryID", false),
        new Endpoint("ManualJournals", "ManualJournalID", true),
        new Endpoint("Currencies", "Code", false),
        new Endpoint("PurchaseOrders", "PurchaseOrderID", true),
        new Endpoint("Overpayments", "OverpaymentID", true),
        new Endpoint("Prepayments", "PrepaymentID", true),
    }).collect(Collectors.toMap(e -> e.name().toLowerCase(Locale.ROOT), e -> e));

    /** A complete answer, written now or after an injected delay. */
    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Answer json(int status, Object body) {
            return new Answer(status, "application/json; charset=utf-8",
                    JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        static Answer text(int status, String text) {
            return new Answer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8),
                    new LinkedHashMap<>());
        }
    }

    private final XeroEmulator emulator;
    private final IdentityServer identity;
    private final GrantStore grants;
    private final RateLimiter limiter;
    private final EmulatorStats stats;
    private final FaultPlan faults;
    private final ScheduledExecutorService delays;
    private final OpenApiRequestCheck check = OpenApiRequestCheck.of(VendorSpec.ACCOUNTING);

    AccountingApi(XeroEmulator emulator, IdentityServer identity, GrantStore grants, RateLimiter limiter,
            EmulatorStats stats, FaultPlan faults, ScheduledExecutorService delays) {
        this.emulator = emulator;
        this.identity = identity;
        this.grants = grants;
        this.limiter = limiter;
        this.stats = stats;
        this.faults = faults;
        this.delays = delays;
    }

    void handle(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring(BASE.length());
        List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
        UUID tenant = IdentityServer.parseUuid(exchange.getRequestHeaders().getFirst("xero-tenant-id"));
        stats.apiCallArrived(tenant, exchange.getRequestMethod() + " " + endpointKey(segments));
        boolean[] admitted = {false};
        Answer answer;
        Duration delay = Duration.ZERO;
        try {
            FaultPlan.Fault fault = faults.next();
            if (fault != null) {
                stats.faultInjected();
            }
            if (fault != null && fault.beforeCounting()) {
                // queued in front of Xero: looked at (and counted) only after the delay, then answered at once
                delays.schedule(() -> {
                    Answer late;
                    try {
                        late = process(exchange, segments, tenant, admitted);
                    } catch (RuntimeException e) {
                        late = Answer.text(500, "An error occurred in the Xero emulator: " + e);
                    }
                    finish(exchange, late, tenant, admitted[0]);
                }, fault.delay().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            if (fault != null && !fault.isDelayOnly()) {
                answer = injected(fault, tenant);
            } else {
                delay = fault == null ? Duration.ZERO : fault.delay();
                answer = process(exchange, segments, tenant, admitted);
            }
        } catch (RuntimeException e) {
            answer = Answer.text(500, "An error occurred in the Xero emulator: " + e);
        }
        Answer done = answer;
        if (delay.isZero()) {
            finish(exchange, done, tenant, admitted[0]);
        } else {
            delays.schedule(() -> finish(exchange, done, tenant, admitted[0]), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void finish(HttpExchange exchange, Answer answer, UUID tenant, boolean admitted) {
        try {
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        } finally {
            exchange.close();
            if (admitted) {
                limiter.release(tenant);
            }
            stats.apiCallAnswered(tenant, answer.status());
        }
    }

    private Answer injected(FaultPlan.Fault fault, UUID tenant) {
        if (fault.status() == 429) {
            stats.rateLimited(fault.rateLimitProblem());
            Answer answer = Answer.text(429, "");
            answer.headers().put("Retry-After", String.valueOf(fault.retryAfterSeconds()));
            answer.headers().put("X-Rate-Limit-Problem", fault.rateLimitProblem());
            if (tenant != null) {
                remaining(answer, limiter.peek(tenant));
            }
            return answer;
        }
        return Answer.text(fault.status(), fault.status() == 503 ? "The Xero API is temporarily unavailable"
                : "An error occurred");
    }

    private Answer process(HttpExchange exchange, List<String> segments, UUID tenant, boolean[] admitted) {
        Map<String, List<String>> query = HttpExchanges.query(exchange.getRequestURI());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")) {
                headers.put(name, values);
            }
        });
        List<String> problems = check.violations(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
                headers, "");
        if (!problems.isEmpty()) {
            stats.violation(new EmulatorStats.Violation(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                            : "?" + exchange.getRequestURI().getRawQuery()), problems));
        }
        GrantStore.AccessToken token = identity.bearer(exchange);
        String tokenProblem = grants.problemWith(token);
        if (tokenProblem != null) {
            return unauthorized(tokenProblem, "invalid_token");
        }
        if (tenant == null || !grants.isConnected(token.grant.user, token.grant.app, tenant)
                || emulator.ledger(tenant) == null) {
            return problem(403, "Forbidden", "AuthenticationUnsuccessful");
        }
        String specPath = specPath(segments);
        if (specPath != null && !XeroScopes.allowsGet(token.grant.scopes, specPath, scopeEndpoint(segments))) {
            return unauthorized("AuthorizationUnsuccessful", "insufficient_scope");
        }
        RateLimiter.Decision decision = limiter.admit(tenant);
        if (!decision.admitted()) {
            stats.rateLimited(decision.problem().header);
            Answer answer = Answer.text(429, "");
            answer.headers().put("X-Rate-Limit-Problem", decision.problem().header);
            if (decision.problem() != RateLimiter.Problem.CONCURRENT) {
                answer.headers().put("Retry-After", String.valueOf(decision.retryAfterSeconds()));
            }
            return remaining(answer, decision);
        }
        admitted[0] = true;
        Answer answer;
        if (!problems.isEmpty()) {
            answer = validationError(problems);
        } else if (!exchange.getRequestMethod().equals("GET")) {
            answer = Answer.text(405, "The emulator serves reads only");
        } else {
            try {
                answer = read(segments, query, exchange, emulator.ledger(tenant), token.grant.app);
            } catch (IllegalArgumentException e) {
                answer = validationError(List.of(e.getMessage()));
            }
        }
        return remaining(answer, decision);
    }

    // ---- reads ----

    private Answer read(List<String> segments, Map<String, List<String>> query, HttpExchange exchange, Ledger ledger,
            XeroApp app) {
        if (segments.isEmpty()) {
            return notFound();
        }
        String head = segments.get(0).toLowerCase(Locale.ROOT);
        if (head.equals("organisation") && segments.size() == 1) {
            ObjectNode out = envelope(app);
            out.putArray("Organisations").add(ledger.organisationRecord());
            return Answer.json(200, out);
        }
        if (head.equals("reports") && segments.size() == 2) {
            return report(segments.get(1), query, ledger, app);
        }
        if (head.equals("journals")) {
            return journals(segments, query, exchange, ledger, app);
        }
        Endpoint endpoint = ENDPOINTS.get(head);
        if (endpoint == null) {
            return notFound();
        }
        if (segments.size() == 1) {
            return list(endpoint, query, exchange, ledger, app);
        }
        ObjectNode record = ledger.record(endpoint.name(), segments.get(1));
        if (record == null) {
            return notFound();
        }
        if (segments.size() == 2) {
            ObjectNode out = envelope(app);
            out.putArray(endpoint.name()).add(record);
            return Answer.json(200, out);
        }
        if (segments.get(2).equalsIgnoreCase("Attachments")) {
            return attachments(endpoint, record, segments, ledger, app);
        }
        return notFound();
    }

    private Answer list(Endpoint endpoint, Map<String, List<String>> query, HttpExchange exchange, Ledger ledger,
            XeroApp app) {
        List<ObjectNode> records = new ArrayList<>(ledger.records(endpoint.name()));
        String name = endpoint.name();
        // hidden unless asked for (Contacts and TrackingCategories: includeArchived; BankTransfers: includeDeleted)
        if ((name.equals("Contacts") || name.equals("TrackingCategories")) && !flag(query, "includeArchived")) {
            String field = name.equals("Contacts") ? "ContactStatus" : "Status";
            records.removeIf(r -> r.path(field).asString("").equals("ARCHIVED"));
        }
        if (name.equals("BankTransfers") && !flag(query, "includeDeleted")) {
            records.removeIf(r -> Ledger.isStatus(r, "DELETED"));
        }
        Instant since = VendorSpec.acceptsIfModifiedSince("/" + name) ? modifiedSince(exchange) : null;
        if (since != null) {
            String field = name.equals("BankTransfers") ? "CreatedDateUTC" : "UpdatedDateUTC";
            records.removeIf(r -> {
                Instant at = XeroDates.parseMsJson(r.path(field).asString(""));
                return at == null || at.isBefore(since);
            });
        }
        filterByList(records, query, "IDs", endpoint.idField());
        filterByList(records, query, "InvoiceNumbers", "InvoiceNumber");
        filterByList(records, query, "ContactIDs", "Contact.ContactID");
        filterByList(records, query, "Statuses", "Status");
        String status = param(query, "Status");
        if (status != null && name.equals("PurchaseOrders")) {
            records.removeIf(r -> !status.equalsIgnoreCase(r.path("Status").asString("")));
        }
        LocalDate dateFrom = XeroDates.parseDate(param(query, "DateFrom"));
        LocalDate dateTo = XeroDates.parseDate(param(query, "DateTo"));
        if (dateFrom != null || dateTo != null) {
            records.removeIf(r -> {
                Instant at = XeroDates.parseMsJson(r.path("Date").asString(""));
                LocalDate d = at == null ? null : LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
                return d == null || (dateFrom != null && d.isBefore(dateFrom)) || (dateTo != null && d.isAfter(dateTo));
            });
        }
        String where = param(query, "where");
        if (where != null && !where.isBlank()) {
            Predicate<JsonNode> predicate = WhereClause.parse(where);
            records.removeIf(predicate.negate());
        }
        String term = param(query, "searchTerm");
        if (term != null && !term.isBlank()) {
            String needle = term.toLowerCase(Locale.ROOT);
            List<String> fields = name.equals("Contacts")
                    ? List.of("Name", "FirstName", "LastName", "ContactNumber", "CompanyNumber", "EmailAddress")
                    : List.of("InvoiceNumber", "Reference");
            records.removeIf(r -> fields.stream().noneMatch(f -> r.path(f).asString("").toLowerCase(Locale.ROOT)
                    .contains(needle)));
        }
        if (flag(query, "createdByMyApp")) {
            records.clear();
        }
        String order = param(query, "order");
        if (order != null && !order.isBlank()) {
            Comparator<JsonNode> comparator = WhereClause.order(order);
            records.sort(comparator::compare);
        }
        ObjectNode out = envelope(app);
        String pageParam = param(query, "page");
        boolean stripLines = flag(query, "summaryOnly");
        List<ObjectNode> page = records;
        if (endpoint.paged() && pageParam != null) {
            int pageNumber = Math.max(1, Integer.parseInt(pageParam.trim()));
            String sizeParam = param(query, "pageSize");
            int pageSize = sizeParam == null ? DEFAULT_PAGE_SIZE
                    : Math.min(MAX_PAGE_SIZE, Math.max(1, Integer.parseInt(sizeParam.trim())));
            int from = Math.min(records.size(), (pageNumber - 1) * pageSize);
            page = records.subList(from, Math.min(records.size(), from + pageSize));
            ObjectNode pagination = out.putObject("pagination");
            pagination.put("page", pageNumber);
            pagination.put("pageSize", pageSize);
            pagination.put("pageCount", (records.size() + pageSize - 1) / pageSize);
            pagination.put("itemCount", records.size());
        } else if (endpoint.paged() && linesOnlyWhenPaged(name)) {
            // Xero's description: line items come "with paging"; an unpaged list carries none
            stripLines = true;
        }
        ArrayNode array = out.putArray(name);
        for (ObjectNode record : page) {
            if (stripLines && (record.has("LineItems") || record.has("JournalLines"))) {
                ObjectNode copy = record.deepCopy();
                copy.remove("LineItems");
                copy.remove("JournalLines");
                array.add(copy);
            } else {
                array.add(record);
            }
        }
        return Answer.json(200, out);
    }

    /** Whether the OpenAPI file's {@code page} parameter for this endpoint says line items come with paging. */
    private static boolean linesOnlyWhenPaged(String name) {
        for (JsonNode parameter : VendorSpec.accounting().path("paths").path("/" + name).path("get").path("parameters")) {
            if (parameter.path("name").asString("").equals("page")) {
                return parameter.path("description").asString("").toLowerCase(Locale.ROOT).contains("line items");
            }
        }
        return false;
    }

    private Answer journals(List<String> segments, Map<String, List<String>> query, HttpExchange exchange,
            Ledger ledger, XeroApp app) {
        List<ObjectNode> journals = new ArrayList<>(ledger.journals());
        journals.sort(Comparator.comparingInt(j -> j.path("JournalNumber").asInt(0)));
        ObjectNode out = envelope(app);
        ArrayNode array = out.putArray("Journals");
        if (segments.size() == 2) {
            String key = segments.get(1);
            journals.stream().filter(j -> key.equalsIgnoreCase(j.path("JournalID").asString(""))
                    || key.equals(String.valueOf(j.path("JournalNumber").asInt(-1)))).findFirst().ifPresent(array::add);
            return array.isEmpty() ? notFound() : Answer.json(200, out);
        }
        if (segments.size() > 2) {
            return notFound();
        }
        String offsetParam = param(query, "offset");
        int offset = offsetParam == null ? 0 : Integer.parseInt(offsetParam.trim());
        Instant since = modifiedSince(exchange);
        journals.stream()
                .filter(j -> j.path("JournalNumber").asInt(0) > offset)
                .filter(j -> since == null || !XeroDates.parseMsJson(j.path("CreatedDateUTC").asString("")).isBefore(since))
                .limit(JOURNALS_PER_CALL)
                .forEach(array::add);
        return Answer.json(200, out);
    }

    private Answer report(String name, Map<String, List<String>> query, Ledger ledger, XeroApp app) {
        XeroReports reports = new XeroReports(ledger, emulator.clock().instant());
        int periods = param(query, "periods") == null ? 0 : Integer.parseInt(param(query, "periods").trim());
        if (periods < 0 || periods > 11) {
            throw new IllegalArgumentException("periods must be between 1 and 11");
        }
        String timeframe = param(query, "timeframe");
        ObjectNode report = switch (name.toLowerCase(Locale.ROOT)) {
            case "profitandloss" -> reports.profitAndLoss(XeroDates.parseDate(param(query, "fromDate")),
                    XeroDates.parseDate(param(query, "toDate")), periods, timeframe, paymentsOnly(query));
            case "balancesheet" -> reports.balanceSheet(XeroDates.parseDate(param(query, "date")), periods, timeframe);
            case "trialbalance" -> reports.trialBalance(XeroDates.parseDate(param(query, "date")));
            case "agedreceivablesbycontact", "agedpayablesbycontact" -> {
                String contactId = param(query, "contactId");
                if (contactId == null || ledger.record("Contacts", contactId) == null) {
                    throw new IllegalArgumentException("contactId must name a contact of this organisation");
                }
                yield reports.aged(name.toLowerCase(Locale.ROOT).startsWith("agedreceivables"), contactId,
                        XeroDates.parseDate(param(query, "date")), XeroDates.parseDate(param(query, "fromDate")),
                        XeroDates.parseDate(param(query, "toDate")));
            }
            default -> null;
        };
        if (report == null) {
            JsonNode example = VendorSpec.exampleBody("/Reports/" + name);
            return example.isMissingNode() ? notFound() : Answer.json(200, example);
        }
        ObjectNode out = envelope(app);
        out.putArray("Reports").add(report);
        return Answer.json(200, out);
    }

    /**
     * The ProfitAndLoss {@code paymentsOnly} flag (OAS-A: "Return cash only basis"): absent means false; anything
     * but true or false is refused like a malformed {@code periods}, as a validation error.
     */
    private static boolean paymentsOnly(Map<String, List<String>> query) {
        String value = param(query, "paymentsOnly");
        if (value == null || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("paymentsOnly must be true or false");
    }

    private Answer attachments(Endpoint endpoint, ObjectNode record, List<String> segments, Ledger ledger,
            XeroApp app) {
        String recordId = record.path(endpoint.idField()).asString();
        List<Ledger.Attachment> stored = ledger.attachments(recordId);
        if (segments.size() == 3) {
            ObjectNode out = envelope(app);
            ArrayNode array = out.putArray("Attachments");
            for (Ledger.Attachment a : stored) {
                ObjectNode node = array.addObject();
                node.put("AttachmentID", a.attachmentId().toString());
                node.put("FileName", a.fileName());
                node.put("Url", emulator.apiBaseUrl() + "/" + endpoint.name() + "/" + recordId + "/Attachments/"
                        + a.fileName());
                node.put("MimeType", a.mimeType());
                node.put("ContentLength", a.content().length);
            }
            return Answer.json(200, out);
        }
        if (segments.size() == 4) {
            String key = segments.get(3);
            for (Ledger.Attachment a : stored) {
                if (a.attachmentId().toString().equalsIgnoreCase(key) || a.fileName().equals(key)) {
                    return new Answer(200, a.mimeType(), a.content(), new LinkedHashMap<>());
                }
            }
        }
        return notFound();
    }

    // ---- answers ----

    private ObjectNode envelope(XeroApp app) {
        ObjectNode out = JSON.createObjectNode();
        out.put("Id", UUID.randomUUID().toString());
        out.put("Status", "OK");
        out.put("ProviderName", app.name());
        out.put("DateTimeUTC", XeroDates.msJsonNoOffset(emulator.clock().instant()));
        return out;
    }

    private static Answer remaining(Answer answer, RateLimiter.Decision d) {
        answer.headers().put("X-DayLimit-Remaining", String.valueOf(Math.max(0, d.dayRemaining())));
        answer.headers().put("X-MinLimit-Remaining", String.valueOf(Math.max(0, d.minuteRemaining())));
        answer.headers().put("X-AppMinLimit-Remaining", String.valueOf(Math.max(0, d.appMinuteRemaining())));
        return answer;
    }

    /** Xero's 400 body (components.schemas.Error; example ErrorNumber 10, ValidationException). */
    private static Answer validationError(List<String> messages) {
        ObjectNode out = JSON.createObjectNode();
        out.put("ErrorNumber", 10);
        out.put("Type", "ValidationException");
        out.put("Message", "A validation exception occurred");
        ArrayNode errors = out.putArray("Elements").addObject().putArray("ValidationErrors");
        messages.forEach(m -> errors.addObject().put("Message", m));
        return Answer.json(400, out);
    }

    private static Answer unauthorized(String detail, String error) {
        Answer answer = problem(401, "Unauthorized", detail);
        answer.headers().put("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        return answer;
    }

    private static Answer problem(int status, String title, String detail) {
        ObjectNode out = JSON.createObjectNode();
        out.putNull("Type");
        out.put("Title", title);
        out.put("Status", status);
        out.put("Detail", detail);
        out.put("Instance", UUID.randomUUID().toString());
        out.putObject("Extensions");
        return Answer.json(status, out);
    }

    private static Answer notFound() {
        return Answer.text(404, "The resource you're looking for cannot be found");
    }

    // ---- request helpers ----

    /** The OpenAPI template path of a request (for its scopes), e.g. /Invoices/{InvoiceID}. */
    private static String specPath(List<String> segments) {
        if (segments.isEmpty()) {
            return null;
        }
        String head = segments.get(0).toLowerCase(Locale.ROOT);
        if (head.equals("organisation")) {
            return "/Organisation";
        }
        if (head.equals("reports") && segments.size() == 2) {
            return canonicalReport(segments.get(1));
        }
        if (head.equals("journals")) {
            return segments.size() == 1 ? "/Journals" : "/Journals/{JournalID}";
        }
        Endpoint endpoint = ENDPOINTS.get(head);
        if (endpoint == null) {
            return null;
        }
        String base = "/" + endpoint.name();
        return switch (segments.size()) {
            case 1 -> base;
            case 2 -> base + "/{" + endpoint.idField() + "}";
            case 3 -> base + "/{" + endpoint.idField() + "}/Attachments";
            default -> base + "/{" + endpoint.idField() + "}/Attachments/{AttachmentID}";
        };
    }

    private static String canonicalReport(String name) {
        for (String path : VendorSpec.accounting().path("paths").propertyNames()) {
            if (path.equalsIgnoreCase("/Reports/" + name)) {
                return path;
            }
        }
        return null;
    }

    private static String scopeEndpoint(List<String> segments) {
        if (segments.isEmpty()) {
            return "";
        }
        String head = segments.get(0).toLowerCase(Locale.ROOT);
        if (head.equals("reports") && segments.size() == 2) {
            String canonical = canonicalReport(segments.get(1));
            return canonical == null ? "" : canonical.substring(1);
        }
        Endpoint endpoint = ENDPOINTS.get(head);
        return endpoint == null ? segments.get(0) : endpoint.name();
    }

    private static String endpointKey(List<String> segments) {
        if (segments.isEmpty()) {
            return "/";
        }
        String specPath = specPath(segments);
        return specPath != null ? specPath : "/" + String.join("/", segments);
    }

    private static Instant modifiedSince(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (header == null) {
            return null;
        }
        Instant since = XeroDates.parseModifiedSince(header);
        if (since == null) {
            throw new IllegalArgumentException("If-Modified-Since is not a date: " + header);
        }
        return since;
    }

    private static void filterByList(List<ObjectNode> records, Map<String, List<String>> query, String parameter,
            String field) {
        String raw = param(query, parameter);
        if (raw == null || raw.isBlank()) {
            return;
        }
        Set<String> wanted = Arrays.stream(raw.split(",")).map(s -> s.trim().replace("\"", "").toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        records.removeIf(r -> {
            Object value = WhereClause.member(r, field);
            return value == null || !wanted.contains(value.toString().toLowerCase(Locale.ROOT));
        });
    }

    /** A query parameter, matched without regard to case (Xero's own examples mix fromDate and FromDate). */
    private static String param(Map<String, List<String>> query, String name) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return String.join(",", e.getValue());
            }
        }
        return null;
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        return "true".equalsIgnoreCase(param(query, name));
    }
}
