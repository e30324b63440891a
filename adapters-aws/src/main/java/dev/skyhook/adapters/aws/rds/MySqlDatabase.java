package dev.skyhook.adapters.aws.rds;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one connection pool per process for RDS MySQL (or any MySQL-compatible server). Built once
 * at Lambda init and reused by warm invocations.
 */
public final class MySqlDatabase {
    /** A query that has not answered in this long fails instead of holding the invocation. */
    static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private MySqlDatabase() {}

    public static HikariDataSource pool(MySqlSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("skyhook-mysql");
        config.setDriverClassName("com.mysql.cj.jdbc.Driver");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(0);
        // Start even when the database is down: requests get 503 until it is back, then recover.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 2_000));
        driverProperties(settings).forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    /**
     * The driver's connection properties, all as strings: the driver reads only string values
     * ({@code Properties.getProperty}), so a Boolean or Integer here would be dropped without a word.
     */
    static Map<String, String> driverProperties(MySqlSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("connectTimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.put("socketTimeout", Integer.toString(SOCKET_TIMEOUT_MILLIS));
        properties.put("characterEncoding", "UTF-8");
        properties.put("connectionCollation", "utf8mb4_unicode_ci");
        properties.put("tcpKeepAlive", "true");
        // Per query: the parsed statement reused (client-side prepared: no server round trip to prepare),
        // no clock reads per packet, column metadata reused, and the session's autocommit, read-only and
        // isolation answered from what this driver set instead of asked of the server.
        properties.put("cachePrepStmts", "true");
        properties.put("useServerPrepStmts", "false");
        properties.put("maintainTimeStats", "false");
        properties.put("cacheResultSetMetadata", "true");
        properties.put("useLocalSessionState", "true");
        return properties;
    }
}
