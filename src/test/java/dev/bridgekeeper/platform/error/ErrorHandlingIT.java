package dev.bridgekeeper.platform.error;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the API answers requests it cannot serve: always a Codat ErrorMessage with the right status,
 * the field at fault and the request's correlation id; never a stack trace or a class name; and a
 * refused write never leaves anything behind.
 */
@ApiIntegrationTest
class ErrorHandlingIT {

    /** bridgekeeper.api.max-request-body: 1MB, which Spring reads as 1 MiB. */
    private static final int LIMIT = 1024 * 1024;

    /** Words that only appear in an answer when internals leak into it. */
    private static final List<String> INTERNALS = List.of("Exception", "Throwable", "\tat ", "at dev.bridgekeeper",
            "java.lang", "java.io", "jakarta.", "org.springframework", "org.apache", "tools.jackson",
            "com.fasterxml", "org.postgresql");

    @LocalServerPort
    int port;

    Api api;
    long companiesBefore;

    @BeforeEach
    void setUp() {
        api = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
        companiesBefore = companyCount();
    }

    /** Every test here sends only requests that must be refused, so none may create a company. */
    @AfterEach
    void nothingWasWritten() {
        assertThat(companyCount()).as("companies after the refused requests").isEqualTo(companiesBefore);
    }

    @Test
    void aBodyOverTheLimitWithContentLengthIs413() {
        Api.Response response = api.send(post("/companies", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(companyOfSize(LIMIT + 1))));
        JsonNode body = assertError(response, 413);
        assertThat(body.path("error").asString()).isEqualTo("The request body is larger than the limit of 1024 KiB.");
        assertNoInternals(response);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] bytes = companyOfSize(LIMIT + 1);
        Api.Response response = api.send(post("/companies", "application/json", chunked(bytes)));
        JsonNode body = assertError(response, 413);
        assertThat(body.path("error").asString()).isEqualTo("The request body is larger than the limit of 1024 KiB.");
        assertNoInternals(response);
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadEitherWay() {
        // one byte less than the 413 cases: the body is read and judged on its content instead
        byte[] bytes = companyOfSize(LIMIT);
        assertBadField(api.send(post("/companies", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(bytes))), "description");
        assertBadField(api.send(post("/companies", "application/json", chunked(bytes))), "description");
    }

    @Test
    void malformedJsonIs400NamingTheBodyWithLineAndColumn() {
        Api.Response response = api.post("/companies", "{\n  \"name\": Acme\n}");
        JsonNode body = assertBadField(response, "body");
        assertThat(body.path("error").asString()).isEqualTo("The request body is not valid JSON at line 2, column 11.");
        assertNoInternals(response);

        Api.Response truncated = api.post("/companies", "{\"name\":\"Acme\"");
        assertThat(assertBadField(truncated, "body").path("error").asString()).contains("line 1, column");
        assertNoInternals(truncated);
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        Api.Response number = api.post("/companies", "{\"name\":42}");
        assertThat(assertBadField(number, "name").path("error").asString())
                .isEqualTo("Field \"name\" has the wrong type: expected a string.");
        Api.Response tags = api.post("/companies", "{\"name\":\"Acme\",\"tags\":\"uk\"}");
        assertThat(assertBadField(tags, "tags").path("error").asString())
                .isEqualTo("Field \"tags\" has the wrong type: expected an object.");
        Api.Response tagValue = api.post("/companies", "{\"name\":\"Acme\",\"tags\":{\"region\":[\"uk\"]}}");
        assertBadField(tagValue, "tags.region");
        assertNoInternals(number);
        assertNoInternals(tags);
        assertNoInternals(tagValue);
    }

    @Test
    void aNulCharacterIs400NamingTheFieldNotADatabaseFailure() {
        // PostgreSQL cannot store U+0000; it must be refused as input, not fail as a 500 on insert
        Api.Response description = api.post("/companies", "{\"name\":\"Acme\",\"description\":\"a\\u0000b\"}");
        assertThat(assertBadField(description, "description").path("error").asString())
                .isEqualTo("Field \"description\" contains the NUL character (\\u0000), which is not allowed.");
        assertNoInternals(description);
        assertBadField(api.post("/companies", "{\"name\":\"Acme\",\"tags\":{\"k\":\"a\\u0000b\"}}"), "tags.k");
        assertBadField(api.post("/companies", "{\"name\":\"Acme\",\"tags\":{\"k\\u0000\":\"v\"}}"), "tags");
        // any query parameter: refused before it reaches a handler (a link's extra parameters end up in jsonb)
        Api.Response query = api.get("/companies?query=name%3Da%00b");
        assertThat(assertBadField(query, "query").path("error").asString())
                .isEqualTo("Query parameter \"query\" contains the NUL character (%00), which is not allowed.");
        assertBadField(api.get("/companies?tags=k%3D%00"), "tags");
        assertBadField(Api.at(port).anonymous().get("/companies/" + UUID.randomUUID() + "/connections/"
                + UUID.randomUUID() + "/start?ref=%00"), "ref");
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        Api.Response response = api.post("/companies", "{\"name\":\"Acme\",\"colour\":\"red\"}");
        JsonNode body = assertBadField(response, "colour");
        assertThat(body.path("error").asString()).isEqualTo("Unknown field \"colour\" in the request body.");
        assertNoInternals(response);
    }

