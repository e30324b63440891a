package dev.skyhook.adapters.local.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether a database answers now, for health checks. */
public final class DatabaseHealth {
    private static final int VALIDATION_SECONDS = 2;

    private DatabaseHealth() {}

    public static boolean isReachable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
