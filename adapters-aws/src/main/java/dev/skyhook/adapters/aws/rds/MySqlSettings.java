package dev.skyhook.adapters.aws.rds;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the MySQL database is (the original function's {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER},
 * {@code DB_PASS}, {@code DB_NAME}) and how long to wait for it. {@link #toString()} hides the password.
 */
public record MySqlSettings(String host, int port, String user, String password, String database,
                            Duration connectTimeout, int maxPoolSize) {
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
     * Settings from the original function's variables in {@code env}; empty when {@code DB_HOST} is not set.
     * Optional: {@code DB_PORT} (3306), {@code DB_CONNECT_TIMEOUT_MS} (3000), {@code DB_POOL_SIZE}.
     */
    public static Optional<MySqlSettings> fromEnvironment(Map<String, String> env, int defaultPoolSize) {
        String host = env.get("DB_HOST");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new MySqlSettings(host,
            intVariable(env, "DB_PORT", DEFAULT_PORT),
            required(env, "DB_USER"),
            env.getOrDefault("DB_PASS", ""),
            required(env, "DB_NAME"),
            Duration.ofMillis(intVariable(env, "DB_CONNECT_TIMEOUT_MS", (int) DEFAULT_CONNECT_TIMEOUT.toMillis())),
            intVariable(env, "DB_POOL_SIZE", defaultPoolSize)));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set when DB_HOST is set");
        }
        return value;
    }

    private static int intVariable(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    /**
     * These settings with the credentials of a Secrets Manager secret: its password, and its
     * username when it names one (a password belongs to its user; RDS's managed secret names the
     * master user), otherwise {@code DB_USER}.
     */
    public MySqlSettings withCredentials(DatabaseSecret secret) {
        return new MySqlSettings(host, port, secret.username().orElse(user), secret.password(), database, connectTimeout, maxPoolSize);
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "MySqlSettings[" + user + "@" + host + ":" + port + "/" + database + ", connectTimeout="
            + connectTimeout + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
