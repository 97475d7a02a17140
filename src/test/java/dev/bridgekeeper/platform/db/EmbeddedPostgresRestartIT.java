package dev.bridgekeeper.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.support.Api;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Without SPRING_DATASOURCE_URL, data lives under the data directory and survives a full restart. */
class EmbeddedPostgresRestartIT {

    private final Path dataDir = Path.of("target", "restart-it-" + UUID.randomUUID());

    @Test
    void companiesSurviveARestartOfApplicationAndDatabase() throws Exception {
        String companyId;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            companyId = api.post("/companies", "{\"name\":\"Durable Ltd\"}").json().path("id").asString();
            assertThat(companyId).isNotBlank();
        } finally {
            EmbeddedPostgresEnvironment.stop(dataDir);
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start()) {
            Api.Response company = api(second).get("/companies/" + companyId);
            assertThat(company.status()).as(company.toString()).isEqualTo(200);
            assertThat(company.json().path("name").asString()).isEqualTo("Durable Ltd");
        } finally {
            EmbeddedPostgresEnvironment.stop(dataDir);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test")
                .run("--server.port=0", "--bridgekeeper.data-dir=" + dataDir,
                        "--bridgekeeper.embedded-database.clean=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
    }
}
