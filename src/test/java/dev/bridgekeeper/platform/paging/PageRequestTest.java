package dev.bridgekeeper.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.error.ApiException;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void takesCodatsDefaultsAndLimits() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(1, 100));
        assertThat(PageRequest.of(3, 5000)).isEqualTo(new PageRequest(3, 5000));
        assertThat(PageRequest.of(1, 1)).isEqualTo(new PageRequest(1, 1));
    }

    @Test
    void refusesAPageSizeOverCodatsMaximumNamingIt() {
        assertThatThrownBy(() -> PageRequest.of(1, 5001)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("\"pageSize\" must be between 1 and 5000.");
            assertThat(e.fieldErrors()).extracting(f -> f.itemId()).containsExactly("pageSize");
        });
        assertThatThrownBy(() -> PageRequest.of(1, 0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 10)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.itemId()).containsExactly("page"));
    }

    @Test
    void theOffsetOfTheLastPageDoesNotOverflow() {
        assertThat(PageRequest.of(Integer.MAX_VALUE, 5000).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 5000);
    }
}
