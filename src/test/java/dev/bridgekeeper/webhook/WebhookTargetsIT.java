package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.webhook.WebhookTestSupport.consumerBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.support.Api;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An instance configured as in production — https only, no allowed targets — refuses consumer URLs
 * that reach the machine itself, also through a host name that resolves to it.
 */
class WebhookTargetsIT {

    @Test
    void withoutAllowedTargetsLoopbackIsRefusedByAddressAndByName() {
        try (ConfigurableApplicationContext strict = new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test")
                .run("--server.port=0", "--bridgekeeper.webhooks.allowed-targets=",
                        "--bridgekeeper.webhooks.allow-http=false", "--bridgekeeper.webhooks.dispatcher.enabled=false")) {
            int port = Integer.parseInt(strict.getEnvironment().getProperty("local.server.port"));
            Api api = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
            List<String> events = List.of("company.created");

            JsonNode byName = assertBadField(api.post("/webhooks", consumerBody("https://localhost:8443/hooks", events,
                    null, null)), "url");
            assertThat(byName.path("error").asString())
                    .contains("localhost resolves to 127.0.0.1, which is a loopback address");
            JsonNode byAddress = assertBadField(api.post("/webhooks", consumerBody("https://127.0.0.1:8443/hooks",
                    events, null, null)), "url");
            assertThat(byAddress.path("error").asString()).contains("127.0.0.1 is a loopback address");
            JsonNode plainHttp = assertBadField(api.post("/webhooks", consumerBody("http://lender.example/hooks",
                    events, null, null)), "url");
            assertThat(plainHttp.path("error").asString()).contains("must use https");
        }
    }
}
