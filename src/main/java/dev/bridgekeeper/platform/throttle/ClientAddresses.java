package dev.bridgekeeper.platform.throttle;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The source address a request is counted against. {@code X-Forwarded-For} is anyone's to write, so it is read
 * only when the request came from a configured trusted proxy, and then from the right: the first address that
 * is not itself a trusted proxy is the client (the entries to its left are the client's own claims).
 */
final class ClientAddresses {

    private final List<AddressRange> trusted;

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream()
                .map(range -> AddressRange.parse(range, "bridgekeeper.throttle.trusted-proxies")).toList();
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new java.util.ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRange.literal(hops.get(i));
            if (hop.isEmpty()) {
                return client; // garbage (or an obfuscated name) from here on: the last trusted hop is what we know
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        return AddressRange.literal(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }
}
