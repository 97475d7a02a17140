package dev.bridgekeeper.platform.signing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** instance_signing_key: one row per key generation, the private part sealed. */
@Repository
class SigningKeyStore {

    record KeyRow(int generation, String kid, String publicJwk, String privateKeySealed, Instant created) {}

    private static final String COLUMNS = "generation, kid, public_jwk::text, private_key_sealed, created_utc";

    private final JdbcClient jdbc;

    SigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a key as the given generation unless that generation already exists (another instance
     * won the race); true when this key was stored.
     */
    boolean insertIfAbsent(int generation, String kid, String publicJwk, String privateKeySealed, Instant created) {
        return jdbc.sql("insert into instance_signing_key"
                        + " (generation, kid, public_jwk, private_key_sealed, created_utc)"
                        + " values (?, ?, cast(? as jsonb), ?, ?) on conflict (generation) do nothing")
                .params(generation, kid, publicJwk, privateKeySealed, Timestamp.from(created))
                .update() == 1;
    }

    /** The newest key not retired: the one that signs. */
    Optional<KeyRow> current() {
        return jdbc.sql("select " + COLUMNS + " from instance_signing_key"
                        + " where retired_utc is null order by generation desc limit 1")
                .query(SigningKeyStore::row)
                .optional();
    }

    /** Every key not retired, newest first: the ones published and trusted, once they open. */
    List<KeyRow> published() {
        return jdbc.sql("select " + COLUMNS + " from instance_signing_key where retired_utc is null"
                        + " order by generation desc")
                .query(SigningKeyStore::row)
                .list();
    }

    int lastGeneration() {
        return jdbc.sql("select coalesce(max(generation), 0) from instance_signing_key").query(Integer.class).single();
    }

    /** Every key, retired ones too: all are re-sealed when the encryption key changes. */
    List<KeyRow> all() {
        return jdbc.sql("select " + COLUMNS + " from instance_signing_key order by generation")
                .query(SigningKeyStore::row)
                .list();
    }

    /** Replaces the sealed private key if nobody else replaced it meanwhile. */
    boolean reseal(String kid, String expected, String sealed) {
        return jdbc.sql("update instance_signing_key set private_key_sealed = ?"
                        + " where kid = ? and private_key_sealed = ?")
                .params(sealed, kid, expected).update() == 1;
    }

    private static KeyRow row(ResultSet rs, int rowNum) throws SQLException {
        return new KeyRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    boolean retire(String kid, Instant at) {
        return jdbc.sql("update instance_signing_key set retired_utc = ? where kid = ? and retired_utc is null")
                .params(Timestamp.from(at), kid).update() == 1;
    }
}
