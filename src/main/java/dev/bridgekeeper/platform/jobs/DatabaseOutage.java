package dev.bridgekeeper.platform.jobs;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost database (PostgreSQL restarted or unreachable, a connection closed under a running job) from a
 * failure of the job's own work: the first is no reason to end or count against a job; the job runtime runs it again
 * soon (see {@link OneTimeJob}). A job that catches its own failures asks this before recording one.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /**
     * True when {@code failure} or one of its causes says the connection to PostgreSQL was lost: SQLSTATE class 08
     * (connection exception), 57P01-57P03 (server shutting down, crashed, not yet accepting connections), or
     * the pool and Spring's own words for the same ("Connection is not available", no transaction could begin).
     */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return causedBy(failure, seen);
    }

    private static boolean causedBy(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
            return true;
        }
        // a rollback that failed because the connection was gone hides the statement's own failure here
        if (t instanceof TransactionSystemException tse && causedBy(tse.getApplicationException(), seen)) {
            return true;
        }
        if (t instanceof SQLException sql && causedBy(sql.getNextException(), seen)) {
            return true;
        }
        return causedBy(t.getCause(), seen);
    }
}
