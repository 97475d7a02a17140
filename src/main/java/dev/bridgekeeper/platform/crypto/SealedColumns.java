package dev.bridgekeeper.platform.crypto;

import dev.bridgekeeper.platform.StartupProblem;
import dev.bridgekeeper.platform.jobs.RecurringJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@link SealedColumn} of every module. At start-up (once the migrations have run) it refuses to go on while
 * any value names an encryption key that is not configured: such a value can never be opened again, and finding out
 * at start is better than a webhook or a sync failing later. The job {@code sealed-values-reseal} re-seals the
 * values of the columns declared {@link SealedColumn#resealed} that an older key sealed, a batch at a time, each
 * row locked (SKIP LOCKED: a row someone else holds waits for the next run) and replaced only if unchanged.
 */
@Configuration(proxyBeanMethods = false)
public class SealedColumns implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SealedColumns.class);

    private final List<SealedColumn> columns;
    private final SecretSealer sealer;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final int batch;

    SealedColumns(List<SealedColumn> columns, SecretSealer sealer, JdbcClient jdbc, TransactionTemplate tx,
            @Value("${bridgekeeper.encryption.reseal-batch:200}") int batch) {
        this.columns = List.copyOf(columns);
        this.sealer = sealer;
        this.jdbc = jdbc;
        this.tx = tx;
        this.batch = Math.max(1, batch);
    }

    @Bean
    static RecurringJob sealedValuesResealJob(SealedColumns sealed,
            @Value("${bridgekeeper.encryption.reseal-interval:PT10M}") Duration interval) {
        return RecurringJob.every("sealed-values-reseal", interval, sealed::resealOldKeys)
                .withFirstRunAfter(Duration.ofSeconds(30).compareTo(interval) < 0 ? Duration.ofSeconds(30) : interval);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, Set<String>> missing = keysMissing();
        if (!missing.isEmpty()) {
            Set<String> keys = missing.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
            throw new StartupProblem("Values in " + String.join(", ", missing.keySet()) + " are sealed with encryption"
                    + " key(s) " + keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "))
                    + ", which BRIDGEKEEPER_ENCRYPTION_KEYS does not have (it has " + String.join(", ", sealer.keyIds())
                    + "). Nothing sealed with them could be opened. Add the key(s) back and keep them until the"
                    + " re-sealing job has moved every value to the active key; see docs/operations/key-rotation.md.");
        }
    }

    /** The columns holding values sealed with a key that is not configured, with those key ids. */
    public Map<String, Set<String>> keysMissing() {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (SealedColumn c : columns) {
            Set<String> unknown = new TreeSet<>(jdbc.sql("select distinct split_part(" + c.column() + ", '.', 2) from "
                    + c.table() + " where " + c.column() + " is not null").query(String.class).list());
            unknown.removeAll(sealer.keyIds());
            if (!unknown.isEmpty()) {
                missing.put(c.name(), unknown);
            }
        }
        return missing;
    }

    /** Re-seals, with the active key, every value of the re-sealed columns an older key sealed; returns how many. */
    public int resealOldKeys() {
        int total = 0;
        for (SealedColumn c : columns) {
            if (c.contextSql() == null) {
                continue;
            }
            int moved = 0;
            int done;
            do {
                done = tx.execute(status -> resealBatch(c));
                moved += done;
            } while (done == batch);
            if (moved > 0) {
                log.info("Re-sealed {} values of {} with the active encryption key", moved, c.name());
            }
            total += moved;
        }
        return total;
    }

    private int resealBatch(SealedColumn c) {
        String keys = String.join(", ", c.rowKey());
        List<Map<String, Object>> rows = jdbc.sql("select " + keys + ", " + c.column() + " as sealed_value, ("
                        + c.contextSql() + ") as sealed_context from " + c.table() + " where " + c.column()
                        + " is not null and split_part(" + c.column() + ", '.', 2) <> ? limit ? for update skip locked")
                .params(sealer.activeKeyId(), batch).query().listOfRows();
        String where = c.rowKey().stream().map(k -> k + " = ?").collect(Collectors.joining(" and "));
        int moved = 0;
        for (Map<String, Object> row : rows) {
            String old = (String) row.get("sealed_value");
            String context = (String) row.get("sealed_context");
            String fresh;
            try {
                fresh = sealer.seal(sealer.open(old, context), context);
            } catch (RuntimeException e) {
                // a key that is gone, or a value that does not open: left as it is, and said
                log.warn("A value of {} could not be re-sealed: {}", c.name(), e.getMessage());
                continue;
            }
            List<Object> params = new ArrayList<>();
            params.add(fresh);
            c.rowKey().forEach(k -> params.add(row.get(k)));
            params.add(old);
            moved += jdbc.sql("update " + c.table() + " set " + c.column() + " = ? where " + where + " and "
                    + c.column() + " = ?").params(params).update();
        }
        return moved;
    }
}
