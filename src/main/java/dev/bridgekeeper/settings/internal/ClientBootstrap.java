package dev.bridgekeeper.settings.internal;

import dev.bridgekeeper.platform.security.ApiKeyDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start, creates the default client, its profile and its first API key: the
 * one from {@code BRIDGEKEEPER_BOOTSTRAP_API_KEY} when set, otherwise a generated key printed once.
 * The profile starts without a name: until {@code PUT /profile} names the lender, customers read
 * "your lender", never "Bridgekeeper", a name they could not place.
 * Guarded by an advisory lock, so replicas starting together create exactly one client.
 */
@Component
class ClientBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClientBootstrap.class);
    private static final long LOCK_ID = 0x6272696467656bL; // "bridgek"

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApiKeyStore keys;
    private final Clock clock;
    private final String bootstrapKey;

    ClientBootstrap(JdbcClient jdbc, TransactionTemplate tx, ApiKeyStore keys, Clock clock,
            @Value("${bridgekeeper.bootstrap-api-key:}") String bootstrapKey) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.keys = keys;
        this.clock = clock;
        this.bootstrapKey = bootstrapKey.trim();
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_ID).query(Object.class).single();
            if (jdbc.sql("select count(*) from client").query(Integer.class).single() > 0) {
                return;
            }
            UUID clientId = UUID.randomUUID();
            jdbc.sql("insert into client (id, name) values (?, 'Default')").param(clientId).update();
            jdbc.sql("insert into profile (client_id, name) values (?, '')").param(clientId).update();
            boolean generated = bootstrapKey.isEmpty();
            String apiKey = generated ? ApiKeyDigest.newKey() : bootstrapKey;
            keys.insert(clientId, UUID.randomUUID(), "Bootstrap key", apiKey,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (generated) {
                log.warn("""

                        ==========================================================================
                        Created the first API key. It is shown only this once; store it now:

                            {}

                        Use it as:  curl -H "Authorization: Basic $(printf %s '{}' | base64)" ...
                        (or set BRIDGEKEEPER_BOOTSTRAP_API_KEY before the first start)
                        ==========================================================================""",
                        apiKey, apiKey);
            } else {
                log.info("Created the default client with the API key from BRIDGEKEEPER_BOOTSTRAP_API_KEY");
            }
        });
    }
}
