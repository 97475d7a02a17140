package dev.bridgekeeper.connector.quickbooks.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading requests and writing answers the way Intuit's servers do (JSON bodies, Fault objects, intuit_tid). */
final class QboWire {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Intuit writes timestamps with the company's offset and milliseconds, e.g. 2015-07-24T10:33:39.123-07:00. */
    static final DateTimeFormatter RESPONSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Entity MetaData timestamps carry seconds and the company's offset, e.g. 2015-07-24T10:33:39-07:00. */
    static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private QboWire() { }

    static Map<String, String> queryParams(HttpExchange ex) {
        return formParams(ex.getRequestURI().getRawQuery());
    }

    /** Decodes application/x-www-form-urlencoded pairs; a repeated key keeps its first value. */
    static Map<String, String> formParams(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readNBytes(2_000_000), StandardCharsets.UTF_8);
        }
    }

    static String newTid() {
        return "1-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json;charset=UTF-8", JSON.writeValueAsString(body));
    }

    static String responseTime(Instant now, ZoneId zone) {
        return RESPONSE_TIME.format(OffsetDateTime.ofInstant(now, zone));
    }

    /** {@code {"Fault":{"Error":[{"Message","Detail","code"[,"element"]}],"type"},"time"}} as Intuit's error-codes page shows it. */
    static ObjectNode fault(String type, String code, String message, String detail, String element, String time) {
        ObjectNode root = JSON.createObjectNode();
        root.set("Fault", faultObject(type, code, message, detail, element));
        root.put("time", time);
        return root;
    }

    static ObjectNode faultObject(String type, String code, String message, String detail, String element) {
        ObjectNode fault = JSON.createObjectNode();
        ArrayNode errors = fault.putArray("Error");
        ObjectNode error = errors.addObject();
        error.put("Message", message);
        if (detail != null) error.put("Detail", detail);
        error.put("code", code);
        if (element != null) error.put("element", element);
        fault.put("type", type);
        return fault;
    }
}
