package dev.bridgekeeper.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.consent.internal.ConsentTransitions.Change;
import dev.bridgekeeper.platform.error.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Every (status, change) pair: the legal ones land where the table says, every other one is a 409. */
class ConsentTransitionsTest {

    private static final Map<String, ConsentStatus> LEGAL = Map.of(
            "Active EXPIRE", ConsentStatus.Expired,
            "Active REVOKE", ConsentStatus.Revoked,
            "Active SUPERSEDE", ConsentStatus.Superseded,
            "Active RECONFIRM", ConsentStatus.Active,
            "Expired RECONFIRM", ConsentStatus.Active,
            "Expired SUPERSEDE", ConsentStatus.Superseded);

    @Test
    void exactlyTheTablesChangesAreAllowed() {
        int legal = 0;
        for (ConsentStatus from : ConsentStatus.values()) {
            for (Change change : Change.values()) {
                ConsentStatus expected = LEGAL.get(from + " " + change);
                if (expected != null) {
                    legal++;
                    assertThat(ConsentTransitions.apply(from, change)).as(from + " " + change).isEqualTo(expected);
                    assertThat(ConsentTransitions.allows(from, change)).isTrue();
                } else {
                    assertThat(ConsentTransitions.allows(from, change)).as(from + " " + change).isFalse();
                    assertThatThrownBy(() -> ConsentTransitions.apply(from, change))
                            .isInstanceOfSatisfying(ApiException.class,
                                    e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                            .hasMessageContaining(from.name()).hasMessageContaining(change.pastTense);
                }
            }
        }
        assertThat(legal).isEqualTo(LEGAL.size());
    }

    @Test
    void revokedAndSupersededAreFinal() {
        assertThat(ConsentTransitions.allowed(ConsentStatus.Revoked)).isEmpty();
        assertThat(ConsentTransitions.allowed(ConsentStatus.Superseded)).isEmpty();
        assertThatThrownBy(() -> ConsentTransitions.apply(ConsentStatus.Revoked, Change.RECONFIRM))
                .hasMessage("A consent that is Revoked cannot be reconfirmed; it is final.");
    }
}
