package dev.skyhook.adapters.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What the pool asks of the driver is what the driver's connections run with. */
class MySqlDriverPropertiesIT {
    @Test
    void theConnectionsRunWithThePoolsTimeoutsAndStatementCache() throws SQLException {
        MySqlSettings settings = MariaDbServer.shared().createDatabase("properties");
        try (HikariDataSource pool = MySqlDatabase.pool(settings);
                Connection connection = pool.getConnection()) {
            PropertySet driver = connection.unwrap(JdbcConnection.class).getPropertySet();

            assertThat(driver.getIntegerProperty(PropertyKey.connectTimeout).getValue())
                    .isEqualTo((int) settings.connectTimeout().toMillis());
            assertThat(driver.getIntegerProperty(PropertyKey.socketTimeout).getValue())
                    .isEqualTo(MySqlDatabase.SOCKET_TIMEOUT_MILLIS);
            assertThat(driver.getBooleanProperty(PropertyKey.cachePrepStmts).getValue())
                    .isTrue();
            assertThat(driver.getBooleanProperty(PropertyKey.useServerPrepStmts).getValue())
                    .isFalse();
            assertThat(driver.getBooleanProperty(PropertyKey.cacheResultSetMetadata)
                            .getValue())
                    .isTrue();
            assertThat(driver.getBooleanProperty(PropertyKey.useLocalSessionState)
                            .getValue())
                    .isTrue();
            assertThat(driver.getBooleanProperty(PropertyKey.maintainTimeStats).getValue())
                    .isFalse();
            assertThat(driver.getStringProperty(PropertyKey.connectionCollation).getValue())
                    .isEqualTo("utf8mb4_unicode_ci");
            // A statement prepared again reuses the parse of the first.
            String sql = "SELECT ? + 1";
            try (PreparedStatement first = connection.prepareStatement(sql);
                    PreparedStatement second = connection.prepareStatement(sql)) {
                assertThat(queryInfo(second)).isSameAs(queryInfo(first));
            }
        }
    }

    private static Object queryInfo(PreparedStatement statement) throws SQLException {
        return statement.unwrap(com.mysql.cj.jdbc.ClientPreparedStatement.class).getQueryInfo();
    }
}
