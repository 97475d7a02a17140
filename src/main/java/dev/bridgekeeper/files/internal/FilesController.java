package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.files.FileKind;
import dev.bridgekeeper.files.UploadedFile;
import dev.bridgekeeper.files.UploadedFiles;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.web.LargeRequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Codat's Files API with the client's API key: upload to a company's file-upload connection, list a company's files,
 * download them (one zip). Company tokens do not reach these; the customer uploads through Link's own endpoint.
 */
@RestController
@Tag(name = "Files", description = "Files uploaded for a company: statements, accounts and other documents")
class FilesController implements LargeRequestBodies {

    static final String UPLOAD = "/companies/{companyId}/connections/{connectionId}/files";

    private final UploadedFiles files;
    private final FilesProperties limits;

    FilesController(UploadedFiles files, FilesProperties limits) {
        this.files = files;
        this.limits = limits;
    }

    @Override
    public List<Allowance> allowances() {
        return List.of(new Allowance(HttpMethod.POST, UPLOAD, limits.maxRequestSize().toBytes()),
                new Allowance(HttpMethod.POST, LinkUploadController.FILES, limits.maxRequestSize().toBytes()));
    }

    /** Codat's File. */
    record FileView(String fileName, String displayName, String sourceType, Instant uploaded) {}

    /**
     * What an upload stored (a Bridgekeeper addition: Codat answers 200 without a body): each file's id, detected
     * kind and size, and for OFX and CAMT.053 statements whether they could be read and why not.
     */
    record StoredFile(String id, String fileName, String kind, long size, String sha256, Instant uploaded,
            String statementStatus, String statementError) {

        static StoredFile of(UploadedFile f) {
            return new StoredFile(f.id().toString(), f.fileName(), f.kind().label(), f.size(), f.sha256(),
                    f.uploaded(), f.statementStatus(), f.statementError());
        }
    }

    @Operation(operationId = "upload-files", summary = "Upload files for a company",
            description = "Stores the files sent as multipart/form-data parts named \"file\" on the company's"
                    + " file-upload connection (platform upld; create it with POST /companies/{companyId}/connections"
                    + " and platformKey upld, or let the customer upload through Link). Up to"
                    + " bridgekeeper.files.max-files-per-request files (default 20) of at most max-file-size each"
                    + " (default 10 MB; larger: 413); PDF, CSV, OFX, XLSX and CAMT.053, told by their content (anything"
                    + " else: 400). A company holds at most max-files-per-company files and max-bytes-per-company"
                    + " bytes (400 past either). All files are stored or none. OFX and CAMT.053 statements become"
                    + " banking-accounts and banking-transactions on the connection; one that cannot be read is kept"
                    + " and its statementError says why.")
    @ApiResponse(responseCode = "200", description = "Success")
    @PostMapping(path = UPLOAD, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    List<StoredFile> upload(@PathVariable UUID companyId, @PathVariable UUID connectionId,
            @RequestPart("file") List<MultipartFile> file) {
        List<UploadedFile> stored = files.upload(Caller.current().client(), CompanyId.of(companyId),
                ConnectionId.of(connectionId), incoming(file), "ApiKey");
        return stored.stream().map(StoredFile::of).toList();
    }

    @Operation(operationId = "list-files", summary = "List all files uploaded by a company",
            description = "Every file uploaded for the company, oldest first, as Codat's File: fileName, displayName,"
                    + " sourceType (the file's type: PDF, CSV, OFX, XLSX or CAMT.053) and uploaded.")
    @GetMapping("/companies/{companyId}/files")
    List<FileView> list(@PathVariable UUID companyId) {
        return files.list(Caller.current().client(), CompanyId.of(companyId), null).stream()
                .map(f -> new FileView(f.fileName(), f.fileName(), f.kind().label(), f.uploaded())).toList();
    }

    @Operation(operationId = "download-files", summary = "Download all files for a company",
            description = "The company's files as one zip archive (application/octet-stream, as an attachment), each"
                    + " under its uploaded name; with date, only the files uploaded on that day (UTC). 404 when there"
                    + " is no such file.")
    @ApiResponse(responseCode = "200", description = "Success", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/companies/{companyId}/files/download")
    ResponseEntity<byte[]> download(@PathVariable UUID companyId,
            @Parameter(description = "Only download files uploaded on this date, e.g. 2022-10-23 (UTC)")
            @RequestParam(required = false) String date) {
        CompanyId company = CompanyId.of(companyId);
        LocalDate day = date == null || date.isBlank() ? null : day(date);
        List<UploadedFile> found = files.list(Caller.current().client(), company, day);
        if (found.isEmpty()) {
            throw ApiException.notFound(day == null ? "Company " + companyId + " has no files."
                    : "Company " + companyId + " has no files uploaded on " + day + ".");
        }
        List<FileArchive.Entry> entries = new ArrayList<>();
        for (UploadedFile f : found) {
            entries.add(new FileArchive.Entry(f.fileName(), f.uploaded(),
                    files.content(Caller.current().client(), company, f.id())));
        }
        String name = "files-" + companyId + (day == null ? "" : "-" + day) + ".zip";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(FileArchive.zip(entries));
    }

    /** Codat's DateTime: a date, or a date-time whose date part is taken. */
    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date", "\"date\" must be a date such as 2022-10-23 (got \"" + text
                    + "\").");
        }
    }

    static List<UploadedFiles.Incoming> incoming(List<MultipartFile> parts) {
        List<UploadedFiles.Incoming> incoming = new ArrayList<>();
        for (MultipartFile part : parts) {
            try {
                incoming.add(new UploadedFiles.Incoming(part.getOriginalFilename(), part.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return incoming;
    }

    /** Kinds as the upload screen names them, for the limits it states up front. */
    static List<String> allowedTypes() {
        return java.util.Arrays.stream(FileKind.values()).map(FileKind::label).toList();
    }
}
