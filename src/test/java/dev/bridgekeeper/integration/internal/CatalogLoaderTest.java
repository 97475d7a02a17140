package dev.bridgekeeper.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.SourceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.env.MockEnvironment;

class CatalogLoaderTest {

    private final MockEnvironment env = new MockEnvironment().withProperty("bridgekeeper.public-url",
            "https://bk.example");
    private final CatalogLoader loader = new CatalogLoader(new PathMatchingResourcePatternResolver(),
            env::resolveRequiredPlaceholders);

    @Test
    void loadsAValidEntryWithDefaults() {
        List<CatalogLoader.Loaded> loaded = loader.loadEntries("classpath:catalogs/valid/");

        assertThat(loaded).hasSize(1);
        Integration demo = loaded.get(0).integration();
        assertThat(demo.key()).isEqualTo("demo");
        assertThat(demo.sourceType()).isEqualTo(SourceType.Accounting);
        assertThat(demo.auth().tokenAuthMethod()).isEqualTo("client_secret_post");
        assertThat(demo.auth().revocationFormat()).as("RFC 7009's form unless the entry says json")
                .isEqualTo(Integration.Auth.FORM);
        assertThat(loaded.get(0).clientSecret()).as("placeholder default applied").isEqualTo("s3cret");
        assertThat(loaded.get(0).toString()).doesNotContain("s3cret");
        assertThat(demo.connector()).as("an entry naming no connector").isEqualTo("standard-model");
        assertThat(demo.urls()).containsEntry(Integration.TOKEN, "https://login.demo.example/token")
                .containsEntry(Integration.AUTHORIZE, "https://login.demo.example/authorize");
        assertThat(demo.dataTypes()).isEqualTo(Map.of("invoices", Map.of("Get", "Release"),
                "customers", Map.of("Get", "Release")));
        assertThat(demo.branding().icon()).as("icon defaults to the logo").isEqualTo("logo.svg");
        assertThat(demo.enabled()).isTrue();
        assertThat(demo.sandbox()).isFalse();
    }

    @Test
    void reportsEveryProblemOfEveryFileByName() {
        InvalidCatalogException e = catchThrowableOfType(InvalidCatalogException.class,
                () -> loader.load("classpath:catalogs/invalid/"));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "a-bad-key.yaml: key must be exactly four lowercase letters (got \"TOOLONG\")",
                "b-missing-token-url.yaml: auth.tokenUrl is required for auth.mode oauth2",
                "b-missing-token-url.yaml: auth.revocationFormat must be one of "
                        + CatalogLoader.REVOCATION_FORMATS + " (got \"xml\")",
                "b-missing-token-url.yaml: dataApiUrl must be an absolute http(s) URL (got \"ftp://x.example/data\")",
                "c-unknown-data-type.yaml: dataTypes.commerce-widgets is not a known data type",
                "c-unknown-data-type.yaml: dataTypes.commerce-orders.Get has unknown state \"Shipping\"; use one of "
                        + CatalogLoader.FEATURE_STATES,
                "c-unknown-data-type.yaml: branding.logo must name an .svg or .png file in the catalog's branding/"
                        + " folder (got \"missing.svg\")",
                "c-unknown-data-type.yaml: branding.icon must name an .svg or .png file in the catalog's branding/"
                        + " folder (got \"missing.svg\")",
                "c-unknown-data-type.yaml: branding.buttonDefault must name an .svg or .png file in the catalog's"
                        + " branding/ folder (got \"missing.svg\")",
                "c-unknown-data-type.yaml: branding.buttonHover must name an .svg or .png file in the catalog's"
                        + " branding/ folder (got \"missing.svg\")",
                "e-duplicate-again.yaml: auth.mode must be one of [oauth2, upload] (got \"apikey\")",
                e.problems().stream().filter(p -> p.startsWith("f-not-yaml.yaml: cannot be read")).findFirst()
                        .orElse("f-not-yaml.yaml: cannot be read (missing)"));
        assertThat(e.getMessage()).startsWith("The integration catalog is invalid:");
    }

    @Test
    void rejectsADuplicateKey() {
        CatalogLoader twice = new CatalogLoader(new PathMatchingResourcePatternResolver(), text -> text);
        InvalidCatalogException e = catchThrowableOfType(InvalidCatalogException.class,
                () -> twice.load("classpath:catalogs/duplicate/"));
        assertThat(e.problems()).containsExactly("b.yaml: key \"demo\" is already used by a.yaml");
    }
}
