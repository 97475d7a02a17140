package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.StartupProblem;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; nothing here ever asks DNS. */
record AddressRange(byte[] network, int prefix) {

    /** Parses {@code address/prefix} or one address; a mistake stops start-up naming the key. */
    static AddressRange parse(String text, String key) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        Optional<InetAddress> address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address.isEmpty()) {
            throw new StartupProblem(key + ": \"" + text + "\" is not an IP address range such as 10.0.0.0/8.");
        }
        byte[] bytes = address.get().getAddress();
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new StartupProblem(key + ": \"" + text + "\" needs a prefix length from 0 to " + bits + ".");
        }
        return new AddressRange(bytes, prefix);
    }

    /** An IP address literal, or empty for anything else (a host name is never resolved). */
    static Optional<InetAddress> literal(String text) {
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        boolean v4 = value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = value.contains(":") && value.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (candidate[whole] & mask) == (network[whole] & mask);
    }
}
