package dev.skyhook.hosts.server;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.hosts.api.rides.RideSettings;
import io.micronaut.core.value.PropertyResolver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its configuration, read once at start. {@code application.properties}
 * maps the environment variables ({@code DATA_DIR}, the seed's {@code DB_*}) to {@code skyhook.*}
 * properties, which tests and {@code -D} options can also set.
 *
 * @param dataDirectory where the embedded H2 database lives when no MySQL is configured
 * @param mySql the MySQL server, when {@code DB_HOST} is set
 * @param migrateMySql whether to migrate the MySQL schema at start (H2 always is: nothing else would)
 * @param jwtSecret {@code JWT_SECRET}, the key of riders' tokens; unset: generated once and kept in the data directory
 * @param demoTokens whether {@code POST /auth/demo-token} hands out rider tokens ({@code DEMO_TOKENS}, off on Lambda)
 * @param rides {@code RIDE_BUSY_SECONDS}
 */
public record ServerSettings(Path dataDirectory, Optional<MySqlSettings> mySql, boolean migrateMySql,
                             Optional<String> jwtSecret, boolean demoTokens, RideSettings rides) {
    static final int POOL_SIZE = 8;

    /** The seed's variable names, which {@link MySqlSettings} reads, and the properties that carry them. */
    private static final Map<String, String> DB_VARIABLES = Map.of(
        "DB_HOST", "skyhook.db.host",
        "DB_PORT", "skyhook.db.port",
        "DB_USER", "skyhook.db.user",
        "DB_PASS", "skyhook.db.pass",
        "DB_NAME", "skyhook.db.name",
        "DB_CONNECT_TIMEOUT_MS", "skyhook.db.connect-timeout-ms",
        "DB_POOL_SIZE", "skyhook.db.pool-size");

    public static ServerSettings from(PropertyResolver properties) {
        Map<String, String> variables = new HashMap<>();
        DB_VARIABLES.forEach((variable, property) ->
            properties.get(property, String.class).ifPresent(value -> variables.put(variable, value)));
        Path dataDirectory = Path.of(text(properties, "skyhook.data-dir").orElse("./data"));
        boolean migrateMySql = !text(properties, "skyhook.db.migrate").orElse("true").equalsIgnoreCase("false");
        boolean demoTokens = !text(properties, "skyhook.demo-tokens").orElse("true").equalsIgnoreCase("false");
        Map<String, String> rideVariables = new HashMap<>();
        text(properties, "skyhook.rides.busy-seconds").ifPresent(value -> rideVariables.put("RIDE_BUSY_SECONDS", value));
        return new ServerSettings(dataDirectory, MySqlSettings.fromEnvironment(variables, POOL_SIZE), migrateMySql,
            text(properties, "skyhook.jwt.secret"), demoTokens, RideSettings.fromEnvironment(rideVariables));
    }

    private static Optional<String> text(PropertyResolver properties, String name) {
        return properties.get(name, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }
}
