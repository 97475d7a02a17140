package dev.bridgekeeper.files;

import java.util.List;

/** What an uploaded file's content is, as its bytes show (never its name or declared type alone). */
public enum FileKind {
    Pdf("PDF", "application/pdf", List.of("pdf")),
    Csv("CSV", "text/csv", List.of("csv")),
    Ofx("OFX", "application/x-ofx", List.of("ofx", "qfx")),
    Xlsx("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx")),
    Camt053("CAMT.053", "application/xml", List.of("xml", "camt", "053"));

    private final String label;
    private final String mediaType;
    private final List<String> extensions;

    FileKind(String label, String mediaType, List<String> extensions) {
        this.label = label;
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    /** How people call it: PDF, CSV, OFX, XLSX, CAMT.053. */
    public String label() {
        return label;
    }

    public String mediaType() {
        return mediaType;
    }

    /** File name endings that name this kind, lower case, without the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /** True for the bank statements that become banking data. */
    public boolean statement() {
        return this == Ofx || this == Camt053;
    }
}
