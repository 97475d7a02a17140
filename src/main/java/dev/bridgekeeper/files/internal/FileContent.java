package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.files.FileKind;
import dev.bridgekeeper.files.internal.statement.SecureXml;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Tells what a file is from its bytes: PDF and XLSX by their signatures (an XLSX's zip directory must name a
 * workbook; nothing is inflated), OFX by its header, CAMT.053 by its root element's namespace, CSV as plain text
 * without control characters. The name's ending only chooses between kinds the content allows.
 */
final class FileContent {

    private static final String CAMT_053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.";
    private static final int MAX_ZIP_ENTRIES = 10_000;

    private FileContent() {}

    /** The kind the content is, or empty when it is none of the allowed ones. */
    static Optional<FileKind> detect(byte[] bytes) {
        if (startsWithin(bytes, "%PDF-", 1024)) {
            return Optional.of(FileKind.Pdf);
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return isWorkbook(bytes) ? Optional.of(FileKind.Xlsx) : Optional.empty();
        }
        if (!isText(bytes)) {
            return Optional.empty();
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1).stripLeading()
                .replace("\uFEFF", "").replace("ï»¿", "");
        if (head.startsWith("OFXHEADER:") || head.startsWith("<?xml") && head.contains("<?OFX")
                || head.startsWith("<OFX>")) {
            return Optional.of(FileKind.Ofx);
        }
        if (head.startsWith("<")) {
            return isCamt053(bytes) ? Optional.of(FileKind.Camt053) : Optional.empty();
        }
        return Optional.of(FileKind.Csv);
    }

    /** The kind a file name's ending names, if any. */
    static Optional<FileKind> named(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ending = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (FileKind kind : FileKind.values()) {
            if (kind.extensions().contains(ending)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWithin(byte[] bytes, String signature, int window) {
        byte[] sig = signature.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + sig.length <= Math.min(bytes.length, window + sig.length); i++) {
            boolean match = true;
            for (int j = 0; j < sig.length && match; j++) {
                match = bytes[i + j] == sig[j];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** Text: no NUL and no control characters other than tab, line feed, form feed and carriage return. */
    private static boolean isText(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** An Office Open XML workbook: its zip central directory names [Content_Types].xml and xl/workbook.xml. */
    static boolean isWorkbook(byte[] bytes) {
        Set<String> names = centralDirectoryNames(bytes);
        return names.contains("[Content_Types].xml") && names.contains("xl/workbook.xml");
    }

    private static Set<String> centralDirectoryNames(byte[] bytes) {
        Set<String> names = new HashSet<>();
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
            if (buf.getInt(i) == 0x06054b50) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return names;
        }
        int entries = Math.min(buf.getShort(end + 10) & 0xffff, MAX_ZIP_ENTRIES);
        long offset = buf.getInt(end + 16) & 0xffffffffL;
        int at = (int) Math.min(offset, Integer.MAX_VALUE);
        for (int n = 0; n < entries && at >= 0 && at + 46 <= bytes.length; n++) {
            if (buf.getInt(at) != 0x02014b50) {
                break;
            }
            int nameLength = buf.getShort(at + 28) & 0xffff;
            int extra = buf.getShort(at + 30) & 0xffff;
            int comment = buf.getShort(at + 32) & 0xffff;
            if (at + 46 + nameLength > bytes.length) {
                break;
            }
            names.add(new String(bytes, at + 46, nameLength, StandardCharsets.UTF_8));
            at += 46 + nameLength + extra + comment;
        }
        return names;
    }

    /** An ISO 20022 bank-to-customer statement: the root element is camt.053's Document. */
    private static boolean isCamt053(byte[] bytes) {
        try {
            XMLStreamReader xml = SecureXml.reader(new ByteArrayInputStream(bytes));
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                        String ns = xml.getNamespaceURI();
                        return "Document".equals(xml.getLocalName()) && ns != null && ns.startsWith(CAMT_053);
                    }
                }
                return false;
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            return false;
        }
    }
}
