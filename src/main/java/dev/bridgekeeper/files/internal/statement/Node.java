package dev.bridgekeeper.files.internal.statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An element of a parsed statement: its name, attributes, text (leaves) and children, in document order. */
final class Node {

    final String name;
    final Map<String, String> attributes = new HashMap<>();
    final List<Node> children = new ArrayList<>();
    String text;

    Node(String name) {
        this.name = name;
    }

    /** The first child of that name, or null. */
    Node child(String childName) {
        for (Node c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** Follows child names; null when any step is missing. */
    Node at(String... path) {
        Node n = this;
        for (String step : path) {
            n = n == null ? null : n.child(step);
        }
        return n;
    }

    /** The text at that path, trimmed, or null when missing or blank. */
    String text(String... path) {
        Node n = at(path);
        if (n == null || n.text == null || n.text.isBlank()) {
            return null;
        }
        return n.text.strip();
    }

    List<Node> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Every element of that name below this one, depth first. */
    List<Node> descendants(String descendantName) {
        List<Node> found = new ArrayList<>();
        collect(descendantName, found);
        return found;
    }

    private void collect(String descendantName, List<Node> found) {
        for (Node c : children) {
            if (c.name.equals(descendantName)) {
                found.add(c);
            } else {
                c.collect(descendantName, found);
            }
        }
    }
}