    @Test
    void anArrayWhereAnObjectBelongsIs400() {
        Api.Response response = api.post("/companies", "[{\"name\":\"Acme\"}]");
        JsonNode body = assertBadField(response, "body");
        assertThat(body.path("error").asString()).isEqualTo("The request body must be a JSON object.");
        assertNoInternals(response);
        assertBadField(api.post("/companies", "\"Acme\""), "body");
        assertBadField(api.post("/companies", ""), "body");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Api.Response response = api.send(post("/companies", "text/plain",
                HttpRequest.BodyPublishers.ofString("{\"name\":\"Acme\"}")));
        JsonNode body = assertError(response, 415);
        assertThat(body.path("error").asString()).contains("text/plain").contains("application/json");
        assertNoInternals(response);
    }

    @Test
    void aMethodTheResourceDoesNotHaveIs405WithAllow() {
        Api.Response response = api.delete("/companies");
        assertError(response, 405);
        assertThat(Arrays.stream(response.header("Allow").split(",")).map(String::trim).sorted().toList())
                .containsExactly("GET", "POST");
        assertNoInternals(response);

        Api.Response put = api.put("/apiKeys", "{}");
        assertError(put, 405);
        assertThat(put.header("Allow")).contains("GET").contains("POST").doesNotContain("PUT");
    }

    @Test
    void anUnknownPathIs404() {
        Api.Response response = api.get("/companiez");
        JsonNode body = assertError(response, 404);
        assertThat(body.path("error").asString()).isEqualTo("No such resource: /companiez");
        assertNoInternals(response);
        assertError(api.post("/companies/" + UUID.randomUUID() + "/nothing", "{}"), 404);
    }

    @Test
    void aMalformedUuidInThePathIs400NamingTheParameter() {
        Api.Response company = api.get("/companies/not-a-uuid");
        assertThat(assertBadField(company, "companyId").path("error").asString())
                .isEqualTo("\"companyId\" must be a UUID such as 8a210b68-6988-11ed-a1eb-0242ac120002.");
        assertBadField(api.delete("/companies/12345"), "companyId");
        assertBadField(api.patch("/companies/not-a-uuid", "{\"name\":\"Acme\"}"), "companyId");
        assertBadField(api.get("/companies/" + UUID.randomUUID() + "/connections/not-a-uuid"), "connectionId");
        assertBadField(api.delete("/apiKeys/not-a-uuid"), "apiKeyId");
        assertNoInternals(company);
    }

    @Test
    void aTypedIdThatIsOnlySpacesIs400NamingTheParameter() {
        // Spring converts " " to a null UUID, which used to surface as a 500 "missing path variable"
        Api.Response company = api.get("/companies/%20/connections");
        assertThat(assertBadField(company, "companyId").path("error").asString())
                .isEqualTo("\"companyId\" must be a UUID such as 8a210b68-6988-11ed-a1eb-0242ac120002.");
        assertBadField(api.delete("/companies/" + UUID.randomUUID() + "/connections/%09"), "connectionId");
        assertBadField(api.delete("/apiKeys/%20%20"), "apiKeyId");
        assertNoInternals(company);
    }

    @Test
    void aQueryParameterThatIsNotPercentEncodedUtf8Is400NamingIt() {
        RawHttp raw = new RawHttp(port);
        for (String query : List.of("page=%FF", "page=%C3%28", "page=%", "page=%G1", "query=a%E2%82")) {
            String name = query.substring(0, query.indexOf('='));
            JsonNode body = assertRawError(raw.send("GET", "/companies?" + query,
                    Map.of("Authorization", api.authorization()), null), 400, query);
            assertThat(body.path("error").asString()).as(query)
                    .isEqualTo("Query parameter \"" + name + "\" is not valid: encode it as UTF-8 with percent-encoding (%XX).");
            assertThat(body.path("validation").path("errors").path(0).path("itemId").asString()).isEqualTo(name);
        }
        // more parameters than Tomcat reads (1,000): its refusal is an ErrorMessage too, not a 500
        StringBuilder many = new StringBuilder("/companies?pageSize=1");
        for (int i = 0; i < 1_001; i++) {
            many.append("&a=1");
        }
        assertBadField(api.get(many.toString()), "parameters");
        // before authentication too: the parameters are checked before anything reads them
        assertBadField(Api.at(port).anonymous().get("/companies?pageSize=%FF"), "pageSize");
        assertBadField(Api.at(port).anonymous().get("/oauth/callback?state=%FF"), "state");
    }

