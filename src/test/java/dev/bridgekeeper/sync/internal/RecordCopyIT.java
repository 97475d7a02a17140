package dev.bridgekeeper.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The COPY paths store records exactly: text with backslashes, tabs, newlines and non-ASCII survives COPY's
 * text format, null dates stay null, and a record id staged twice is refused so the caller can fall back.
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

        tx.executeWithoutResult(s -> records.copy(datasetId, List.of(tricky, plain)));
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
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> records.copy(datasetId, List.of(plain))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(records.stagedCount(datasetId)).isEqualTo(2);

        DatasetRow dataset = new DatasetRow(datasetId, tenant.clientId(), link.companyId(), link.connectionId(),
                "copy-test", UUID.randomUUID(), false, dev.bridgekeeper.sync.PullOperationStatus.Fetching, null, null,
                0, Instant.now(), null, null, true, null, null);
        tx.executeWithoutResult(s -> records.copyIntoCache(dataset, List.of(tricky)));
        assertThat(jdbc.queryForObject("select data::text = ?::jsonb::text from record where connection_id = ?"
                + " and data_type = 'copy-test' and record_id = ?", Boolean.class, TRICKY, link.connectionId(),
                "r\\1\t")).isTrue();
        assertThat(records.anyCached(link.connectionId(), "copy-test")).isTrue();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> records.copyIntoCache(dataset, List.of(tricky))))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
