package dev.bridgekeeper.company;

import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class CompanyApiIT {

    @LocalServerPort
    int port;

    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
        run = "Run " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAndReadsACompanyInCodatShape() {
        Api.Response created = api.post("/companies",
                "{\"name\":\"" + run + " Acme\",\"description\":\"Widgets\",\"tags\":{\"region\":\"uk\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode company = created.json();
        String id = company.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(company.path("name").asString()).isEqualTo(run + " Acme");
        assertThat(company.path("description").asString()).isEqualTo("Widgets");
        assertThat(company.path("redirect").asString()).isEqualTo("http://localhost:" + port + "/link/" + id);
        assertThat(company.path("tags").path("region").asString()).isEqualTo("uk");
        assertThat(company.has("lastSync")).as("absent until the first sync, never null").isFalse();
        assertThat(company.path("dataConnections").isArray()).isTrue();

        Api.Response fetched = api.get("/companies/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(company);
    }

    @Test
    void replacesAndUpdatesAndDeletes() {
        String id = create(run + " Before", "{\"a\":\"1\"}");

        JsonNode replaced = api.put("/companies/" + id, "{\"name\":\"" + run + " After\"}").json();
        assertThat(replaced.path("name").asString()).isEqualTo(run + " After");
        assertThat(replaced.path("tags").size()).as("PUT replaces: omitted tags are cleared").isZero();

        JsonNode patched = api.patch("/companies/" + id, "{\"description\":\"Only this\"}").json();
        assertThat(patched.path("name").asString()).as("PATCH keeps what it does not name").isEqualTo(run + " After");
        assertThat(patched.path("description").asString()).isEqualTo("Only this");

        assertThat(api.delete("/companies/" + id).status()).isEqualTo(204);
        assertError(api.get("/companies/" + id), 404);
        assertError(api.delete("/companies/" + id), 404);
    }

    @Test
    void pagesFiltersAndOrders() {
        for (int i = 1; i <= 5; i++) {
            create(run + " Page " + i, "{\"team\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}");
        }
        String query = "query=name~" + run.replace(" ", "%20");

        JsonNode page2 = api.get("/companies?" + query + "&page=2&pageSize=2&orderBy=-name").json();
        assertThat(page2.path("totalResults").asInt()).isEqualTo(5);
        assertThat(page2.path("pageNumber").asInt()).isEqualTo(2);
        assertThat(page2.path("pageSize").asInt()).isEqualTo(2);
        assertThat(names(page2)).containsExactly(run + " Page 3", run + " Page 2");
        assertThat(page2.path("_links").path("next").path("href").asString()).contains("page=3");
        assertThat(page2.path("_links").path("previous").path("href").asString()).contains("page=1");

        JsonNode even = api.get("/companies?" + query + "&tags=team%3Deven&orderBy=name").json();
        assertThat(names(even)).containsExactly(run + " Page 2", run + " Page 4");

        JsonNode grouped = api.get("/companies?query=%7Bname%3D" + run.replace(" ", "%20") + "%20Page%201"
                + "%7C%7Cname%3D" + run.replace(" ", "%20") + "%20Page%205%7D%26%26tags.team%3Dodd&orderBy=name")
                .json();
        assertThat(names(grouped)).containsExactly(run + " Page 1", run + " Page 5");
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertBadField(api.post("/companies", "{}"), "name");
        assertBadField(api.post("/companies", "{\"name\":\"\"}"), "name");
        assertBadField(api.post("/companies", "{\"name\":\"<script>\"}"), "name");
        assertBadField(api.post("/companies", "{\"name\":42}"), "name");
        assertBadField(api.post("/companies", "{\"name\":\"Ok\",\"colour\":\"red\"}"), "colour");
        assertBadField(api.post("/companies", "{\"name\":\"Ok\",\"tags\":{\"" + "k".repeat(28) + "\":\"v\"}}"), "tags");
        assertBadField(api.post("/companies", "{\"name\":\"Ok\",\"tags\":{\"k\":\"" + "v".repeat(101) + "\"}}"),
                "tags.k");
        StringBuilder eleven = new StringBuilder("{");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
        }
        assertBadField(api.post("/companies", "{\"name\":\"Ok\",\"tags\":" + eleven + "}}"), "tags");
        assertBadField(api.post("/companies", "{\"name\":\"Ok\""), "body");
        assertBadField(api.get("/companies/not-a-uuid"), "companyId");
        assertBadField(api.get("/companies?pageSize=5001"), "pageSize");
        assertThat(api.get("/companies?pageSize=5000").json().path("pageSize").asInt()).as("Codat's maximum")
                .isEqualTo(5000);
        assertBadField(api.get("/companies?page=0"), "page");
        assertBadField(api.get("/companies?page=abc"), "page");
        JsonNode syntax = assertBadField(api.get("/companies?query=%7Bname%3Dx"), "query");
        assertThat(syntax.path("error").asString()).contains("position 0");
        assertBadField(api.get("/companies?query=colour%3Dred"), "query");
        assertBadField(api.get("/companies?orderBy=colour"), "query");
        assertBadField(api.get("/companies?tags=team%3Eeven"), "tags");
        assertBadField(api.patch("/companies/" + UUID.randomUUID(), "{\"name\":\"\"}"), "name");
        assertError(api.put("/companies/" + UUID.randomUUID(), "{\"name\":\"Missing\"}"), 404);
    }

    @Test
    void rejectedInputLeavesNothingBehind() {
        long before = api.get("/companies?pageSize=1").json().path("totalResults").asLong();
        assertBadField(api.post("/companies", "{\"name\":\"" + run + "\",\"tags\":{\"k\":\"" + "v".repeat(101)
                + "\"}}"), "tags.k");
        assertThat(api.get("/companies?pageSize=1").json().path("totalResults").asLong()).isEqualTo(before);
    }

    private String create(String name, String tags) {
        Api.Response response = api.post("/companies", "{\"name\":\"" + name + "\",\"tags\":" + tags + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("id").asString();
    }

    private static List<String> names(JsonNode page) {
        return page.path("results").valueStream().map(c -> c.path("name").asString()).toList();
    }
}
