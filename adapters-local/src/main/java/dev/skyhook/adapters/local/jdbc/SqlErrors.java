package dev.skyhook.adapters.local.jdbc;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Turns JDBC failures into domain errors: connection trouble is {@code STORE_UNAVAILABLE}. */
public final class SqlErrors {
    private SqlErrors() {}

    public static DomainException translate(String action, SQLException e) {
        ErrorCode code = isConnectionFailure(e) ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.STORE_FAILURE;
        return new DomainException(code, "Could not " + action + ": " + e.getMessage(), e);
    }

    static boolean isConnectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQLState class 08 is "connection exception" in the SQL standard (MySQL uses 08S01 too).
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
