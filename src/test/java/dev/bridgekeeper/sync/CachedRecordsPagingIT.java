package dev.bridgekeeper.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.sandbox.internal.SandboxRecordEdits;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Paging through the page index gives exactly the slices of the full, id-ordered result, for one connection's
 * listing (fetched by ids) and a company-wide one (from anchors), with and without a query; and a sync that
 * changes the records is seen by the very next page read (the index belongs to one data version).
 */
@ApiIntegrationTest
class CachedRecordsPagingIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void everyPageIsTheMatchingSliceAndASyncIsSeenAtOnce() {
        Tenant tenant = Tenant.create(jdbc, port, "Paging IT");
        Api api = tenant.api();
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbcm", "user_good");
        String history = link.companyPath() + "/data/history?query="
                + enc("{status=Queued||status=Fetching||status=Mapping}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                api.get(link.companyPath() + "/dataStatus").json().path("commerce-orders").path("currentStatus")
                        .asString().equals("Complete") && api.get(history).json().path("totalResults").asInt() == 0);

        String connectionList = link.connectionPath() + "/data/commerce-orders";
        List<String> all = ids(api.get(connectionList + "?pageSize=5000").json());
        assertThat(all).hasSize(150);
        assertPagesSlice(api, connectionList, "", all, 7);
        assertPagesSlice(api, connectionList, "", all, 100);
        assertPagesSlice(api, connectionList, "", all, 5000); // Codat's largest page: one page, then an empty one

        List<String> big = ids(api.get(connectionList + "?pageSize=5000&query=" + enc("totalAmount>100")).json());
        assertThat(big).isNotEmpty().hasSizeLessThan(150);
        assertPagesSlice(api, connectionList, "&query=" + enc("totalAmount>100"), big, 9);

        // the deleted record leaves the listing on the very next read after its sync
        SandboxRecordEdits.of(context).delete("commerce", "user_good", "commerce-orders", all.get(3));
        String queued = api.post(link.companyPath() + "/data/queue/commerce-orders", null).json().path("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> api.get(
                link.companyPath() + "/data/history/" + queued).json().path("isCompleted").asBoolean());
        List<String> after = new ArrayList<>(all);
        after.remove(3);
        JsonNode page1 = api.get(connectionList + "?pageSize=7").json();
        assertThat(page1.path("totalResults").asInt()).isEqualTo(149);
        assertThat(ids(page1)).isEqualTo(after.subList(0, 7));
        assertPagesSlice(api, connectionList, "", after, 7);
    }

    @Test
    void companyWideListingsPageFromAnchors() {
        Tenant tenant = Tenant.create(jdbc, port, "Paging IT accounting");
        Api api = tenant.api();
        SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbac", "user_good");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                api.get(link.companyPath() + "/dataStatus").json().path("invoices").path("currentStatus")
                        .asString().equals("Complete"));
        String list = link.companyPath() + "/data/invoices";
        List<String> all = ids(api.get(list + "?pageSize=5000").json());
        // other tests may delete a record of user_good's sandbox books; what matters is crossing an anchor
        assertThat(all).hasSizeGreaterThan(100).doesNotHaveDuplicates();
        assertPagesSlice(api, list, "", all, 11); // pages cross the anchors at 0 and 100
        assertPagesSlice(api, list, "", all, 5000);
        List<String> unpaid = ids(api.get(list + "?pageSize=5000&query=" + enc("status=Submitted")).json());
        assertThat(unpaid).isNotEmpty();
        assertPagesSlice(api, list, "&query=" + enc("status=Submitted"), unpaid, 4);
    }

    private static void assertPagesSlice(Api api, String list, String extra, List<String> expected, int size) {
        int pages = (expected.size() + size - 1) / size;
        for (int page = 1; page <= pages + 1; page++) {
            JsonNode body = api.get(list + "?pageSize=" + size + "&page=" + page + extra).json();
            assertThat(body.path("totalResults").asInt()).isEqualTo(expected.size());
            int from = Math.min(expected.size(), (page - 1) * size);
            assertThat(ids(body)).as("page " + page + " of " + size)
                    .isEqualTo(expected.subList(from, Math.min(expected.size(), from + size)));
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("results").forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
