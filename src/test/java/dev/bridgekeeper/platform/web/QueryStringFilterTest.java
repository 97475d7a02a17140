package dev.bridgekeeper.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.error.ErrorMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryStringFilterTest {

    @Test
    void acceptsWhatTomcatDecodes() {
        for (String query : new String[] {null, "", "page=1&pageSize=100", "query=name%3D%C3%A9t%C3%A9", "a+b=c+d",
            "flag", "x=&y", "query=%F0%9F%98%80", "tags=k%3Dv", "é=ü"}) {
            assertThat(QueryStringFilter.check(query)).as(query).isEmpty();
        }
    }

    @Test
    void namesTheParameterThatIsNotPercentEncodedUtf8() {
        assertRefused("page=1&pageSize=%FF", "pageSize", "is not valid: encode it as UTF-8 with percent-encoding (%XX).");
        assertRefused("query=%C3%28", "query", "is not valid");
        assertRefused("query=%E2%82", "query", "is not valid");
        assertRefused("orderBy=%", "orderBy", "is not valid");
        assertRefused("orderBy=%4", "orderBy", "is not valid");
        assertRefused("orderBy=%G1", "orderBy", "is not valid");
        assertRefused("na%FFme=1", "name", "is not valid");
    }

    @Test
    void refusesTheNulCharacterInANameOrAValue() {
        assertRefused("state=ab%00", "state", "contains the NUL character (%00), which is not allowed.");
        assertRefused("ok=1&x%00y=1", "xy", "contains the NUL character");
    }

    private static void assertRefused(String query, String field, String message) {
        Optional<ErrorMessage> refusal = QueryStringFilter.check(query);
        assertThat(refusal).as(query).isPresent();
        assertThat(refusal.get().statusCode()).isEqualTo(400);
        assertThat(refusal.get().error()).as(query).startsWith("Query parameter \"" + field + "\" ").contains(message);
        assertThat(refusal.get().validation().errors()).extracting(ErrorMessage.ValidationItem::itemId)
                .containsExactly(field);
    }
}
