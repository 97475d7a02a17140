package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.CacheEviction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link CacheEviction} on the record table, in the caller's transaction. */
@Repository
class CacheEvictionStore implements CacheEviction {

    private final JdbcClient jdbc;

    CacheEvictionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public int evict(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String dataType) {
        // a new generation for RecordStore.version: page indexes built before this deletion go stale
        jdbc.sql("insert into record_eviction (connection_id, data_type, generation) values (?, ?, 1)"
                        + " on conflict (connection_id, data_type) do update set generation = record_eviction.generation + 1")
                .params(connectionId.value(), dataType).update();
        return jdbc.sql("delete from record where client_id = ? and company_id = ? and connection_id = ?"
                        + " and data_type = ?")
                .params(clientId.value(), companyId.value(), connectionId.value(), dataType).update();
    }
}
