package dev.bridgekeeper.files.internal;

import java.text.Normalizer;

/**
 * File names as uploaders send them, made safe to store, list and hand back in Content-Disposition and zip entries:
 * no folders, no control or quoting characters, no leading dots, at most 120 characters, never empty.
 */
final class SafeFileNames {

    private static final int MAX = 120;

    private SafeFileNames() {}

    static String clean(String original) {
        String name = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c) || c == '"' || c == '<' || c == '>' || c == ':' || c == '|'
                    || c == '?' || c == '*' || c == ';' || c == '%' || Character.getType(c) == Character.FORMAT;
            out.appendCodePoint(unsafe ? '_' : c);
        });
        String cleaned = out.toString().strip().replaceAll("^\\.+", "");
        if (cleaned.isEmpty()) {
            cleaned = "upload";
        }
        if (cleaned.codePointCount(0, cleaned.length()) > MAX) {
            int dot = cleaned.lastIndexOf('.');
            String ending = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX - ending.length())) + ending;
        }
        return cleaned;
    }

    /** The name in plain ASCII for the Content-Disposition {@code filename} fallback. */
    static String ascii(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("[^A-Za-z0-9._ -]", "_");
    }
}
