package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.platform.StartupProblem;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The most connections a company may have (any status), checked before a new one is created. A company access token
 * is in a customer's browser, where nothing else stops it creating connections in a loop, so its cap is low; the
 * lender's own server, with an API key, gets a higher one.
 */
@Component
class ConnectionsPerCompany {

    private final JdbcClient jdbc;
    private final int withCompanyToken;
    private final int withApiKey;

    ConnectionsPerCompany(JdbcClient jdbc,
            @Value("${bridgekeeper.connections.max-per-company.company-token:25}") int withCompanyToken,
            @Value("${bridgekeeper.connections.max-per-company.api-key:100}") int withApiKey) {
        if (withCompanyToken < 1 || withApiKey < 1) {
            throw new StartupProblem("bridgekeeper.connections.max-per-company.company-token and .api-key must be 1"
                    + " or more.");
        }
        this.jdbc = jdbc;
        this.withCompanyToken = withCompanyToken;
        this.withApiKey = withApiKey;
    }

    /**
     * Refuses with a 409 when the company is at the caller's cap. Holds a lock on the company's count until the
     * caller's transaction ends, so two requests at once cannot both take the last place.
     */
    void checkRoomFor(CompanyId company) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('connections-of:' || ?, 0))")
                .param(company.value().toString()).query((rs, n) -> 1).list();
        long existing = jdbc.sql("select count(*) from connection where company_id = ?").param(company.value())
                .query(Long.class).single();
        boolean companyToken = SecurityContextHolder.getContext().getAuthentication() instanceof Caller caller
                && caller.kind() == Caller.Kind.COMPANY_TOKEN;
        int cap = companyToken ? withCompanyToken : withApiKey;
        if (existing >= cap) {
            throw ApiException.conflict("This company already has " + existing + " connections, the most "
                    + (companyToken ? "a company access token" : "an API key") + " may create (" + cap + "; setting"
                    + " bridgekeeper.connections.max-per-company." + (companyToken ? "company-token" : "api-key")
                    + "). Delete connections it no longer uses first.");
        }
    }
}
