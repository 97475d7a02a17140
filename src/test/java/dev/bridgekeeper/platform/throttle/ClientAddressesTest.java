package dev.bridgekeeper.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.platform.StartupProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(List.of());
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void fromATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        // the client claims to be 192.0.2.1; the edge proxy appended what it saw, and so did the inner one
        assertThat(addresses.of(from("10.0.0.2", "192.0.2.1, 203.0.113.9, 10.0.0.5"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.2", "192.0.2.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(from("10.0.0.2", "10.0.0.9"))).isEqualTo("10.0.0.9");
    }

    @Test
    void anythingButAnAddressEndsTheWalkWithoutResolvingIt() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(addresses.of(from("10.0.0.2", "203.0.113.9, example.com"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(from("10.0.0.2", "unknown"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(from("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(addresses.of(from("10.0.0.2", "[2001:db8::7]"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aRangeThatIsNotOneStopsStartUp() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/40")))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("prefix");
    }
}
