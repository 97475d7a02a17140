package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.files.FileId;
import dev.bridgekeeper.files.FileKind;
import dev.bridgekeeper.files.UploadedFile;
import dev.bridgekeeper.files.UploadedFiles;
import dev.bridgekeeper.files.internal.statement.Camt053Statements;
import dev.bridgekeeper.files.internal.statement.OfxStatements;
import dev.bridgekeeper.files.internal.statement.StatementException;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ErrorMessage;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.DataSync;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/** Checks and stores uploads, all or nothing, and has the upload connection read new statements. */
@Service
class FileService implements UploadedFiles {

    private final FileStore store;
    private final FilesProperties limits;
    private final CompanyDirectory companies;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final DataSync sync;
    private final UploadConnections uploadConnections;
    private final Clock clock;

    FileService(FileStore store, FilesProperties limits, CompanyDirectory companies, ConnectionManagement connections,
            IntegrationCatalog catalog, DataSync sync, UploadConnections uploadConnections, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.companies = companies;
        this.connections = connections;
        this.catalog = catalog;
        this.sync = sync;
        this.uploadConnections = uploadConnections;
        this.clock = clock;
    }

    @Override
    @Transactional
    public List<UploadedFile> upload(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            List<Incoming> files, String uploadedBy) {
        companies.require(clientId, companyId);
        DataConnection connection = connections.get(clientId, companyId, connectionId);
        if (!isUploadConnection(connection)) {
            throw ApiException.badRequest("connectionId", "Connection " + connectionId + " is a "
                    + connection.platformName() + " connection; files are uploaded to the company's file-upload"
                    + " connection (platform " + UploadConnections.PLATFORM_KEY + ").");
        }
        if (files.isEmpty()) {
            throw ApiException.badRequest("file", "Attach at least one file as the multipart part \"file\".");
        }
        if (files.size() > limits.maxFilesPerRequest()) {
            throw ApiException.badRequest("file", "At most " + limits.maxFilesPerRequest()
                    + " files can be uploaded at a time; this upload has " + files.size() + ".");
        }
        List<Checked> checked = new ArrayList<>();
        for (Incoming file : files) {
            checked.add(check(file));
        }
        FileStore.Usage usage = store.lockAndMeasure(clientId.value(), companyId.value());
        long bytes = checked.stream().mapToLong(c -> c.content().length).sum();
        if (usage.files() + checked.size() > limits.maxFilesPerCompany()) {
            throw ApiException.badRequest("file", "A company can hold at most " + limits.maxFilesPerCompany()
                    + " files; it holds " + usage.files() + " and this upload adds " + checked.size() + ".");
        }
        if (usage.bytes() + bytes > limits.maxBytesPerCompany().toBytes()) {
            throw ApiException.badRequest("file", "A company's files can hold at most " + size(
                    limits.maxBytesPerCompany().toBytes()) + " together; it holds " + size(usage.bytes())
                    + " and this upload adds " + size(bytes) + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<UploadedFile> stored = new ArrayList<>();
        boolean statements = false;
        for (Checked c : checked) {
            String status = null;
            String error = null;
            if (c.kind().statement()) {
                Optional<String> problem = statementProblem(c.kind(), c.content());
                status = problem.isEmpty() ? UploadedFile.READ : UploadedFile.UNREADABLE;
                error = problem.orElse(null);
                statements |= problem.isEmpty();
            }
            byte[] sha = sha256(c.content());
            UploadedFile file = new UploadedFile(FileId.random(), companyId, connectionId, c.name(), c.kind(),
                    c.content().length, HexFormat.of().formatHex(sha), now, uploadedBy, status, error);
            store.insert(clientId.value(), file, stored.size(), c.content(), sha);
            stored.add(file);
        }
        boolean wasLinked = connection.isLinked();
        uploadConnections.link(clientId, companyId, connection); // a first link reads every statement anyway
        if (statements && wasLinked) { // the new statements become banking data on the next read
            for (String dataType : UploadConnections.DATA_TYPES) {
                sync.queue(clientId, companyId, dataType, connectionId);
            }
        }
        return stored;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UploadedFile> list(ClientId clientId, CompanyId companyId, LocalDate date) {
        companies.require(clientId, companyId);
        return store.list(clientId.value(), companyId.value(), date);
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] content(ClientId clientId, CompanyId companyId, FileId fileId) {
        companies.require(clientId, companyId);
        return store.content(clientId.value(), companyId.value(), fileId.value())
                .orElseThrow(() -> ApiException.notFound("File " + fileId + " not found for company " + companyId
                        + "."));
    }

    private boolean isUploadConnection(DataConnection connection) {
        return catalog.find(connection.platformKey()).map(Integration::auth).map(Integration.Auth::upload)
                .orElse(false);
    }

    private record Checked(String name, FileKind kind, byte[] content) {}

    private Checked check(Incoming file) {
        String name = SafeFileNames.clean(file.fileName());
        byte[] content = file.content();
        if (content.length > limits.maxFileSize().toBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "\"" + name + "\" is " + size(content.length)
                    + "; each file can be at most " + size(limits.maxFileSize().toBytes()) + ".",
                    List.of(new ErrorMessage.ValidationItem("file", name + " is larger than "
                            + size(limits.maxFileSize().toBytes()), "InputValidation")), false);
        }
        if (content.length == 0) {
            throw ApiException.badRequest("file", "\"" + name + "\" is empty.");
        }
        Optional<FileKind> named = FileContent.named(name);
        FileKind kind = FileContent.detect(content).orElseThrow(() -> ApiException.badRequest("file", "\"" + name
                + "\" is not a PDF, CSV, OFX, XLSX or CAMT.053 file" + named.map(k -> " (its name says "
                + k.label() + ", its content is not)").orElse("") + "."));
        if (kind == FileKind.Csv && named.orElse(null) != FileKind.Csv) {
            throw ApiException.badRequest("file", "\"" + name + "\" is plain text" + named.map(k -> ", not "
                    + k.label()).orElse("") + "; text is accepted as CSV only, in a file named .csv.");
        }
        if (kind != FileKind.Csv && named.isPresent() && named.get() != kind) {
            throw ApiException.badRequest("file", "\"" + name + "\" is named as " + named.get().label()
                    + " but its content is " + kind.label() + ".");
        }
        return new Checked(name, kind, content);
    }

    /** Why a statement cannot be read, or empty when it can. */
    static Optional<String> statementProblem(FileKind kind, byte[] content) {
        try {
            if (kind == FileKind.Ofx) {
                OfxStatements.read(content);
            } else {
                Camt053Statements.read(content);
            }
            return Optional.empty();
        } catch (StatementException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String size(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        return bytes >= 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : bytes >= 1024 ? size.toKilobytes() + " KB" : bytes + " bytes";
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
