package dev.bridgekeeper.oauth.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which organisation each connection is bound to ({@code connection_organisation}): set at the first link and kept
 * for good, so the connection can only ever be authorised again for the same organisation. A unique index lets one
 * organisation be bound to one connection per company and platform.
 */
@Repository
class OrganisationBindings {

    record Binding(UUID connectionId, UUID companyId, String platformKey, String organisationId,
            String organisationName) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    OrganisationBindings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Binding> of(UUID connectionId) {
        return jdbc.sql("select connection_id, company_id, platform_key, organisation_id, organisation_name"
                        + " from connection_organisation where connection_id = ?")
                .param(connectionId).query((rs, i) -> new Binding(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** The company's connection to the platform already bound to the organisation, other than {@code except}. */
    Optional<UUID> holder(UUID companyId, String platformKey, String organisationId, UUID except) {
        return jdbc.sql("select connection_id from connection_organisation where company_id = ? and platform_key = ?"
                        + " and organisation_id = ? and connection_id <> ?")
                .params(companyId, platformKey, organisationId, except).query(UUID.class).optional();
    }

    /** Whether any connection of any company is bound to the organisation (its access is then still needed). */
    boolean anyBound(String platformKey, String organisationId) {
        return jdbc.sql("select exists (select 1 from connection_organisation where platform_key = ?"
                        + " and organisation_id = ?)")
                .params(platformKey, organisationId).query(Boolean.class).single();
    }

    /**
     * Binds the connection (a new binding, or the same organisation again: its name is refreshed). The unique index
     * turns a second connection to the same organisation into a DuplicateKeyException.
     */
    void bind(UUID clientId, Binding binding) {
        jdbc.sql("insert into connection_organisation (connection_id, client_id, company_id, platform_key,"
                        + " organisation_id, organisation_name, bound_utc) values (?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (connection_id) do update set organisation_name = excluded.organisation_name")
                .params(binding.connectionId(), clientId, binding.companyId(), binding.platformKey(),
                        binding.organisationId(), binding.organisationName(), Timestamp.from(clock.instant()))
                .update();
    }
}
