package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.files.FileId;
import dev.bridgekeeper.files.FileKind;
import dev.bridgekeeper.files.UploadedFile;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The uploaded_file table. Every statement is scoped by client id, except the upload connector's read, which the sync
 * engine has already scoped to one connection.
 */
@Repository
class FileStore {

    private static final String COLUMNS = "id, company_id, connection_id, file_name, kind, size_bytes, sha256,"
            + " uploaded_utc, uploaded_by, statement_status, statement_error";

    private final JdbcClient jdbc;

    FileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the company holds: number of files and their bytes. */
    record Usage(long files, long bytes) {}

    /**
     * The company's usage, read under a transaction-scoped lock on the company so that two uploads at once cannot
     * both pass the limits.
     */
    Usage lockAndMeasure(UUID clientId, UUID companyId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('uploaded_file:' || ?, 0))")
                .param(companyId.toString()).query().singleRow();
        return jdbc.sql("select count(*) as n, coalesce(sum(size_bytes), 0) as bytes from uploaded_file"
                        + " where client_id = ? and company_id = ?")
                .params(clientId, companyId)
                .query((rs, i) -> new Usage(rs.getLong("n"), rs.getLong("bytes"))).single();
    }

    void insert(UUID clientId, UploadedFile f, int position, byte[] content, byte[] sha256) {
        jdbc.sql("insert into uploaded_file (id, client_id, company_id, connection_id, file_name, kind, size_bytes,"
                        + " sha256, content, uploaded_utc, upload_position, uploaded_by, statement_status,"
                        + " statement_error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(f.id().value(), clientId, f.companyId().value(), f.connectionId().value(), f.fileName(),
                        f.kind().name(), f.size(), sha256, content, Timestamp.from(f.uploaded()), position,
                        f.uploadedBy(), f.statementStatus(), f.statementError())
                .update();
    }

    List<UploadedFile> list(UUID clientId, UUID companyId, LocalDate date) {
        String sql = "select " + COLUMNS + " from uploaded_file where client_id = ? and company_id = ?";
        if (date == null) {
            return jdbc.sql(sql + " order by uploaded_utc, upload_position").params(clientId, companyId)
                    .query(FileStore::row)
                    .list();
        }
        Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        return jdbc.sql(sql + " and uploaded_utc >= ? and uploaded_utc < ? order by uploaded_utc, upload_position")
                .params(clientId, companyId, Timestamp.from(from), Timestamp.from(from.plusSeconds(86_400)))
                .query(FileStore::row).list();
    }

    Optional<byte[]> content(UUID clientId, UUID companyId, UUID fileId) {
        return jdbc.sql("select content from uploaded_file where client_id = ? and company_id = ? and id = ?")
                .params(clientId, companyId, fileId).query((rs, i) -> rs.getBytes(1)).optional();
    }

    /** A statement the upload connection reads: its bytes, kind and upload time. */
    record StatementFile(UUID id, FileKind kind, Instant uploaded, byte[] content) {}

    /** The read statements of the company behind an upload connection, oldest first. */
    List<StatementFile> readStatements(UUID connectionId) {
        return jdbc.sql("select id, kind, uploaded_utc, content from uploaded_file where connection_id = ?"
                        + " and statement_status = ? order by uploaded_utc, upload_position")
                .params(connectionId, UploadedFile.READ)
                .query((rs, i) -> new StatementFile(rs.getObject("id", UUID.class), FileKind.valueOf(rs.getString(
                        "kind")), rs.getTimestamp("uploaded_utc").toInstant(), rs.getBytes("content")))
                .list();
    }

    private static UploadedFile row(ResultSet rs, int i) throws SQLException {
        return new UploadedFile(FileId.of(rs.getObject("id", UUID.class)),
                CompanyId.of(rs.getObject("company_id", UUID.class)),
                ConnectionId.of(rs.getObject("connection_id", UUID.class)), rs.getString("file_name"),
                FileKind.valueOf(rs.getString("kind")), rs.getLong("size_bytes"),
                HexFormat.of().formatHex(rs.getBytes("sha256")), rs.getTimestamp("uploaded_utc").toInstant(),
                rs.getString("uploaded_by"), rs.getString("statement_status"), rs.getString("statement_error"));
    }
}
