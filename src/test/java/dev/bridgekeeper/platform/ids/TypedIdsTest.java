package dev.bridgekeeper.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ErrorMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

class TypedIdsTest {

    private static final String TEXT = "8a210b68-6988-11ed-a1eb-0242ac120002";

    @Test
    void parsesTheCanonicalTextAndGivesItBack() {
        CompanyId company = CompanyId.of(TEXT);
        assertThat(company.value()).isEqualTo(UUID.fromString(TEXT));
        assertThat(company).hasToString(TEXT).isEqualTo(CompanyId.of(UUID.fromString(TEXT)));
        assertThat(ConnectionId.of(TEXT.toUpperCase())).hasToString(TEXT);
        assertThat(ClientId.of(TEXT).value()).isEqualTo(UUID.fromString(TEXT));
    }

    @Test
    void badTextIsA400NamingTheField() {
        for (String bad : new String[] {"", "not-a-uuid", "1-2-3-4-5", TEXT + "0", null}) {
            assertThatThrownBy(() -> CompanyId.of(bad)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(e.getMessage()).isEqualTo(
                        "\"companyId\" must be a UUID such as 8a210b68-6988-11ed-a1eb-0242ac120002.");
                assertThat(e.fieldErrors()).extracting(ErrorMessage.ValidationItem::itemId).containsExactly("companyId");
            });
        }
        assertThatThrownBy(() -> ConnectionId.of("x")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.fieldErrors()).extracting(ErrorMessage.ValidationItem::itemId)
                        .containsExactly("connectionId"));
        assertThatThrownBy(() -> ConnectionId.of("x", "connectionIds[1]")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.fieldErrors()).extracting(ErrorMessage.ValidationItem::itemId)
                        .containsExactly("connectionIds[1]"));
    }

    @Test
    void aCompanyIdIsNeverAConnectionIdOfTheSameUuid() {
        UUID same = UUID.randomUUID();
        assertThat((Object) CompanyId.of(same)).isNotEqualTo(ConnectionId.of(same));
        assertThatThrownBy(() -> CompanyId.of((UUID) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void serialisesAsThePlainUuidText() {
        record Carrier(CompanyId company, ConnectionId connection) {}
        UUID id = UUID.fromString(TEXT);
        assertThat(JsonMapper.builder().build().writeValueAsString(new Carrier(CompanyId.of(id), ConnectionId.of(id))))
                .isEqualTo("{\"company\":\"" + TEXT + "\",\"connection\":\"" + TEXT + "\"}");
    }
}
