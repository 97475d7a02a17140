package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.platform.StartupProblem;
import dev.bridgekeeper.webhook.WebhookProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks away from the instance's own network (SSRF). Every address a consumer's host
 * resolves to must be public — not loopback, private, link-local, shared (CGNAT), unspecified,
 * multicast, reserved or a cloud metadata address — unless it lies in
 * {@code bridgekeeper.webhooks.allowed-targets}. The dispatcher's HTTP client resolves host names
 * only through {@link #resolveChecked}, and connects to exactly the addresses it returned, so a DNS
 * answer that changes between the check and the connection (rebinding) cannot slip through.
 */
@Component
class WebhookTargetGuard {

    /** Looks a host up; the system resolver in production, a fixed table in tests. */
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Range(Cidr cidr, String kind) {}

    // checked in order: the first range containing the address names why it is refused
    private static final List<Range> REFUSED = List.of(
            range("169.254.169.254/32", "a cloud metadata address"),
            range("fd00:ec2::254/128", "a cloud metadata address"),
            range("100.100.100.200/32", "a cloud metadata address"),
            range("0.0.0.0/8", "an unspecified address"),
            range("::/128", "an unspecified address"),
            range("127.0.0.0/8", "a loopback address"),
            range("::1/128", "a loopback address"),
            range("10.0.0.0/8", "a private address"),
            range("172.16.0.0/12", "a private address"),
            range("192.168.0.0/16", "a private address"),
            range("fc00::/7", "a private address"),
            range("169.254.0.0/16", "a link-local address"),
            range("fe80::/10", "a link-local address"),
            range("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            range("224.0.0.0/4", "a multicast address"),
            range("ff00::/8", "a multicast address"),
            range("192.0.0.0/24", "a reserved address"),
            range("198.18.0.0/15", "a reserved address"),
            range("240.0.0.0/4", "a reserved address"),
            range("fec0::/10", "a reserved address"),
            range("::/96", "a reserved address"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allowed;
    private final HostResolver resolver;

    @Autowired
    WebhookTargetGuard(WebhookProperties properties) {
        this(parseAllowed(properties.allowedTargets()), InetAddress::getAllByName);
    }

    WebhookTargetGuard(List<Cidr> allowed, HostResolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** Why this address may not receive webhooks, or empty when it may. */
    Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        for (Range range : REFUSED) {
            if (range.cidr().contains(address)) {
                return Optional.of(range.kind());
            }
        }
        // IPv6 forms that carry an IPv4 address inside: judge the address they lead to
        if (address instanceof Inet6Address && (NAT64.contains(address) || SIX_TO_FOUR.contains(address))) {
            byte[] bytes = address.getAddress();
            byte[] v4 = NAT64.contains(address) ? Arrays.copyOfRange(bytes, 12, 16) : Arrays.copyOfRange(bytes, 2, 6);
            try {
                return refusal(InetAddress.getByAddress(v4)).map(kind -> kind + " (embedded in " + address
                        .getHostAddress() + ")");
            } catch (UnknownHostException e) {
                return Optional.of("a malformed address");
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves {@code host} and returns its addresses when every one of them may receive webhooks;
     * refuses the whole host otherwise (a name that mixes public and private answers is suspect).
     */
    InetAddress[] resolveChecked(String host) throws UnknownHostException {
        String bare = bare(host);
        InetAddress[] addresses = resolver.resolve(bare);
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                throw new TargetRefusedException(describe(bare, address, refused.get()));
            }
        }
        return addresses;
    }

    /**
     * The cheap check when a consumer is created: a literal address is judged as it is; a name is
     * looked up once, and refused if it already resolves somewhere forbidden. A name that does not
     * resolve yet is accepted, since the send-time check has the final word.
     */
    Optional<String> problemAtCreation(String host) {
        try {
            resolveChecked(host);
            return Optional.empty();
        } catch (TargetRefusedException e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String describe(String host, InetAddress address, String kind) {
        String where = address.getHostAddress();
        boolean literal = host.contains(":") || host.matches("[0-9.]+");
        String subject = literal ? host + " is " : host + " resolves to " + where + ", which is ";
        return subject + kind + "; webhooks may not be sent there unless bridgekeeper.webhooks.allowed-targets"
                + " (BRIDGEKEEPER_WEBHOOKS_ALLOWEDTARGETS) covers it";
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Range range(String cidr, String kind) {
        return new Range(Cidr.parse(cidr), kind);
    }

    private static List<Cidr> parseAllowed(List<String> texts) {
        List<Cidr> ranges = new ArrayList<>();
        for (String text : texts) {
            try {
                ranges.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw new StartupProblem("bridgekeeper.webhooks.allowed-targets (BRIDGEKEEPER_WEBHOOKS_ALLOWEDTARGETS): "
                        + e.getMessage() + ". List IP ranges separated by commas, e.g. 127.0.0.0/8,10.20.0.0/16.");
            }
        }
        return ranges;
    }
}
