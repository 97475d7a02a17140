package dev.bridgekeeper.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bridgekeeper.BridgekeeperApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An operator who breaks a catalog file learns which file and field at start-up, not at the first request. */
class InvalidCatalogStartupIT {

    @Test
    void startUpStopsAndNamesTheFileAndField() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test")
                .run("--server.port=0", "--bridgekeeper.catalog.location=classpath:catalogs/invalid/").close());

        assertThat(failure).as("start-up must fail").isNotNull();

        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root.getMessage())
                .startsWith("The integration catalog is invalid:")
                .contains("b-missing-token-url.yaml: auth.tokenUrl is required for auth.mode oauth2")
                .contains("c-unknown-data-type.yaml: dataTypes.commerce-widgets is not a known data type");
    }
}
