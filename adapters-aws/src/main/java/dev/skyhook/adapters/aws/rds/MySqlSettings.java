package dev.skyhook.adapters.aws.rds;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the MySQL database is (the original function's {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER},
 * {@code DB_PASS}, {@code DB_NAME}) and how long to wait for it. {@link #toString()} hides the password.
 */
public record MySqlSettings(
        String host,
        int port,
        String user,
        String password,
        String database,
        Duration connectTimeout,
        int maxPoolSize) {
    public static final int DEFAULT_PORT = 3306;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    public MySqlSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        password = password == null ? "" : password;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DB_PORT must be 1 to 65535, was " + port);
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connect timeout must be at least 250 ms");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
    }

    /**
     * These settings with the credentials of a Secrets Manager secret: its password, and its
     * username when it names one (a password belongs to its user; RDS's managed secret names the
     * master user), otherwise {@code DB_USER}.
     */
    public MySqlSettings withCredentials(DatabaseSecret secret) {
        return new MySqlSettings(
                host, port, secret.username().orElse(user), secret.password(), database, connectTimeout, maxPoolSize);
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "MySqlSettings[" + user + "@" + host + ":" + port + "/" + database + ", connectTimeout=" + connectTimeout
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
