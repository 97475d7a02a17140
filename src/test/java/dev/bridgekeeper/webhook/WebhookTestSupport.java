package dev.bridgekeeper.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small steps the webhook tests repeat: consumers, companies, messages and attempts through the API. */
final class WebhookTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookTestSupport() {}

    static String consumerBody(String url, List<String> eventTypes, List<String> companyTags, Boolean disabled) {
        ObjectNode body = JSON.createObjectNode();
        body.put("url", url);
        body.set("eventTypes", JSON.valueToTree(eventTypes));
        if (companyTags != null) {
            body.set("companyTags", JSON.valueToTree(companyTags));
        }
        if (disabled != null) {
            body.put("disabled", disabled);
        }
        return body.toString();
    }

    static JsonNode createConsumer(Api api, String url, List<String> eventTypes) {
        return createConsumer(api, url, eventTypes, null, null);
    }

    static JsonNode createConsumer(Api api, String url, List<String> eventTypes, List<String> companyTags,
            Boolean disabled) {
        Api.Response created = api.post("/webhooks", consumerBody(url, eventTypes, companyTags, disabled));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    static String secret(Api api, String consumerId) {
        Api.Response secret = api.get("/webhooks/" + consumerId + "/secret");
        assertThat(secret.status()).as(secret.toString()).isEqualTo(200);
        return secret.json().path("key").asString();
    }

    static String createCompany(Api api, String name, Map<String, String> tags) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        if (tags != null) {
            body.set("tags", JSON.valueToTree(tags));
        }
        Api.Response created = api.post("/companies", body.toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("id").asString();
    }

    /** All messages of a consumer, newest first. */
    static List<JsonNode> messages(Api api, String consumerId) {
        Api.Response page = api.get("/webhooks/" + consumerId + "/messages?pageSize=2000");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        page.json().path("results").forEach(list::add);
        return list;
    }

    static List<JsonNode> attempts(Api api, String consumerId, String messageId) {
        Api.Response attempts = api.get("/webhooks/" + consumerId + "/messages/" + messageId + "/attempts");
        assertThat(attempts.status()).as(attempts.toString()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        attempts.json().path("results").forEach(list::add);
        return list;
    }

    static JsonNode consumer(Api api, String consumerId) {
        for (JsonNode consumer : api.get("/webhooks").json().path("results")) {
            if (consumer.path("id").asString().equals(consumerId)) {
                return consumer;
            }
        }
        throw new AssertionError("No consumer " + consumerId);
    }
}
