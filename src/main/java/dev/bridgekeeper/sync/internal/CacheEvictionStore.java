package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.sync.CacheEviction;
import java.util.UUID;
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
    public int evict(UUID clientId, UUID companyId, UUID connectionId, String dataType) {
        return jdbc.sql("delete from record where client_id = ? and company_id = ? and connection_id = ?"
                        + " and data_type = ?")
                .params(clientId, companyId, connectionId, dataType).update();
    }
}
