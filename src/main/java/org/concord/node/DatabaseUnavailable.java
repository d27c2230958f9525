package org.concord.node;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the node's database could not be reached (stopped, restarting, cut off)
 * rather than a fault in the node: such a request is answered 503 with {@code Retry-After}, so a
 * user or script knows to try again, instead of a 500 that says the node is broken.
 */
public final class DatabaseUnavailable {

    /** Seconds a caller is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            // Commit or rollback failed on a JDBC connection: the connection broke under the
            // transaction (Hikari then says only "Connection is closed", with no SQLState). Whether
            // the work was stored is unknown, which is exactly what the 503 tells the caller. Seen
            // in the 1,000-fault campaign: 24 of 28,500 calls answered 500 this way during restarts.
            if (cause instanceof TransactionSystemException tse && (tse.getCause() instanceof SQLException
                    || (tse.getApplicationException() != null && is(tse.getApplicationException())))) {
                return true;
            }
            // PostgreSQL: class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now)
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
