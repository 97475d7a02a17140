package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Messages past the retention period go, with their deliveries and attempts; younger ones stay. */
@ApiIntegrationTest
class DeliveryLogRetentionIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeliveryLogRetention retention;

    @Test
    void purgesMessagesOlderThanTheRetentionPeriod() {
        Api api = Tenant.create(jdbc, port, "Retention " + UUID.randomUUID()).api();
        String consumer = api.post("/webhooks", "{\"url\":\"http://127.0.0.1:1/hooks\",\"eventTypes\":"
                + "[\"company.created\"],\"disabled\":false}").json().path("id").asString();
        api.post("/companies", "{\"name\":\"Old News Ltd\"}");
        api.post("/companies", "{\"name\":\"Fresh News Ltd\"}");
        assertThat(api.post("/webhooks/" + consumer + "/disable", null).status()).isEqualTo(200);
        var messages = api.get("/webhooks/" + consumer + "/messages").json().path("results");
        assertThat(messages.size()).isEqualTo(2);
        String old = messages.get(1).path("id").asString();
        String fresh = messages.get(0).path("id").asString();
        jdbc.update("insert into webhook_attempt (consumer_id, message_id, attempt, url, attempted_utc, duration_ms,"
                + " error) values (?, ?, 1, 'http://127.0.0.1:1/hooks', now(), 1, 'test')", UUID.fromString(consumer),
                UUID.fromString(old));
        jdbc.update("update webhook_message set generated_utc = now() - interval '31 days' where id = ?",
                UUID.fromString(old));

        assertThat(retention.purgeNow()).isGreaterThanOrEqualTo(1);

        var left = api.get("/webhooks/" + consumer + "/messages").json();
        assertThat(left.path("totalResults").asInt()).isEqualTo(1);
        assertThat(left.path("results").get(0).path("id").asString()).isEqualTo(fresh);
        assertThat(api.get("/webhooks/" + consumer + "/messages/" + old + "/attempts").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from webhook_attempt where message_id = ?", Integer.class,
                UUID.fromString(old))).isZero();
    }
}
