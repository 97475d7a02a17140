package dev.bridgekeeper.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.connector.PlatformResponse;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationSettings;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Intuit's answers become reads or failures: the request Intuit documents (minorversion, Accept), a Fault in an
 * HTTP 200 (developer.intuit.com "Error codes": a 200 may carry a Fault) is a failure with Intuit's message, and an
 * authentication or authorization fault is an AuthError whatever its status.
 */
class QuickBooksApiTest {

    private final QuickBooksApi api = new QuickBooksApi(JsonMapper.builder().build(), dataType -> java.util.List.of());
    private final List<HttpRequest> sent = new ArrayList<>();

    @Test
    void aQueryNamesTheMinorVersionAndAsksForJson() {
        ReadContext context = context(200, "{\"QueryResponse\":{\"Invoice\":[{\"Id\":\"7\"}]},\"time\":\"x\"}",
                Map.of());
        assertThat(api.query(context, "select * from Invoice STARTPOSITION 1 MAXRESULTS 10").path("Invoice").path(0)
                .path("Id").asString()).isEqualTo("7");
        HttpRequest request = sent.get(0);
        assertThat(request.uri().toString()).isEqualTo("https://qb.example/v3/company/123/query?query=select%20*%20"
                + "from%20Invoice%20STARTPOSITION%201%20MAXRESULTS%2010&minorversion=75");
        assertThat(request.headers().firstValue("Accept")).contains("application/json");
    }

    @Test
    void theMinorVersionIsAnOption() {
        api.query(context(200, "{\"QueryResponse\":{}}", Map.of("minorversion", "76")), "select * from Item");
        assertThat(sent.get(0).uri().getQuery()).endsWith("&minorversion=76");
    }

    @Test
    void aFaultInsideAnHttp200IsAFetchErrorWithIntuitsMessage() {
        ReadFailure failure = catchThrowableOfType(ReadFailure.class, () -> api.query(context(200,
                fault("ValidationFault", "Invalid query", "QueryValidationError: bad", "4001"), Map.of()),
                "select * from Invoice"));
        assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.FETCH_ERROR);
        assertThat(failure.getMessage()).contains("HTTP 200").contains("ValidationFault")
                .contains("Invalid query (QueryValidationError: bad) [code 4001]");
    }

    @Test
    void anAuthenticationFaultIsAnAuthErrorEvenInAnHttp200() {
        ReadFailure failure = catchThrowableOfType(ReadFailure.class, () -> api.query(context(200,
                fault("AuthenticationFault", "message=AuthenticationFailed", "Token expired", "3200"), Map.of()),
                "select * from Invoice"));
        assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.AUTH_ERROR);
        ReadFailure forbidden = catchThrowableOfType(ReadFailure.class, () -> api.query(context(403,
                fault("AuthorizationFault", "message=ApplicationAuthorizationFailed", "not this realm", "3100"),
                Map.of()), "select * from Invoice"));
        assertThat(forbidden.kind()).isEqualTo(ReadFailure.Kind.AUTH_ERROR);
    }

    @Test
    void anAnswerWithoutJsonIsAFetchError() {
        ReadFailure failure = catchThrowableOfType(ReadFailure.class, () -> api.query(context(200,
                "<IntuitResponse/>", Map.of()), "select * from Invoice"));
        assertThat(failure.kind()).isEqualTo(ReadFailure.Kind.FETCH_ERROR);
        assertThat(failure.getMessage()).contains("no JSON");
    }

    private static String fault(String type, String message, String detail, String code) {
        return "{\"Fault\":{\"Error\":[{\"Message\":\"" + message + "\",\"Detail\":\"" + detail + "\",\"code\":\""
                + code + "\"}],\"type\":\"" + type + "\"},\"time\":\"2026-01-01T00:00:00.000-08:00\"}";
    }

    /** A read context whose platform answers every call with {@code status} and {@code body}. */
    private ReadContext context(int status, String body, Map<String, String> options) {
        PlatformHttp http = request -> {
            sent.add(request);
            PlatformResponse response = new PlatformResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
            return new PlatformHttp.Pending() {
                @Override
                public PlatformResponse await() {
                    return response;
                }

                @Override
                public void cancel() {}
            };
        };
        IntegrationSettings settings = new IntegrationSettings("qhyg", Map.of("apibase", "https://qb.example"),
                Map.of(), options);
        return new ReadContext() {
            @Override
            public PlatformHttp http() {
                return http;
            }

            @Override
            public Organisation organisation() {
                return new Organisation("123", "Test company", Map.of());
            }

            @Override
            public Integration integration() {
                return null;
            }

            @Override
            public IntegrationSettings settings() {
                return settings;
            }
        };
    }
}
