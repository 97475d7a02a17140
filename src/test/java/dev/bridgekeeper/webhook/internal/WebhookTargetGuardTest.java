package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookTargetGuardTest {

    private final WebhookTargetGuard strict = new WebhookTargetGuard(List.of(), InetAddress::getAllByName);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, a loopback address",
            "127.255.0.9, a loopback address",
            "::1, a loopback address",
            "10.0.0.1, a private address",
            "172.16.5.4, a private address",
            "172.31.255.255, a private address",
            "192.168.1.1, a private address",
            "fc00::1, a private address",
            "fd12:3456::1, a private address",
            "169.254.169.254, a cloud metadata address",
            "fd00:ec2::254, a cloud metadata address",
            "169.254.10.10, a link-local address",
            "fe80::1, a link-local address",
            "100.64.0.1, a shared (carrier-grade NAT) address",
            "100.127.255.254, a shared (carrier-grade NAT) address",
            "0.0.0.0, an unspecified address",
            "::, an unspecified address",
            "224.0.0.1, a multicast address",
            "ff02::1, a multicast address",
            "255.255.255.255, a reserved address",
            "::ffff:10.0.0.1, a private address",
    })
    void refusesAddressesInsideTheInstancesOwnNetwork(String address, String kind) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).contains(kind);
        assertThatThrownBy(() -> strict.resolveChecked(address)).isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining(kind).hasMessageContaining("allowed-targets");
    }

    @ParameterizedTest
    @CsvSource({"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "11.0.0.1"})
    void letsPublicAddressesThrough(String address) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void ipv6FormsCarryingAPrivateIpv4AddressAreJudgedByIt() throws Exception {
        assertThat(strict.refusal(InetAddress.getByName("64:ff9b::a00:1"))).get().asString()
                .startsWith("a private address");
        assertThat(strict.refusal(InetAddress.getByName("2002:7f00:1::1"))).get().asString()
                .startsWith("a loopback address");
        assertThat(strict.refusal(InetAddress.getByName("64:ff9b::808:808"))).isEmpty();
    }

    @Test
    void theAllowListOpensOnlyTheRangesItNames() throws Exception {
        WebhookTargetGuard guard = new WebhookTargetGuard(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.1.0.0/16")),
                InetAddress::getAllByName);
        assertThat(guard.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(guard.refusal(InetAddress.getByName("10.1.200.3"))).isEmpty();
        assertThat(guard.refusal(InetAddress.getByName("10.2.0.1"))).contains("a private address");
        assertThat(guard.refusal(InetAddress.getByName("::1"))).contains("a loopback address");
        assertThat(guard.refusal(InetAddress.getByName("169.254.169.254"))).contains("a cloud metadata address");
    }

    @Test
    void aHostNameResolvingToLoopbackIsRefusedWhenTheAllowListDoesNotCoverIt() {
        // "localhost" goes through the system resolver like any other name
        assertThatThrownBy(() -> strict.resolveChecked("localhost")).isInstanceOf(TargetRefusedException.class)
                .hasMessageStartingWith("localhost resolves to ").hasMessageContaining("a loopback address");
        assertThat(strict.problemAtCreation("localhost")).get().asString().contains("loopback");
    }

    @Test
    void aNameWithOnePrivateAnswerAmongPublicOnesIsRefusedWhole() {
        WebhookTargetGuard guard = new WebhookTargetGuard(List.of(), table(Map.of("mixed.example",
                List.of("93.184.215.14", "10.0.0.7"))));
        assertThatThrownBy(() -> guard.resolveChecked("mixed.example")).isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("mixed.example resolves to 10.0.0.7, which is a private address");
    }

    @Test
    void rebindingIsCaughtBecauseEveryLookupIsCheckedAndTheCheckedAddressIsTheOneReturned() throws Exception {
        // a DNS server that answers public first (at creation), then loopback (at send time)
        Deque<String> answers = new ArrayDeque<>(List.of("93.184.215.14", "127.0.0.1"));
        WebhookTargetGuard guard = new WebhookTargetGuard(List.of(),
                host -> new InetAddress[] {InetAddress.getByName(answers.removeFirst())});
        assertThat(guard.problemAtCreation("rebind.example")).isEmpty();
        assertThatThrownBy(() -> guard.resolveChecked("rebind.example")).isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("rebind.example resolves to 127.0.0.1, which is a loopback address");
    }

    @Test
    void anUnresolvableNameIsAcceptedAtCreationAndLeftToTheSendTimeCheck() {
        WebhookTargetGuard guard = new WebhookTargetGuard(List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThat(guard.problemAtCreation("not-yet.example")).isEmpty();
        assertThatThrownBy(() -> guard.resolveChecked("not-yet.example")).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(TargetRefusedException.class);
    }

    @Test
    void bracketedIpv6LiteralsFromUrlsAreUnderstood() {
        assertThatThrownBy(() -> strict.resolveChecked("[::1]")).isInstanceOf(TargetRefusedException.class)
                .hasMessageStartingWith("::1 is a loopback address");
    }

    @Test
    void cidrRangesParseWithoutLookingAnythingUp() throws Exception {
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("10.255.1.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.0"))).isFalse();
        assertThat(Cidr.parse("100.64.0.0/10").contains(InetAddress.getByName("100.127.0.1"))).isTrue();
        assertThat(Cidr.parse("100.64.0.0/10").contains(InetAddress.getByName("100.128.0.1"))).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(InetAddress.getByName("febf::1"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.8"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static WebhookTargetGuard.HostResolver table(Map<String, List<String>> names) {
        return host -> {
            List<String> addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }
}
