package dev.skyhook.hosts.assembly;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbClients;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideRepository;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.rds.DatabaseSecret;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3BlobUrlSigner;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.secrets.SecretArn;
import dev.skyhook.adapters.aws.secrets.SecretsManagerReader;
import dev.skyhook.adapters.local.jdbc.DatabaseHealth;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The ports on AWS, for a Lambda function: users in RDS MySQL, rides in DynamoDB, blobs in S3,
 * secrets from Secrets Manager. Every client and pool is built on first use, so a function builds
 * only the ones its routes reach; a function missing a store's variables fails only if it needs it.
 */
public final class AwsAdapters implements Adapters {
    /** One request at a time per container: two connections cover a validation running beside a query. */
    static final int POOL_SIZE = 2;

    private final Settings settings;
    private final Optional<AwsCredentialsProvider> credentials;
    private final Consumer<HikariDataSource> onPool;
    // Built on first use under this object's lock: plain fields, no lambda bootstraps in a cold start.
    private SecretsManagerReader secretsManager;
    private HikariDataSource userDatabase;
    private UserRepository users;
    private S3Clients s3;
    private BlobStore blobs;
    private BlobUrlSigner signer;
    private RideRepository rides;

    /**
     * @param credentials for the S3 and Secrets Manager clients; empty for the default chain (the function's role)
     * @param onPool told of each JDBC pool built, so a SnapStart restore can retire its connections
     */
    public AwsAdapters(
            Settings settings, Optional<AwsCredentialsProvider> credentials, Consumer<HikariDataSource> onPool) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.onPool = Objects.requireNonNull(onPool, "onPool");
    }

    /** Built only by functions that read a secret. */
    private synchronized SecretsManagerReader secretsManager() {
        if (secretsManager == null) {
            Optional<URI> endpoint = settings.secrets().endpoint();
            secretsManager = credentials.isPresent()
                    ? SecretsManagerReader.create(endpoint, credentials.get())
                    : SecretsManagerReader.create(endpoint);
        }
        return secretsManager;
    }

    private synchronized S3Clients s3() {
        if (s3 == null) {
            s3 = credentials.isPresent()
                    ? S3Clients.create(settings.requireS3(), credentials.get())
                    : S3Clients.create(settings.requireS3());
        }
        return s3;
    }

    /** The database's settings, with the password read from its secret at init, before any snapshot: never in the environment. */
    private MySqlSettings mySql() {
        MySqlSettings mysql = settings.requireMySql();
        mysql = new MySqlSettings(
                mysql.host(),
                mysql.port(),
                mysql.user(),
                mysql.password(),
                mysql.database(),
                mysql.connectTimeout(),
                settings.databasePoolSize().orElse(POOL_SIZE));
        Optional<SecretArn> secret = settings.secrets().database();
        if (secret.isPresent()) {
            mysql = mysql.withCredentials(DatabaseSecret.parse(secretsManager().secretString(secret.get())));
        }
        return mysql;
    }

    /** The users' database, for the migration function. */
    public synchronized DataSource userDatabase() {
        if (userDatabase == null) {
            userDatabase = MySqlDatabase.pool(mySql());
            onPool.accept(userDatabase);
        }
        return userDatabase;
    }

    /** The function's own API keys: from their secret, or {@code API_KEYS} locally; empty when neither is set. */
    public Optional<String> apiKeys() {
        return settings.secrets()
                .apiKeys()
                .map(arn -> secretsManager().secretString(arn))
                .or(() -> settings.apiKeys().filter(keys -> !keys.isBlank()));
    }

    @Override
    public synchronized UserRepository users() {
        if (users == null) {
            users = new JdbcUserRepository(userDatabase());
        }
        return users;
    }

    @Override
    public synchronized RideRepository rides() {
        if (rides == null) {
            DynamoDbSettings dynamo = settings.requireDynamoDb();
            DynamoDbClients.WithSignedWrites clients =
                    DynamoDbClients.createWithSignedWrites(dynamo, DynamoDbClients.credentials(dynamo));
            rides = new DynamoDbRideRepository(clients.client(), clients.writes(), dynamo);
        }
        return rides;
    }

    @Override
    public synchronized BlobStore blobs() {
        if (blobs == null) {
            blobs = new S3BlobStore(s3().client(), settings.requireS3());
        }
        return blobs;
    }

    @Override
    public synchronized BlobUrlSigner blobUrlSigner() {
        if (signer == null) {
            signer = new S3BlobUrlSigner(s3().presigner(), settings.requireS3());
        }
        return signer;
    }

    /** Configured, never generated: a function has no lasting disk to keep a generated one on. */
    @Override
    public byte[] urlSigningSecret() {
        return settings.requireUrlSigningSecret();
    }

    /** Only the users' database: the other stores are AWS services with their own health. */
    @Override
    public Map<String, BooleanSupplier> health() {
        DataSource database = userDatabase();
        return Map.of("users", () -> DatabaseHealth.isReachable(database));
    }
}
