package dev.bridgekeeper.oauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ApiIntegrationTest
class AuthorizationStatesIT {

    @LocalServerPort
    int port;

    @Autowired
    AuthorizationStates states;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStateOpensOnceAndExpiredOnesAreForgottenAfterADay() {
        Tenant tenant = Tenant.create(jdbc, port, "States IT");
        Api api = tenant.api();
        UUID companyId = UUID.fromString(api.post("/companies", "{\"name\":\"States Ltd\"}").json().path("id").asString());
        UUID connectionId = UUID.fromString(api.post("/companies/" + companyId + "/connections",
                "{\"platformKey\":\"sbbk\"}").json().path("id").asString());

        String fresh = states.create(tenant.clientId(), companyId, connectionId, "verifier-1", Map.of("a", "b"),
                Duration.ofMinutes(15));
        String old = states.create(tenant.clientId(), companyId, connectionId, "verifier-2", Map.of(),
                Duration.ofMinutes(15));
        assertThat(jdbc.queryForObject("select count(*) from oauth_authorization_state where connection_id = ?"
                + " and code_verifier_sealed like 'v1.%'", Integer.class, connectionId)).isEqualTo(2);

        AuthorizationStates.Consumed opened = states.consume(fresh);
        assertThat(opened.started().codeVerifier()).isEqualTo("verifier-1");
        assertThat(opened.started().redirectParams()).isEqualTo(Map.of("a", "b"));
        assertThat(states.consume(fresh).failure()).isEqualTo(AuthorizationStates.Failure.USED);
        assertThat(states.consume("never-issued").failure()).isEqualTo(AuthorizationStates.Failure.UNKNOWN);

        jdbc.update("update oauth_authorization_state set expires_utc = now() - interval '2 days'"
                + " where connection_id = ? and used_utc is null", connectionId);
        assertThat(states.purgeExpired(Duration.ofDays(1))).isGreaterThanOrEqualTo(1);
        assertThat(states.consume(old).failure()).isEqualTo(AuthorizationStates.Failure.UNKNOWN);
        assertThat(jdbc.queryForObject("select count(*) from oauth_authorization_state where connection_id = ?",
                Integer.class, connectionId)).as("the used, unexpired state stays").isEqualTo(1);
    }
}
