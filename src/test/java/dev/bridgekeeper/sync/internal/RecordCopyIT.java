package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The COPY paths store records exactly: text with backslashes, tabs, newlines and non-ASCII survives COPY's
 * binary format, null dates stay null, and a record id staged twice is refused so the caller can fall back.
 */
@ApiIntegrationTest
class RecordCopyIT {

    private static final String TRICKY = "{\"id\":\"r\\\\1\\t\","
            + "\"note\":\"tab\\there, back\\\\slash, new\\nline, é ✓\",\"raw\":\"\\\\N\"}";

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RecordStore records;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    @Test
    void copiedRecordsKeepEveryCharacterAndDuplicatesAreRefused() {
        Tenant tenant = Tenant.create(jdbc, port, "Copy IT");
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, "sbbk", "user_good");
        UUID datasetId = UUID.randomUUID();
        jdbc.update("insert into dataset (id, client_id, company_id, connection_id, data_type, batch_id, initial,"
                + " status, requested_utc) values (?, ?, ?, ?, 'copy-test', ?, false, 'Fetching', now())", datasetId,
                tenant.clientId(), link.companyId(), link.connectionId(), UUID.randomUUID());
        Instant modified = Instant.parse("2025-03-04T05:06:07.123456Z");
        StagedRecord tricky = new StagedRecord("r\\1\t", TRICKY, modified, null, false);
        StagedRecord plain = new StagedRecord("r2", "{\"id\":\"r2\"}", null, modified, true);
        // before PostgreSQL's epoch, with a fraction finer than a microsecond that rounds up into the next second
        StagedRecord early = new StagedRecord("r3", "{}", Instant.parse("1999-12-31T23:59:59.999999500Z"), null, false);

        tx.executeWithoutResult(s -> records.copy(datasetId, List.of(tricky, plain, early)));
        assertThat(jdbc.queryForObject("select data->>'note' from record_staging where dataset_id = ?"
                + " and record_id = ?", String.class, datasetId, "r\\1\t"))
                .isEqualTo("tab\there, back\\slash, new\nline, é ✓");
        assertThat(jdbc.queryForObject("select data->>'raw' from record_staging where record_id = ?", String.class,
                "r\\1\t")).isEqualTo("\\N");
        assertThat(jdbc.queryForObject("select modified_date = ?::timestamptz and source_modified_date is null"
                + " and not deleted from record_staging where record_id = ?", Boolean.class, modified.toString(),
                "r\\1\t")).isTrue();
        assertThat(jdbc.queryForObject("select deleted from record_staging where dataset_id = ? and record_id = 'r2'",
                Boolean.class, datasetId)).isTrue();
        // the binary timestamp is the one PostgreSQL makes of the same text
        assertThat(jdbc.queryForObject("select modified_date = '1999-12-31T23:59:59.9999995Z'::timestamptz"
                + " and modified_date = '2000-01-01T00:00:00Z'::timestamptz from record_staging"
                + " where dataset_id = ? and record_id = 'r3'", Boolean.class, datasetId)).isTrue();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> records.copy(datasetId, List.of(plain))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(records.stagedCount(datasetId)).isEqualTo(3);

        DatasetRow dataset = new DatasetRow(datasetId, tenant.clientId(), link.companyId(), link.connectionId(),
                "copy-test", UUID.randomUUID(), false, dev.bridgekeeper.sync.PullOperationStatus.Fetching, null, null,
                0, Instant.now(), null, null, true, null, null);
        tx.executeWithoutResult(s -> records.copyIntoCache(dataset, List.of(tricky)));
        assertThat(jdbc.queryForObject("select data::text = ?::jsonb::text from record where connection_id = ?"
                + " and data_type = 'copy-test' and record_id = ?", Boolean.class, TRICKY, link.connectionId(),
                "r\\1\t")).isTrue();
        assertThat(records.anyCached(link.companyId(), link.connectionId(), "copy-test")).isTrue();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> records.copyIntoCache(dataset, List.of(tricky))))
                .isInstanceOf(DuplicateKeyException.class);
    }

    /**
     * record has no foreign key to connection (V12: one lock per write instead of one check per row), so these are
     * what keeps a record from outliving its connection: a write holds the connection against deletion, a write
     * for a deleted connection is refused, and deleting a connection deletes its records.
     */
    @Test
    void recordsGoWithTheirConnectionAndAWriteHoldsItsConnection() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Copy IT lock");
        SandboxLink link = SandboxLink.createWithoutSync(tenant, publicUrl, "sbbk", "user_good");
        DatasetRow dataset = new DatasetRow(UUID.randomUUID(), tenant.clientId(), link.companyId(), link.connectionId(),
                "lock-test", UUID.randomUUID(), false, dev.bridgekeeper.sync.PullOperationStatus.Fetching, null, null,
                0, Instant.now(), null, null, true, null, null);
        StagedRecord record = new StagedRecord("a", "{\"id\":\"a\"}", null, null, false);

        tx.executeWithoutResult(s -> {
            records.copyIntoCache(dataset, List.of(record));
            // another session cannot delete the connection while this write is open
            try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                // a pooled session: the timeout is put back, or the next test to borrow it gives up on its locks
                statement.execute("set lock_timeout = '300ms'");
                try {
                    assertThatThrownBy(() -> statement.executeUpdate("delete from connection where id = '"
                            + link.connectionId() + "'"))
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
                } finally {
                    statement.execute("reset lock_timeout");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(cached(link.connectionId())).isEqualTo(1);

        jdbc.update("delete from connection where id = ?", link.connectionId());
        assertThat(cached(link.connectionId())).isZero();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> records.copyIntoCache(dataset, List.of(record))))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("no longer exists");
        assertThat(cached(link.connectionId())).isZero();
    }

    private int cached(UUID connectionId) {
        return jdbc.queryForObject("select count(*) from record where connection_id = ?", Integer.class, connectionId);
    }
}
