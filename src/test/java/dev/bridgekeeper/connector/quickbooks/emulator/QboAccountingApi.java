package dev.bridgekeeper.connector.quickbooks.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v3/company/{realmId}/...}: query, cdc, single reads, reports, batch and writes, behind
 * Intuit's authentication, throttles and the test's injected faults. Every answer carries an
 * {@code intuit_tid} header as Intuit's do.
 */
final class QboAccountingApi {

    /** URL resource names (lower case, as Intuit's URLs use them) to entity names. */
    static final Map<String, String> RESOURCES = new HashMap<>();

    static {
        for (String e : QboCompany.ENTITIES) RESOURCES.put(e.toLowerCase(Locale.ROOT), e);
    }

    private final QboSettings settings;
    private final Clock clock;
    private final QboOAuth oauth;
    private final QboTraffic traffic;
    private final QboRequestRules rules;
    private final QboFaultInjector faults;
    private final Map<String, QboCompany> companies;

    QboAccountingApi(QboSettings settings, Clock clock, QboOAuth oauth, QboTraffic traffic, QboRequestRules rules,
                     QboFaultInjector faults, Map<String, QboCompany> companies) {
        this.settings = settings;
        this.clock = clock;
        this.oauth = oauth;
        this.traffic = traffic;
        this.rules = rules;
        this.faults = faults;
        this.companies = companies;
    }

    private final class Call {
        final HttpExchange ex;
        final String method;
        final String request;
        final String realmId;
        final List<String> rest;
        final Map<String, String> params;
        String endpoint = "unknown";

        Call(HttpExchange ex, String realmId, List<String> rest) {
            this.ex = ex;
            this.method = ex.getRequestMethod();
            this.realmId = realmId;
            this.rest = rest;
            this.params = QboWire.queryParams(ex);
            this.request = method + " " + ex.getRequestURI().getRawPath();
        }

        String time() {
            QboCompany c = companies.get(realmId);
            return QboWire.responseTime(clock.instant(), c == null ? settings.companyZone() : c.zone);
        }

        void answer(int status, ObjectNode body, String element) throws IOException {
            if (settings.validateResponses() && element != null && status == 200) rules.checkAnswer(request, element, body);
            traffic.record(new QboTraffic.Call(clock.instant(), method, ex.getRequestURI().getRawPath(), realmId, endpoint, status));
            QboWire.sendJson(ex, status, body);
        }

        void fault(int status, String type, String code, String message, String detail) throws IOException {
            answer(status, QboWire.fault(type, code, message, detail, null, time()), null);
        }
    }

