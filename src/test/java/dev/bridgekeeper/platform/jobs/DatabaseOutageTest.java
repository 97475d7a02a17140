package dev.bridgekeeper.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Only a lost database is retried soon and uncounted; a job's own failure (here a pull's) must still count. */
class DatabaseOutageTest {

    @Test
    void aServerShutdownHiddenBehindAFailedRollbackIsAnOutage() {
        // what a fast shutdown of PostgreSQL looked like in the crash tests: the statement failed with 57P01, and the
        // rollback then failed on the closed connection, overriding it
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new UncategorizedSQLException("select", "select 1",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(DatabaseOutage.causedBy(rollback)).isTrue();
    }

    @Test
    void lostConnectionsAndAnUnreachableServerAreOutages() {
        assertThat(DatabaseOutage.causedBy(new UncategorizedSQLException("copy", "copy",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new CannotCreateTransactionException("could not open"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("wrapped",
                new SQLException("the database system is starting up", "57P03")))).isTrue();
    }

    @Test
    void aPullsOwnFailuresAreNot() {
        assertThat(DatabaseOutage.causedBy(new DuplicateKeyException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseOutage.causedBy(new BadSqlGrammarException("select", "select x",
                new SQLException("relation does not exist", "42P01")))).isFalse();
        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("null value in column"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("Dataset was not Fetching any more"))).isFalse();
        TransactionSystemException commitFailed = new TransactionSystemException("commit failed",
                new SQLException("could not serialize access", "40001"));
        assertThat(DatabaseOutage.causedBy(commitFailed)).isFalse();
    }
}
