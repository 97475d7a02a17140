package dev.bridgekeeper.connection;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A company takes at most 25 connections from company tokens (a customer's browser) and 100 from API keys. */
@ApiIntegrationTest
class ConnectionsPerCompanyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void companyTokensStopAt25AndApiKeysAt100() {
        Api api = Tenant.create(jdbc, port, "Connection cap").api();
        String company = api.post("/companies", "{\"name\":\"Many Connections Ltd\"}").json().path("id").asString();
        String connections = "/companies/" + company + "/connections";
        for (int i = 0; i < 25; i++) {
            Api.Response created = api.post(connections, "{\"platformKey\":\"sbbk\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
        }
        String token = api.get("/companies/" + company + "/accessToken").json().path("accessToken").asString();
        Api customer = api.anonymous().withBearer(token);
        Api.Response refused = customer.post("/link/api/companies/" + company + "/connections",
                "{\"platformKey\":\"sbcm\"}");
        assertThat(assertError(refused, 409).path("error").asString())
                .contains("25").contains("bridgekeeper.connections.max-per-company.company-token");

        for (int i = 25; i < 100; i++) {
            Api.Response created = api.post(connections, "{\"platformKey\":\"sbcm\"}");
            assertThat(created.status()).as(i + " " + created).isEqualTo(200);
        }
        assertThat(assertError(api.post(connections, "{\"platformKey\":\"sbcm\"}"), 409).path("error").asString())
                .contains("100").contains("bridgekeeper.connections.max-per-company.api-key");
        assertThat(api.get(connections + "?pageSize=200").json().path("totalResults").asInt()).isEqualTo(100);

        // a deleted one makes room again
        String first = api.get(connections + "?pageSize=1").json().path("results").get(0).path("id").asString();
        assertThat(api.delete(connections + "/" + first).status()).isEqualTo(200);
        assertThat(api.post(connections, "{\"platformKey\":\"sbcm\"}").status()).isEqualTo(200);
    }
}
