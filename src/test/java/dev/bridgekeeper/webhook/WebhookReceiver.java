package dev.bridgekeeper.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lender's webhook endpoint for tests: a real HTTP server on 127.0.0.1 that records every request
 * and answers as its {@link Responder} says (200 by default).
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived, and the status it was answered with. */
    record Received(Instant at, Map<String, List<String>> headers, String body, int answeredWith) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String webhookId() {
            return header("webhook-id");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String eventType() {
            return json().path("eventType").asString();
        }

        boolean succeeded() {
            return answeredWith >= 200 && answeredWith < 300;
        }

        HttpHeaders httpHeaders() {
            return HttpHeaders.of(headers, (name, value) -> true);
        }
    }

    /** How to answer: status, extra headers and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    interface Responder extends Function<Received, Answer> {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Responder responder = request -> Answer.status(200);

    private WebhookReceiver(int threads) {
        executor = Executors.newFixedThreadPool(threads);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static WebhookReceiver start() {
        return new WebhookReceiver(8);
    }

    /** A receiver that can work on (or hold) this many requests at once. */
    static WebhookReceiver start(int threads) {
        return new WebhookReceiver(threads);
    }

    WebhookReceiver answering(Responder responder) {
        this.responder = responder;
        return this;
    }

    String url() {
        return url("/hooks");
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String eventType) {
        return received.stream().filter(r -> r.eventType().equals(eventType)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            Received request = new Received(Instant.now(), headers, new String(body, StandardCharsets.UTF_8), 0);
            Answer answer = responder.apply(request);
            received.add(new Received(request.at(), headers, request.body(), answer.status()));
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