    @Test
    void aUrlTomcatRefusesIsAnErrorMessageWithTheCallersCorrelationId() {
        RawHttp raw = new RawHttp(port);
        Map<String, String> headers = Map.of("Authorization", api.authorization(), "X-Correlation-Id", "raw-corr-12345678");
        for (String path : List.of("/companies/%2F/connections", "/companies/a%2fb", "/companies/%5C", "/companies/%00",
                "/companies/%G0", "/sandbox/%2F", "/oauth/callback/%00")) {
            RawHttp.Response response = raw.send("GET", path, headers, null);
            JsonNode body = assertRawError(response, 400, path);
            assertThat(body.path("correlationId").asString()).as(path).isEqualTo("raw-corr-12345678");
            assertThat(body.path("error").asString()).as(path).startsWith("The request URL is not valid");
        }
        for (String path : List.of("/companies/%FF", "/companies/%C3%28")) {
            JsonNode body = assertRawError(raw.send("GET", path, headers, null), 400, path);
            assertThat(body.path("error").asString()).as(path)
                    .isEqualTo("The request could not be understood: check that its URL is percent-encoded UTF-8.");
        }
    }

    @Test
    void aRequestLineTomcatCannotParseIsAnErrorMessage() {
        RawHttp raw = new RawHttp(port);
        Map<String, String> headers = Map.of("X-Correlation-Id", "raw-corr-12345678");
        JsonNode character = assertRawError(raw.send("GET", "/companies/|", headers, null), 400, "|");
        assertThat(character.path("error").asString())
                .isEqualTo("The request URL contains a character that must be percent-encoded (RFC 3986).");
        JsonNode tooLong = assertRawError(raw.send("GET", "/companies/" + "a".repeat(10_000), headers, null), 400, "long");
        assertThat(tooLong.path("error").asString()).isEqualTo("The request's URL and headers are too large.");
        JsonNode method = assertRawError(raw.send("GE@T", "/companies", headers, null), 400, "method");
        assertThat(method.path("error").asString()).isEqualTo("The request method is not a valid HTTP method name.");
        // the request line failed, so its headers were never read: the id is a new one, not the caller's
        assertThat(UUID.fromString(method.path("correlationId").asString())).isNotNull();
    }

    @Test
    void errorsAreJsonWhateverTheAcceptHeaderAsksFor() {
        for (String accept : List.of("application/xml", "text/html", "image/png")) {
            Api.Response missing = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/companies/" + UUID.randomUUID()))
                    .header("Authorization", api.authorization()).header("Accept", accept).GET().build());
            assertError(missing, 404);
            Api.Response badBody = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/companies"))
                    .header("Authorization", api.authorization()).header("Accept", accept)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{")).build());
            assertBadField(badBody, "body");
        }
    }

    @Test
    void aRequestTheFirewallRefusesNamesWhatIsNotAllowed() {
        Api.Response response = api.send(HttpRequest.newBuilder(URI.create(api.base() + "//companies"))
                .header("Authorization", api.authorization()).header("X-Correlation-Id", "fw-corr-12345678").GET().build());
        JsonNode body = assertError(response, 400);
        assertThat(body.path("error").asString()).startsWith("The request was refused: its URL, method or a header");
        assertThat(body.path("correlationId").asString()).isEqualTo("fw-corr-12345678");
    }

    @Test
    void theCorrelationIdInTheBodyIsTheOneInTheHeader() {
        Api.Response first = api.get("/companies/" + UUID.randomUUID());
        Api.Response second = api.get("/companies/" + UUID.randomUUID());
        JsonNode one = assertError(first, 404);
        JsonNode two = assertError(second, 404);
        assertThat(UUID.fromString(one.path("correlationId").asString())).isNotNull();
        assertThat(one.path("correlationId").asString()).as("each request has its own id")
                .isNotEqualTo(two.path("correlationId").asString());
        assertThat(api.get("/companies?pageSize=1").header("X-Correlation-Id")).as("successes carry one too")
                .isNotBlank();
    }

