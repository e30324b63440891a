package dev.skyhook.adapters.aws.rds;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The one connection pool per process for RDS MySQL (or any MySQL-compatible server). Built once
 * at Lambda init and reused by warm invocations.
 */
public final class MySqlDatabase {
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
        int connectMillis = (int) settings.connectTimeout().toMillis();
        config.addDataSourceProperty("connectTimeout", connectMillis);
        config.addDataSourceProperty("socketTimeout", 30_000);
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("connectionCollation", "utf8mb4_unicode_ci");
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("cachePrepStmts", true);
        config.addDataSourceProperty("useServerPrepStmts", false);
        // Per query: no clock reads per packet, column metadata reused, and the session's autocommit,
        // read-only and isolation answered from what this driver set instead of asked of the server.
        config.addDataSourceProperty("maintainTimeStats", false);
        config.addDataSourceProperty("cacheResultSetMetadata", true);
        config.addDataSourceProperty("useLocalSessionState", true);
        return new HikariDataSource(config);
    }
}
