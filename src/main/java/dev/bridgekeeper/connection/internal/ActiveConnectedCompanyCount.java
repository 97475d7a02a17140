package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.throttle.ActiveConnectedCompanies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Codat's active connected companies: a client's companies with at least one linked connection. */
@Component
class ActiveConnectedCompanyCount implements ActiveConnectedCompanies {

    private final JdbcClient jdbc;

    ActiveConnectedCompanyCount(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count(ClientId clientId) {
        return jdbc.sql("select count(distinct company_id) from connection where client_id = ? and status = 'Linked'")
                .param(clientId.value()).query(Long.class).single();
    }
}
