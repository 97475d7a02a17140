package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.oauth.OAuthProperties;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation: after a new encryption key is made active, tokens sealed with older keys are
 * re-sealed in the background, a batch at a time, each row under its own lock (SKIP LOCKED: a row a refresh
 * holds is left for the next run), and so are the tokens of clean-ups still waiting to be revoked at their
 * platform. The old key can be removed once none is left. Runs as the recurring job {@code oauth-token-reseal}
 * ({@link OAuthJobs}).
 */
@Component
class TokenResealing {

    private static final Logger log = LoggerFactory.getLogger(TokenResealing.class);

    private final TokenVault vault;
    private final PlatformCleanups cleanups;
    private final TransactionTemplate tx;
    private final OAuthProperties properties;

    TokenResealing(TokenVault vault, PlatformCleanups cleanups, TransactionTemplate tx, OAuthProperties properties) {
        this.vault = vault;
        this.cleanups = cleanups;
        this.tx = tx;
        this.properties = properties;
    }

    void resealOldKeys() {
        int total = 0;
        int moved;
        List<UUID> batch;
        do {
            batch = vault.sealedWithOldKey(properties.resealBatch());
            moved = 0;
            for (UUID connectionId : batch) {
                if (Boolean.TRUE.equals(tx.execute(status -> vault.reseal(connectionId)))) {
                    moved++;
                }
            }
            total += moved;
        } while (batch.size() == properties.resealBatch() && moved > 0); // rows locked elsewhere are left to their holder
        if (total > 0) {
            log.info("Re-sealed the tokens of {} connections with the active encryption key", total);
        }
        int pending = 0;
        do {
            moved = cleanups.resealOldKeys(properties.resealBatch());
            pending += moved;
        } while (moved == properties.resealBatch());
        if (pending > 0) {
            log.info("Re-sealed the tokens of {} pending clean-ups with the active encryption key", pending);
        }
    }
}
