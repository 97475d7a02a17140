package dev.bridgekeeper.files;

import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;

/**
 * One uploaded file, without its bytes.
 *
 * @param fileName        the name it was uploaded with, made safe (no folders, no control characters)
 * @param sha256          the content's SHA-256, hex
 * @param uploadedBy      {@code ApiKey}, {@code CompanyToken} or {@code HostedLink}
 * @param statementStatus for OFX and CAMT.053 files: {@code Read} (its accounts and transactions are banking data)
 *                        or {@code Unreadable} (kept, with {@code statementError} saying why); null for others
 */
public record UploadedFile(FileId id, CompanyId companyId, ConnectionId connectionId, String fileName, FileKind kind,
        long size, String sha256, Instant uploaded, String uploadedBy, String statementStatus,
        String statementError) {

    public static final String READ = "Read";
    public static final String UNREADABLE = "Unreadable";
}