    void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("intuit_tid", QboWire.newTid());
        String[] parts = ex.getRequestURI().getRawPath().split("/");
        // "", "v3", "company", realmId, rest...
        if (parts.length < 5 || !parts[1].equals("v3") || !parts[2].equals("company")) {
            rules.breach("api.path", ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath(), "not an Accounting API path");
            QboWire.sendJson(ex, 404, QboWire.fault("ValidationFault", "404", "Not Found", "Unknown path", null,
                    QboWire.responseTime(clock.instant(), settings.companyZone())));
            return;
        }
        Call call = new Call(ex, parts[3], List.of(parts).subList(4, parts.length));
        rules.checkApiHeaders(call.request, ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("Authorization"));
        rules.checkMinorVersion(call.request, call.params.get("minorversion"));
        QboOAuth.AccessToken token = oauth.accessToken(ex.getRequestHeaders().getFirst("Authorization"));
        if (token == null) {
            call.fault(401, "AuthenticationFault", "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                    oauth.knownButDead(ex.getRequestHeaders().getFirst("Authorization"))
                            ? "Token expired or revoked" : "Token invalid");
            return;
        }
        if (faults.takeUnauthorized()) {
            call.fault(401, "AuthenticationFault", "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                    "Token refused (injected by the test)");
            return;
        }
        if (faults.takeAuthenticationFaultIn200()) {
            call.fault(200, "AuthenticationFault", "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                    "injected AuthenticationFault inside an HTTP 200 answer");
            return;
        }
        if (!token.grant().realmId.equals(call.realmId) || !companies.containsKey(call.realmId)) {
            call.fault(403, "AuthorizationFault", "3100", "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
                    "The access token was not issued for company " + call.realmId);
            return;
        }
        boolean batch = call.rest.get(0).equals("batch");
        QboTraffic.Verdict verdict = traffic.enter(call.realmId, token.grant().clientId, batch);
        try {
            if (verdict != QboTraffic.Verdict.ADMITTED || faults.takeThrottle()) {
                call.endpoint = "throttled";
                if (settings.sendRetryAfter()) ex.getResponseHeaders().set("Retry-After", String.valueOf(traffic.window().toSeconds()));
                call.fault(429, "SERVICE", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.");
                return;
            }
            int serverError = faults.takeServerError();
            if (serverError > 0) {
                call.endpoint = "server-error";
                call.fault(serverError, "SystemFault", "10000", "An application error has occurred while processing your request",
                        "System Failure Error: injected by the test");
                return;
            }
            Duration slow = faults.takeSlow();
            if (!slow.isZero()) {
                try {
                    Thread.sleep(slow.toMillis()); // emulated server latency, while the request counts as in flight
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            route(call, token);
        } finally {
            traffic.leave(call.realmId, token.grant().clientId);
        }
    }

    private void route(Call call, QboOAuth.AccessToken token) throws IOException {
        String first = call.rest.get(0);
        QboCompany company = companies.get(call.realmId);
        if (call.method.equals("GET") && first.equals("query")) {
            query(call, company);
        } else if (call.method.equals("GET") && first.equals("cdc")) {
            cdc(call, company);
        } else if (call.method.equals("GET") && first.equals("reports") && call.rest.size() == 2) {
            report(call, company, call.rest.get(1));
        } else if (call.method.equals("POST") && first.equals("batch")) {
            batch(call, company);
        } else if (call.method.equals("GET") && first.equals("preferences") && call.rest.size() == 1) {
            read(call, company, "Preferences", "1");
        } else if (call.method.equals("GET") && call.rest.size() == 2 && RESOURCES.containsKey(first)) {
            String entity = RESOURCES.get(first);
            String id = entity.equals("CompanyInfo") && call.rest.get(1).equals(call.realmId) ? "1" : call.rest.get(1);
            read(call, company, entity, id);
        } else if (call.method.equals("POST") && call.rest.size() == 1 && RESOURCES.containsKey(first)) {
            write(call, company, RESOURCES.get(first));
        } else {
            rules.breach("api.path", call.request, "no such Accounting API resource or method");
            call.fault(400, "ValidationFault", "4001", "Invalid query", "Unsupported resource: " + String.join("/", call.rest));
        }
    }

    // ---- query ----

    private void query(Call call, QboCompany company) throws IOException {
        rules.checkParams(call.request, call.params, Set.of("query", "minorversion", "include"));
        String text = call.params.get("query");
        call.endpoint = "query";
        if (text == null || text.isBlank()) {
            rules.breach("api.query", call.request, "the query parameter is required");
            call.fault(400, "ValidationFault", "4000", "Error parsing query", "QueryParserError: empty query");
            return;
        }
        ObjectNode result = runQuery(call, company, text);
        if (result.has("Fault")) {
            call.answer(400, result, null);
            return;
        }
        if (faults.takeFaultIn200()) {
            call.answer(200, faultInOk(call), "IntuitResponse");
            return;
        }
        call.answer(200, result, "IntuitResponse");
    }

    /** Runs one query; the answer is an IntuitResponse with a QueryResponse, or with a Fault on a bad query. */
    private ObjectNode runQuery(Call call, QboCompany company, String text) {
        QboQuery q;
        try {
            q = QboQuery.parse(text);
        } catch (QboQuery.QueryError e) {
            rules.breach("api.query.grammar", call.request, e.getMessage());
            return QboWire.fault("ValidationFault", e.code, e.message, e.getMessage(), null, call.time());
        }
        call.endpoint = (q.count() ? "count:" : "query:") + q.entity();
        if (!QboCompany.ENTITIES.contains(q.entity())) {
            rules.breach("api.query.entity", call.request, "unknown or unsupported entity '" + q.entity() + "' (names are case sensitive)");
            return QboWire.fault("ValidationFault", "4001", "Invalid query", "QueryValidationError: Invalid context declaration : " + q.entity(), null, call.time());
        }
        int max = q.maxResults() == null ? settings.defaultQueryResults() : q.maxResults();
        if (max > settings.maxQueryResults()) {
            rules.breach("api.query.maxresults", call.request, "MAXRESULTS " + max + " is above Intuit's maximum of " + settings.maxQueryResults());
            max = settings.maxQueryResults();
        }
        int start = q.startPosition() == null ? 1 : q.startPosition();
        if (start < 1) {
            rules.breach("api.query.startposition", call.request, "STARTPOSITION is 1-based");
            start = 1;
        }
        // list entities answer active records only unless the query names Active (e.g. WHERE Active IN (true, false))
        boolean namesActive = q.where().stream().anyMatch(c -> c.property().equalsIgnoreCase("Active"));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode n : company.list(q.entity())) {
            if (!namesActive && n.has("Active") && !n.get("Active").asBoolean()) continue;
            if (q.matches(n)) matching.add(n);
        }
        ObjectNode root = QboWire.JSON.createObjectNode();
        ObjectNode qr = root.putObject("QueryResponse");
        if (q.count()) {
            qr.put("totalCount", matching.size());
        } else {
            matching.sort(q.comparator());
            List<ObjectNode> page = start > matching.size() ? List.of() : matching.subList(start - 1, Math.min(matching.size(), start - 1 + max));
            if (!page.isEmpty()) {
                ArrayNode arr = qr.putArray(q.entity());
                page.forEach(arr::add);
                qr.put("startPosition", start);
                qr.put("maxResults", page.size());
            }
        }
        root.put("time", call.time());
        return root;
    }

    private ObjectNode faultInOk(Call call) {
        return QboWire.fault("ValidationFault", "10000", "An application error has occurred while processing your request",
                "System Failure Error: injected Fault inside an HTTP 200 answer", null, call.time());
    }

    // ---- change data capture ----

    private void cdc(Call call, QboCompany company) throws IOException {
        call.endpoint = "cdc";
        rules.checkParams(call.request, call.params, Set.of("entities", "changedSince", "minorversion"));
        String entities = call.params.get("entities");
        String since = call.params.get("changedSince");
        if (entities == null || entities.isBlank() || since == null || since.isBlank()) {
            rules.breach("api.cdc.params", call.request, "entities and changedSince are required");
            call.fault(400, "ValidationFault", "4000", "Invalid query", "cdc needs entities and changedSince");
            return;
        }
        Instant changedSince;
        try {
            changedSince = QboQuery.parseInstantLoosely(since);
        } catch (DateTimeParseException e) {
            rules.breach("api.cdc.changedSince", call.request, "changedSince '" + since + "' is not an ISO-8601 date or date-time");
            call.fault(400, "ValidationFault", "4000", "Invalid query", "changedSince is not a date");
            return;
        }
        Instant now = clock.instant();
        if (changedSince.isBefore(now.minus(settings.cdcLookBack()))) {
            rules.breach("api.cdc.lookback", call.request, "changedSince is more than " + settings.cdcLookBack().toDays() + " days ago");
            call.fault(400, "ValidationFault", "4001", "Invalid query",
                    "QueryValidationError: changedSince must be within the last " + settings.cdcLookBack().toDays() + " days");
            return;
        }
        List<String> names = new ArrayList<>();
        for (String raw : entities.split(",")) {
            String name = RESOURCES.get(raw.trim().toLowerCase(Locale.ROOT));
            if (name == null || QboRequestRules.NOT_IN_CDC.contains(name)) {
                rules.breach("api.cdc.entities", call.request, "'" + raw.trim() + "' is not an entity change data capture covers");
                call.fault(400, "ValidationFault", "4001", "Invalid query", "Unsupported entity for CDC: " + raw.trim());
                return;
            }
            names.add(name);
        }
        if (faults.takeFaultIn200()) {
            call.answer(200, faultInOk(call), "IntuitResponse");
            return;
        }
        ObjectNode root = QboWire.JSON.createObjectNode();
        ArrayNode cdcResponse = root.putArray("CDCResponse");
        ArrayNode queryResponses = cdcResponse.addObject().putArray("QueryResponse");
        for (String name : names) {
            List<ObjectNode> changed = new ArrayList<>();
            for (ObjectNode n : company.list(name)) if (!QboCompany.lastUpdated(n).isBefore(changedSince)) changed.add(n);
            for (QboCompany.Tombstone t : company.deletions()) {
                if (t.entity().equals(name) && !t.at().isBefore(changedSince)) {
                    ObjectNode stub = QboWire.JSON.createObjectNode();
                    stub.put("domain", "QBO").put("status", "Deleted").put("Id", t.id());
                    stub.putObject("MetaData").put("LastUpdatedTime", company.metaTime(t.at()));
                    changed.add(stub);
                }
            }
            changed.sort(Comparator.comparing(QboCompany::lastUpdated));
            List<ObjectNode> capped = changed.subList(0, Math.min(changed.size(), settings.cdcMaxObjectsPerEntity()));
            ObjectNode qr = queryResponses.addObject();
            if (!capped.isEmpty()) {
                ArrayNode arr = qr.putArray(name);
                capped.forEach(arr::add);
                qr.put("startPosition", 1);
                qr.put("maxResults", capped.size());
            }
        }
        root.put("time", call.time());
        call.answer(200, root, "IntuitResponse");
    }

    // ---- reads, reports ----

    private void read(Call call, QboCompany company, String entity, String id) throws IOException {
        call.endpoint = "read:" + entity;
        rules.checkParams(call.request, call.params, Set.of("minorversion", "include"));
        ObjectNode record = company.get(entity, id);
        if (record == null) {
            call.fault(400, "ValidationFault", "610", "Object Not Found", "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.");
            return;
        }
        ObjectNode root = QboWire.JSON.createObjectNode();
        root.set(entity, record);
        root.put("time", call.time());
        call.answer(200, root, "IntuitResponse");
    }

    private void report(Call call, QboCompany company, String name) throws IOException {
        call.endpoint = "report:" + name;
        Set<String> allowed = QboRequestRules.REPORT_PARAMS.get(name);
        if (allowed == null) {
            rules.breach("api.report.name", call.request, "'" + name + "' is not one of the reports the emulator serves");
            call.fault(400, "ValidationFault", "4001", "Invalid report", "Unsupported report: " + name);
            return;
        }
        rules.checkParams(call.request, call.params, allowed);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, company.zone);
        ObjectNode report;
        try {
            if (name.equals("AgedReceivables") || name.equals("AgedPayables")) {
                LocalDate reportDate = call.params.containsKey("report_date") ? LocalDate.parse(call.params.get("report_date")) : today;
                int period = Integer.parseInt(call.params.getOrDefault("aging_period", "30"));
                int periods = Integer.parseInt(call.params.getOrDefault("num_periods", "4"));
                report = QboReports.aged(company, name.equals("AgedReceivables"), reportDate, period, periods, now);
            } else {
                LocalDate[] range = range(call, today);
                String basis = call.params.getOrDefault("accounting_method", "Accrual");
                if (!basis.equals("Accrual") && !basis.equals("Cash")) {
                    rules.breach("api.report.accounting_method", call.request, "accounting_method must be Cash or Accrual");
                }
                String summarizeBy = call.params.getOrDefault("summarize_column_by", "Total");
                if (!QboRequestRules.SUMMARIZE_COLUMNS_BY.contains(summarizeBy)) {
                    rules.breach("api.report.summarize_column_by", call.request,
                            "summarize_column_by '" + summarizeBy + "' is not one of Report.xsd's SummarizeColumnsByEnum");
                }
                report = name.equals("ProfitAndLoss")
                        ? QboReports.profitAndLoss(company, range[0], range[1], basis, summarizeBy, now)
                        : QboReports.balanceSheet(company, call.params.containsKey("start_date") ? range[0] : null, range[1],
                                basis, summarizeBy, now);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            rules.breach("api.report.params", call.request, e.getMessage());
            call.fault(400, "ValidationFault", "2010", "Invalid date or number in report parameters", e.getMessage());
            return;
        }
        call.answer(200, report, "Report");
    }

    private LocalDate[] range(Call call, LocalDate today) {
        String macro = call.params.get("date_macro");
        if (call.params.containsKey("start_date") || call.params.containsKey("end_date")) {
            LocalDate start = LocalDate.parse(call.params.getOrDefault("start_date", today.withDayOfYear(1).toString()));
            LocalDate end = LocalDate.parse(call.params.getOrDefault("end_date", today.toString()));
            return new LocalDate[] {start, end};
        }
        if (macro == null || macro.equals("This Fiscal Year-to-date") || macro.equals("This Year-to-date")) {
            return new LocalDate[] {today.withDayOfYear(1), today};
        }
        return switch (macro) {
            case "Last Fiscal Year", "Last Year" -> new LocalDate[] {today.minusYears(1).withDayOfYear(1), today.withDayOfYear(1).minusDays(1)};
            case "This Month-to-date" -> new LocalDate[] {today.withDayOfMonth(1), today};
            case "Last Month" -> new LocalDate[] {today.minusMonths(1).withDayOfMonth(1), today.withDayOfMonth(1).minusDays(1)};
            case "Today" -> new LocalDate[] {today, today};
            default -> {
                rules.breach("api.report.date_macro", call.request, "date_macro '" + macro + "' is not one the emulator knows");
                yield new LocalDate[] {today.withDayOfYear(1), today};
            }
        };
    }

    // ---- batch and writes ----

    private void batch(Call call, QboCompany company) throws IOException {
        call.endpoint = "batch";
        JsonNode body;
        try {
            body = QboWire.JSON.readTree(QboWire.body(call.ex));
        } catch (RuntimeException e) {
            rules.breach("api.batch.body", call.request, "body is not JSON");
            call.fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property", "body is not JSON");
            return;
        }
        rules.checkBatchBody(call.request, body);
        JsonNode items = body.path("BatchItemRequest");
        if (items.size() > settings.maxBatchItems()) {
            rules.breach("api.batch.size", call.request, items.size() + " items; Intuit allows " + settings.maxBatchItems());
            call.fault(400, "ValidationFault", "1040", "Batch size exceeds allowed limit",
                    "Batch size " + items.size() + " exceeds the allowed limit of " + settings.maxBatchItems());
            return;
        }
        ObjectNode root = QboWire.JSON.createObjectNode();
        ArrayNode responses = root.putArray("BatchItemResponse");
        for (JsonNode item : items) {
            ObjectNode out;
            if (item.has("Query")) {
                ObjectNode r = runQuery(call, company, item.get("Query").asString());
                out = QboWire.JSON.createObjectNode();
                if (r.has("Fault")) out.set("Fault", r.get("Fault"));
                else out.set("QueryResponse", r.get("QueryResponse"));
            } else {
                out = QboWire.JSON.createObjectNode();
                out.set("Fault", QboWire.faultObject("ValidationFault", "500", "Unsupported Operation",
                        "The emulator's batch endpoint runs queries only", null));
            }
            out.put("bId", item.path("bId").asString(""));
            responses.add(out);
        }
        call.endpoint = "batch";
        root.put("time", call.time());
        call.answer(200, root, "IntuitResponse");
    }

    private void write(Call call, QboCompany company, String entity) throws IOException {
        call.endpoint = "write:" + entity;
        rules.checkParams(call.request, call.params, Set.of("minorversion", "operation", "include", "requestid"));
        ObjectNode body;
        try {
            body = (ObjectNode) QboWire.JSON.readTree(QboWire.body(call.ex));
        } catch (RuntimeException e) {
            rules.breach("api.write.body", call.request, "body is not a JSON object");
            call.fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property", "body is not a JSON object");
            return;
        }
        rules.checkEntityBody(call.request, entity, body);
        Instant now = clock.instant();
        String operation = call.params.getOrDefault("operation", body.has("Id") ? "update" : "create");
        ObjectNode result;
        if (operation.equals("create")) {
            result = company.create(entity, body, now);
        } else {
            String id = body.path("Id").asString("");
            ObjectNode current = company.get(entity, id);
            if (current == null) {
                call.fault(400, "ValidationFault", "610", "Object Not Found", "Object Not Found : " + entity + " " + id);
                return;
            }
            if (!current.get("SyncToken").asString().equals(body.path("SyncToken").asString(""))) {
                call.fault(400, "ValidationFault", "5010", "Stale Object Error",
                        "Stale Object Error : You and " + company.name + " were working on this at the same time.");
                return;
            }
            if (operation.equals("delete")) {
                company.delete(entity, id, now);
                result = QboWire.JSON.createObjectNode().put("domain", "QBO").put("status", "Deleted").put("Id", id);
            } else {
                boolean sparse = body.path("sparse").asBoolean(false);
                result = company.update(entity, id, n -> {
                    if (!sparse) n.removeAll();
                    Map<String, JsonNode> fields = new LinkedHashMap<>();
                    body.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
                    fields.forEach((k, v) -> { if (!k.equals("MetaData")) n.set(k, v); });
                    if (!n.has("MetaData")) n.set("MetaData", current.get("MetaData").deepCopy());
                }, now);
            }
        }
        ObjectNode root = QboWire.JSON.createObjectNode();
        root.set(entity, result);
        root.put("time", call.time());
        call.answer(200, root, operation.equals("delete") ? null : "IntuitResponse");
    }
}
