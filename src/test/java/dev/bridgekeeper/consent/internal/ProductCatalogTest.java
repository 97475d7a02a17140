package dev.bridgekeeper.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.StartupProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Product definitions are checked by meaning at start-up, every mistake named with the key to fix. */
class ProductCatalogTest {

    private static ProductProperties.Texts texts() {
        return new ProductProperties.Texts("v1", null, "p", "a", "ai", "pd", "r");
    }

    private static ProductProperties.Definition good() {
        return new ProductProperties.Definition("Lending", "Assess loans.",
                Map.of("banking", new ProductProperties.Source(null, List.of("banking-accounts"))), texts(),
                Duration.ofDays(30), new ProductProperties.Policy(Duration.ofDays(365),
                        Map.of("Banking", Duration.ofDays(90)), Duration.ofDays(14)));
    }

    @Test
    void aGoodProductIsLoadedWithCanonicalSourceTypesAndDefaults() {
        ProductCatalog catalog = new ProductCatalog(new ProductProperties(Map.of("lending", good()), null));
        Product lending = catalog.require("lending");
        assertThat(lending.sourceTypes()).containsOnlyKeys("Banking");
        assertThat(lending.sourceTypes().get("Banking").required()).isTrue();
        assertThat(lending.consentTexts().locale()).isEqualTo("en-GB");
        assertThat(lending.consentPolicy().durationFor("Banking")).isEqualTo(Duration.ofDays(90));
        assertThat(lending.consentPolicy().durationFor("Accounting")).isEqualTo(Duration.ofDays(365));
        assertThat(catalog.defaultPolicy().durationFor("Banking")).isEqualTo(Duration.ofDays(90));
        assertThat(catalog.defaultPolicy().durationFor("Commerce")).isEqualTo(Duration.ofDays(365));
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void theProductsUsingADataTypeAreKnownFromTheirSources() {
        ProductProperties.Definition onboarding = new ProductProperties.Definition("Onboarding", "Know customers.",
                Map.of("accounting", new ProductProperties.Source(null, List.of("invoices", "customers")),
                        "banking", new ProductProperties.Source(false, List.of("banking-accounts"))), texts(),
                Duration.ofDays(30), good().consentPolicy());
        ProductCatalog catalog = new ProductCatalog(new ProductProperties(Map.of("lending", good(), "onboarding",
                onboarding), null));
        assertThat(catalog.usingDataType("banking-accounts")).extracting(Product::identifier)
                .containsExactly("lending", "onboarding");
        assertThat(catalog.usingDataType("invoices")).extracting(Product::identifier).containsExactly("onboarding");
        assertThat(catalog.usingDataType("taxRates")).isEmpty();
    }

    @Test
    void everyMistakeIsReportedTogetherWithItsKey() {
        Map<String, ProductProperties.Source> sources = new LinkedHashMap<>();
        sources.put("Bakery", new ProductProperties.Source(true, List.of("banking-accounts")));
        sources.put("Banking", new ProductProperties.Source(false, List.of("banking-cakes")));
        ProductProperties.Definition bad = new ProductProperties.Definition(" ", null, sources,
                new ProductProperties.Texts(null, null, "p", "", "ai", "pd", "r"), Duration.ofDays(-1),
                new ProductProperties.Policy(Duration.ofDays(10), Map.of("Banking", Duration.ofDays(5)),
                        Duration.ofDays(7)));
        assertThatThrownBy(() -> new ProductCatalog(new ProductProperties(Map.of("Bad_Id", bad), null)))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("bridgekeeper.products.Bad_Id: the identifier must be lower-case")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.name is required")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.purpose is required")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.source-types.Bakery: \"Bakery\" is not a source type")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.source-types.Banking.data-types: \"banking-cakes\""
                        + " is not a data type")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.source-types: at least one source type must be"
                        + " required")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.consent-texts.version is required")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.consent-texts.access is required")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.retention is required")
                .hasMessageContaining("bridgekeeper.products.Bad_Id.consent-policy.reminder-lead-time (PT168H) must be"
                        + " shorter than the shortest consent duration (PT120H)");
    }

    @Test
    void aMissingPolicyOrSourceTypesIsNamed() {
        ProductProperties.Definition bare = new ProductProperties.Definition("Bare", "Nothing.", null, texts(),
                Duration.ZERO, null);
        assertThatThrownBy(() -> new ProductCatalog(new ProductProperties(Map.of("bare", bare), null)))
                .hasMessageContaining("bridgekeeper.products.bare.source-types is required")
                .hasMessageContaining("bridgekeeper.products.bare.consent-policy is required");
    }
}