    @Test
    void aCallerSuppliedCorrelationIdIsEchoed() {
        Api.Response error = api.send(request("/companies/" + UUID.randomUUID(), "test-corr-12345678"));
        assertThat(assertError(error, 404).path("correlationId").asString()).isEqualTo("test-corr-12345678");
        assertThat(error.header("X-Correlation-Id")).isEqualTo("test-corr-12345678");

        Api.Response ok = api.send(request("/companies?pageSize=1", "test-corr-87654321"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Correlation-Id")).isEqualTo("test-corr-87654321");

        Api.Response unauthenticated = Api.at(port).anonymous().send(HttpRequest.newBuilder(
                URI.create(api.base() + "/companies")).header("X-Correlation-Id", "test-corr-anonymous").GET().build());
        assertThat(assertError(unauthenticated, 401).path("correlationId").asString())
                .isEqualTo("test-corr-anonymous");
    }

    @Test
    void anUnusableCorrelationIdIsReplaced() {
        for (String supplied : List.of("short", "has spaces in it", "x".repeat(65), "<script>alert(1)</script>")) {
            Api.Response response = api.send(request("/companies/" + UUID.randomUUID(), supplied));
            JsonNode body = assertError(response, 404);
            assertThat(body.path("correlationId").asString()).as(supplied).isNotEqualTo(supplied);
            assertThat(UUID.fromString(body.path("correlationId").asString())).isNotNull();
            assertThat(response.body()).doesNotContain(supplied);
        }
    }

    @Test
    void requestsRefusedBeforeTheControllersStillGetAnErrorMessage() {
        // refused by the security firewall or the container, answered through the error page
        for (String path : List.of("//companies", "/companies/../apiKeys", "/companies;x=1")) {
            Api.Response response = api.get(path);
            assertError(response, 400);
            assertNoInternals(response);
        }
        Api.Response trace = api.send("TRACE", "/companies", null);
        assertError(trace, 405);
        assertNoInternals(trace);
        Api.Response errorPage = api.get("/error");
        assertError(errorPage, 404);
        assertNoInternals(errorPage);
    }

    @Test
    void refusedWritesChangeNothing() {
        String id = api.post("/companies", "{\"name\":\"Error handling target\"}").json().path("id").asString();
        companiesBefore++;
        JsonNode before = api.get("/companies/" + id).json();
        assertBadField(api.put("/companies/" + id, "{\"name\":\"Changed\",\"colour\":\"red\"}"), "colour");
        assertBadField(api.patch("/companies/" + id, "{\"name\":[\"Changed\"]}"), "name");
        assertBadField(api.patch("/companies/" + id, "{\"name\":\"Changed\""), "body");
        assertError(api.send(HttpRequest.newBuilder(URI.create(api.base() + "/companies/" + id))
                .header("Authorization", api.authorization()).header("Content-Type", "application/json")
                .method("PATCH", chunked(companyOfSize(LIMIT + 1))).build()), 413);
        assertError(api.send(HttpRequest.newBuilder(URI.create(api.base() + "/companies/" + id))
                .header("Authorization", api.authorization()).header("Content-Type", "text/plain")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"name\":\"Changed\"}")).build()), 415);
        assertThat(api.get("/companies/" + id).json()).isEqualTo(before);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A valid company body of exactly {@code size} bytes, padded in its (too long) description. */
    private static byte[] companyOfSize(int size) {
        String head = "{\"name\":\"Big\",\"description\":\"";
        String tail = "\"}";
        byte[] bytes = (head + "x".repeat(size - head.length() - tail.length()) + tail)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    /** A body of unknown length, which java.net.http sends with chunked transfer encoding. */
    private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        Supplier<java.io.InputStream> stream = () -> new ByteArrayInputStream(bytes);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(stream);
        assertThat(publisher.contentLength()).as("no Content-Length, so chunked").isNegative();
        return publisher;
    }

    private HttpRequest post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", api.authorization())
                .header("Content-Type", contentType)
                .POST(body)
                .build();
    }

    private HttpRequest request(String path, String correlationId) {
        return HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", api.authorization())
                .header("X-Correlation-Id", correlationId)
                .GET()
                .build();
    }

    private long companyCount() {
        Api.Response response = api.get("/companies?pageSize=1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("totalResults").asLong();
    }

    /** {@link dev.bridgekeeper.support.ErrorAssertions#assertError} for an answer read off a raw socket. */
    private static JsonNode assertRawError(RawHttp.Response response, int status, String what) {
        assertThat(response.status()).as(what + ": " + response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
        JsonNode body = JsonMapper.builder().build().readTree(response.text());
        assertThat(body.path("statusCode").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("service").asString()).isEqualTo("PublicApi");
        assertThat(body.path("correlationId").asString()).as(what).isNotBlank()
                .isEqualTo(response.header("X-Correlation-Id"));
        for (String word : INTERNALS) {
            assertThat(response.text()).as(what).doesNotContain(word);
        }
        return body;
    }

    private static void assertNoInternals(Api.Response response) {
        for (String word : INTERNALS) {
            assertThat(response.body()).as(response.toString()).doesNotContain(word);
        }
        response.raw().headers().map().forEach((name, values) -> values.forEach(value ->
                assertThat(value).as("header %s", name).doesNotContain("Exception").doesNotContain("java.")));
    }
}
