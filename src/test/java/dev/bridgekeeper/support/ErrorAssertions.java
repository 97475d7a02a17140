package dev.bridgekeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Checks that an answer is a Codat ErrorMessage with the given status, naming the given field. */
public final class ErrorAssertions {

    private ErrorAssertions() {}

    public static JsonNode assertError(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("statusCode").asInt()).isEqualTo(status);
        assertThat(body.path("service").asString()).isEqualTo("PublicApi");
        assertThat(body.path("error").asString()).isNotBlank();
        assertThat(body.path("correlationId").asString()).isEqualTo(response.header("X-Correlation-Id")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    /** A 400 whose validation errors name {@code field}. */
    public static JsonNode assertBadField(Api.Response response, String field) {
        JsonNode body = assertError(response, 400);
        assertThat(body.path("validation").path("errors").valueStream().map(e -> e.path("itemId").asString()).toList())
                .as(response.toString()).contains(field);
        return body;
    }
}
