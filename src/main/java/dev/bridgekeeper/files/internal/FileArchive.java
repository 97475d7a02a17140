package dev.bridgekeeper.files.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A zip of files under their (already safe) names; a repeated name gets " (2)", " (3)" before its ending. */
final class FileArchive {

    record Entry(String name, Instant modified, byte[] content) {}

    private FileArchive() {}

    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> used = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry e : entries) {
                ZipEntry entry = new ZipEntry(unique(e.name(), used));
                entry.setLastModifiedTime(FileTime.from(e.modified()));
                zip.putNextEntry(entry);
                zip.write(e.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ending = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; !used.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
            candidate = stem + " (" + n + ")" + ending;
        }
        return candidate;
    }
}
