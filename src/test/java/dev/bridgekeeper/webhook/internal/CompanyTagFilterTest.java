package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompanyTagFilterTest {

    @Test
    void noFilterLetsEveryCompanyThrough() {
        assertThat(CompanyTagFilter.matches(null, Map.of())).isTrue();
        assertThat(CompanyTagFilter.matches(List.of(), Map.of("region", "uk"))).isTrue();
    }

    @Test
    void anyOneMatchingKeyValueIsEnoughAndCaseCounts() {
        List<String> filter = List.of("region:uk", "tier:gold");
        assertThat(CompanyTagFilter.matches(filter, Map.of("region", "uk"))).isTrue();
        assertThat(CompanyTagFilter.matches(filter, Map.of("region", "fr", "tier", "gold"))).isTrue();
        assertThat(CompanyTagFilter.matches(filter, Map.of("region", "UK"))).isFalse();
        assertThat(CompanyTagFilter.matches(filter, Map.of("Region", "uk"))).isFalse();
        assertThat(CompanyTagFilter.matches(filter, Map.of())).isFalse();
        assertThat(CompanyTagFilter.matches(filter, null)).isFalse();
    }

    @Test
    void theValueMayItselfContainColons() {
        assertThat(CompanyTagFilter.matches(List.of("ref:a:b"), Map.of("ref", "a:b"))).isTrue();
        assertThat(CompanyTagFilter.matches(List.of("ref:a"), Map.of("ref", "a:b"))).isFalse();
    }
}
