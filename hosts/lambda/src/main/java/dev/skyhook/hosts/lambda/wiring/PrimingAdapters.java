package dev.skyhook.hosts.lambda.wiring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbClients;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideRepository;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.dynamodb.SignedJsonWrites;
import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3BlobUrlSigner;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import dev.skyhook.hosts.assembly.Adapters;
import dev.skyhook.hosts.assembly.Settings;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The function's stores as SnapStart priming reaches them, so that a priming request runs the
 * function's own code and the SDK's without a side effect:
 *
 * <ul>
 *   <li>DynamoDB and S3: clients built as the function's are, on an {@link OfflineHttpClient} and
 *       placeholder credentials (signing runs; the function's role is not asked for credentials that
 *       the snapshot would then hold). Nothing is sent.
 *   <li>The users' database: a pool of its own with the function's pool settings, closed with its
 *       connection before the checkpoint; the function's pool stays empty. Priming only reads.
 * </ul>
 */
final class PrimingAdapters implements Adapters, AutoCloseable {
    private static final AwsCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("snapstart-priming", "snapstart-priming"));
    private static final String PRIMING_TOKEN = "snapstart-priming";

    private final Settings settings;
    private final ConnectionPools pools;
    /** Closed first to last: the database pool first, so no connection outlives a failing close. */
    private final List<AutoCloseable> built = new ArrayList<>();
    /** The JDBC login timeout before the priming pool changed it; -1 while no pool was built. */
    private int loginTimeoutSeconds = -1;

    private S3Clients s3;

    PrimingAdapters(Settings settings, ConnectionPools pools) {
        this.settings = settings;
        this.pools = pools;
    }

    private static final Duration PRIMING_DATABASE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * A pool of its own with the function's pool settings, so HikariCP's first connection runs too; closed
     * with its connection before the checkpoint. Fails where the function has no database.
     */
    @Override
    public UserRepository users() {
        HikariDataSource pool =
                pools.only().orElseThrow(() -> new IllegalStateException("the function has no database pool to prime"));
        // Bounded, so an unreachable or stalled database cannot hang the checkpoint (the driver's own
        // defaults are a long connect and an unlimited read).
        // Built from the pool's settings, not HikariConfig.copyStateTo: that shares the pool's driver
        // properties object, which the bounded timeouts below would then change for the function too.
        HikariConfig config = new HikariConfig();
        config.setPoolName(pool.getPoolName() + "-priming");
        config.setDriverClassName(pool.getDriverClassName());
        config.setJdbcUrl(pool.getJdbcUrl());
        config.setUsername(pool.getUsername());
        config.setPassword(pool.getPassword());
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(PRIMING_DATABASE_TIMEOUT.toMillis());
        config.setValidationTimeout(PRIMING_DATABASE_TIMEOUT.toMillis() / 2);
        pool.getDataSourceProperties().forEach((name, value) -> config.addDataSourceProperty((String) name, value));
        config.addDataSourceProperty("connectTimeout", Long.toString(PRIMING_DATABASE_TIMEOUT.toMillis()));
        config.addDataSourceProperty("socketTimeout", Long.toString(PRIMING_DATABASE_TIMEOUT.toMillis()));
        // Starting a pool sets the JVM-wide JDBC login timeout from its connection timeout: the function's
        // own value comes back when priming closes.
        loginTimeoutSeconds = DriverManager.getLoginTimeout();
        HikariDataSource priming = new HikariDataSource(config);
        built.addFirst(priming);
        return new JdbcUserRepository(priming);
    }

    @Override
    public RideRepository rides() {
        OfflineHttpClient http = new OfflineHttpClient(
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/x-amz-json-1.0"));
        DynamoDbClient client = DynamoDbClients.create(
                settings.requireDynamoDb(), http, PLACEHOLDER, List.of(new FixedTransactionToken()));
        built.add(client);
        // The function's booking writes go signed outside the SDK's pipeline: primed on the same answer.
        SignedJsonWrites writes = DynamoDbClients.signedWrites(settings.requireDynamoDb(), http, PLACEHOLDER);
        built.add(writes);
        return new DynamoDbRideRepository(client, writes, settings.requireDynamoDb());
    }

    /**
     * Runs the DynamoDB HTTP client's code once (connect, on AWS the TLS handshake, write, read,
     * release), which the offline priming does not reach: one {@code GetItem} of a ride id no ride has,
     * through a client built as the function's (its own HTTP client, the same settings). On AWS it signs
     * with the placeholder credentials and is refused; against an endpoint override (DynamoDB Local,
     * which keeps a database per access key) it signs as the function does and gets an empty item.
     * Nothing is written, no role credentials are fetched, and the connection closes with the client.
     */
    void primeDynamoDbHttp() {
        DynamoDbSettings dynamo = settings.requireDynamoDb();
        AwsCredentialsProvider credentials =
                dynamo.endpoint().isPresent() ? DynamoDbClients.credentials(dynamo) : PLACEHOLDER;
        try (DynamoDbClient client = DynamoDbClients.create(dynamo, credentials)) {
            client.getItem(request ->
                    request.tableName(dynamo.ridesTable()).key(Map.of("RideId", AttributeValue.fromS(PRIMING_TOKEN))));
        } catch (AwsServiceException answered) {
            // The service answered (on AWS: the placeholder credentials refused): the HTTP path has run.
        }
    }

    @Override
    public BlobStore blobs() {
        return new S3BlobStore(s3().client(), settings.requireS3());
    }

    @Override
    public BlobUrlSigner blobUrlSigner() {
        return new S3BlobUrlSigner(s3().presigner(), settings.requireS3());
    }

    private S3Clients s3() {
        if (s3 == null) {
            OfflineHttpClient http =
                    new OfflineHttpClient(new byte[0], Map.of("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""));
            s3 = S3Clients.create(settings.requireS3(), PLACEHOLDER, http);
            built.add(s3);
        }
        return s3;
    }

    @Override
    public byte[] urlSigningSecret() {
        return settings.requireUrlSigningSecret();
    }

    @Override
    public Map<String, BooleanSupplier> health() {
        return Map.of();
    }

    @Override
    public void close() throws Exception {
        Exception failed = null;
        for (AutoCloseable client : built) {
            try {
                client.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (loginTimeoutSeconds >= 0) {
            DriverManager.setLoginTimeout(loginTimeoutSeconds);
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * A transaction without a client token gets one from {@code UUID.randomUUID()}; drawn before the
     * snapshot, the JDK's UUID generator would be in it, shared by every restored copy.
     */
    private static final class FixedTransactionToken implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest transaction
                    && transaction.clientRequestToken() == null) {
                return transaction.toBuilder().clientRequestToken(PRIMING_TOKEN).build();
            }
            return context.request();
        }
    }
}
