package dev.bridgekeeper.webhook.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}; parsed without any DNS lookup. */
record Cidr(byte[] network, int prefix, String text) {

    /** Parses {@code address/prefix} or a single address; refuses host names so nothing is ever resolved. */
    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.matches("[0-9.]+") && !(address.contains(":") && address.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address range such as 10.0.0.0/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address range such as 10.0.0.0/8");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length after the /");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("\"" + text + "\" has a prefix length outside 0–" + bits);
        }
        return new Cidr(bytes, prefix, trimmed);
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
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
