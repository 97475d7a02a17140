package dev.bridgekeeper.files;

import static dev.bridgekeeper.files.Uploads.upload;
import static dev.bridgekeeper.support.ErrorAssertions.assertBadField;
import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.files.Uploads.Part;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Every configured limit, small enough to reach: per file, per upload, per request body, per company. */
@ApiIntegrationTest
@TestPropertySource(properties = {"bridgekeeper.data-dir=target/it-data-files-limits",
        "bridgekeeper.files.max-file-size=2KB", "bridgekeeper.files.max-files-per-request=2",
        "bridgekeeper.files.max-request-size=8KB", "bridgekeeper.files.max-files-per-company=3",
        "bridgekeeper.files.max-bytes-per-company=4KB"})
class FilesLimitsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static byte[] csv(int bytes) {
        byte[] content = new byte[bytes];
        java.util.Arrays.fill(content, (byte) '1');
        content[1] = ',';
        content[bytes - 1] = '\n';
        return content;
    }

    @Test
    void eachLimitIsEnforcedAndNamed() {
        Tenant tenant = Tenant.create(jdbc, port, "Limits " + UUID.randomUUID().toString().substring(0, 8));
        String company = tenant.api().post("/companies", "{\"name\":\"Limits Ltd\"}").json().path("id").asString();
        String connection = tenant.api().post("/companies/" + company + "/connections", "{\"platformKey\":\"upld\"}")
                .json().path("id").asString();
        String path = "/companies/" + company + "/connections/" + connection + "/files";

        assertThat(assertError(upload(tenant.api(), path, new Part("big.csv", csv(2049))), 413).path("error")
                .asString()).contains("big.csv").contains("2 KB");
        assertThat(assertBadField(upload(tenant.api(), path, new Part("a.csv", csv(10)), new Part("b.csv", csv(10)),
                new Part("c.csv", csv(10))), "file").path("error").asString()).contains("At most 2 files");
        // the request body limit of the upload paths answers before anything is read
        assertThat(assertError(upload(tenant.api(), path, new Part("a.csv", csv(2000)), new Part("b.csv",
                csv(2000)), new Part("c.csv", csv(2000)), new Part("d.csv", csv(2000)), new Part("e.csv",
                csv(2000))), 413).path("error").asString()).contains("8 KiB");

        assertThat(upload(tenant.api(), path, new Part("a.csv", csv(2000)), new Part("b.csv", csv(1500)))
                .status()).isEqualTo(200);
        assertThat(assertBadField(upload(tenant.api(), path, new Part("c.csv", csv(1000))), "file").path("error")
                .asString()).contains("at most 4 KB together");
        assertThat(upload(tenant.api(), path, new Part("c.csv", csv(100))).status()).isEqualTo(200);
        assertThat(assertBadField(upload(tenant.api(), path, new Part("d.csv", csv(10))), "file").path("error")
                .asString()).contains("at most 3 files");
        assertThat(tenant.api().get("/companies/" + company + "/files").json().size()).isEqualTo(3);

        // other paths keep the general 1 MB body limit
        String large = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertError(tenant.api().post("/companies", new String(large.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)), 413);
    }
}
