package dev.bridgekeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.AuditProperties;
import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of deleted companies' chains: off by default, and when on, whole chains of deleted
 * companies go once their last entry is old enough, while live companies' chains are never touched.
 */
@ApiIntegrationTest
class DeletedChainPurgeIT {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditStore store;

    @Autowired
    DeletedChainPurge defaultPurge;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void byDefaultDeletedCompaniesChainsAreKept() {
        Tenant tenant = Tenant.create(jdbc, port, "Keep " + UUID.randomUUID());
        UUID deleted = companyWithChain(tenant);
        assertThat(tenant.api().delete("/companies/" + deleted).status()).isEqualTo(204);
        defaultPurge.purgeDue();
        assertThat(verify(tenant.clientId(), deleted)).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void onlyWholeChainsOfDeletedCompaniesPastTheirRetentionArePurged() {
        Tenant tenant = Tenant.create(jdbc, port, "Purge " + UUID.randomUUID());
        UUID deleted = companyWithChain(tenant);
        UUID live = companyWithChain(tenant);
        assertThat(tenant.api().delete("/companies/" + deleted).status()).isEqualTo(204);

        // an instance whose clock says the 30-day retention is over
        AuditProperties thirtyDays = new AuditProperties(Duration.ofDays(30), Duration.ofHours(1));
        DeletedChainPurge tooEarly = new DeletedChainPurge(store, transactions, thirtyDays,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(29)));
        tooEarly.purgeDue();
        assertThat(hasChain(tenant.clientId(), deleted)).isTrue();

        DeletedChainPurge later = new DeletedChainPurge(store, transactions, thirtyDays,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(31)));
        later.purgeDue();
        assertThat(hasChain(tenant.clientId(), deleted)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where company_id = ?", Integer.class, deleted))
                .isZero();
        assertThat(verify(tenant.clientId(), live)).isEqualTo(ChainVerification.intact(2));
        // however late, a live company's chain is never due
        later.purgeClosedBefore(Instant.now().plus(Duration.ofDays(3650)));
        assertThat(verify(tenant.clientId(), live)).isEqualTo(ChainVerification.intact(2));
    }

    private UUID companyWithChain(Tenant tenant) {
        UUID company = UUID.fromString(tenant.api().post("/companies", "{\"name\":\"Retained Ltd\"}").json().path("id")
                .asString());
        append(tenant.clientId(), company, "consent.granted", "c-1", Map.of());
        append(tenant.clientId(), company, "consent.revoked", "c-1", Map.of());
        return company;
    }

    // the front door takes typed ids; these tests keep the UUIDs the API and SQL give them
    private AuditEntry append(UUID clientId, UUID companyId, String eventType, String subjectId,
            Map<String, Object> details) {
        return trail.append(ClientId.of(clientId), CompanyId.of(companyId), eventType, subjectId, details);
    }

    private ChainVerification verify(UUID clientId, UUID companyId) {
        return trail.verify(ClientId.of(clientId), CompanyId.of(companyId));
    }

    private boolean hasChain(UUID clientId, UUID companyId) {
        return trail.hasChain(ClientId.of(clientId), CompanyId.of(companyId));
    }
}
