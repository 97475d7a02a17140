package dev.bridgekeeper.files;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.LocalDate;
import java.util.List;

/**
 * Front door of the files module: files a customer or lender uploaded for a company, kept in PostgreSQL. Every
 * method answers 404 when the company is not the client's. Uploads are checked as a whole before anything is
 * written: a file too large is a 413, a type that is not allowed or a company past its limits a 400, each naming
 * the file and the limit.
 */
public interface UploadedFiles {

    /** A file as it arrived: the name the uploader gave and its bytes. */
    record Incoming(String fileName, byte[] content) {}

    /**
     * Stores the files on the company's upload connection {@code connectionId} (400 when it is not one), all or
     * none. OFX and CAMT.053 statements are read at once; a statement that cannot be read is kept with the reason.
     *
     * @param uploadedBy {@code ApiKey}, {@code CompanyToken} or {@code HostedLink}
     */
    List<UploadedFile> upload(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            List<Incoming> files, String uploadedBy);

    /** The company's files, oldest first; only those uploaded on {@code date} (UTC) when it is not null. */
    List<UploadedFile> list(ClientId clientId, CompanyId companyId, LocalDate date);

    /** A file's bytes; 404 when it is not the company's. */
    byte[] content(ClientId clientId, CompanyId companyId, FileId fileId);
}
