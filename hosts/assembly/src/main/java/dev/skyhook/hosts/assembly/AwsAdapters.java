package dev.skyhook.hosts.assembly;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbClients;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideRepository;
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
    private final Lazy<SecretsManagerReader> secretsManager;
    private final Lazy<DataSource> userDatabase;
    private final Lazy<UserRepository> users;
    private final Lazy<S3Clients> s3;
    private final Lazy<BlobStore> blobs;
    private final Lazy<BlobUrlSigner> signer;
    private final Lazy<RideRepository> rides;

    /**
     * @param credentials for the S3 and Secrets Manager clients; empty for the default chain (the function's role)
     * @param onPool told of each JDBC pool built, so a SnapStart restore can retire its connections
     */
    public AwsAdapters(Settings settings, Optional<AwsCredentialsProvider> credentials, Consumer<HikariDataSource> onPool) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secretsManager = Lazy.of(() -> credentials
            .map(given -> SecretsManagerReader.create(settings.secrets().endpoint(), given))
            .orElseGet(() -> SecretsManagerReader.create(settings.secrets().endpoint())));
        this.userDatabase = Lazy.of(() -> {
            HikariDataSource pool = MySqlDatabase.pool(mySql());
            onPool.accept(pool);
            return pool;
        });
        this.users = Lazy.of(() -> new JdbcUserRepository(userDatabase.get()));
        this.s3 = Lazy.of(() -> credentials
            .map(given -> S3Clients.create(settings.requireS3(), given))
            .orElseGet(() -> S3Clients.create(settings.requireS3())));
        this.blobs = Lazy.of(() -> new S3BlobStore(s3.get().client(), settings.requireS3()));
        this.signer = Lazy.of(() -> new S3BlobUrlSigner(s3.get().presigner(), settings.requireS3()));
        this.rides = Lazy.of(() -> new DynamoDbRideRepository(DynamoDbClients.create(settings.requireDynamoDb()),
            settings.requireDynamoDb()));
    }

    /** The database's settings, with the password read from its secret at init, before any snapshot: never in the environment. */
    private MySqlSettings mySql() {
        MySqlSettings mysql = settings.requireMySql();
        mysql = new MySqlSettings(mysql.host(), mysql.port(), mysql.user(), mysql.password(), mysql.database(), mysql.connectTimeout(),
            settings.databasePoolSize().orElse(POOL_SIZE));
        Optional<SecretArn> secret = settings.secrets().database();
        if (secret.isPresent()) {
            mysql = mysql.withCredentials(DatabaseSecret.parse(secretsManager.get().secretString(secret.get())));
        }
        return mysql;
    }

    /** The users' database, for the migration function. */
    public DataSource userDatabase() {
        return userDatabase.get();
    }

    /** The function's own API keys: from their secret, or {@code API_KEYS} locally; empty when neither is set. */
    public Optional<String> apiKeys() {
        return settings.secrets().apiKeys().map(arn -> secretsManager.get().secretString(arn))
            .or(() -> settings.apiKeys().filter(keys -> !keys.isBlank()));
    }

    @Override
    public UserRepository users() {
        return users.get();
    }

    @Override
    public RideRepository rides() {
        return rides.get();
    }

    @Override
    public BlobStore blobs() {
        return blobs.get();
    }

    @Override
    public BlobUrlSigner blobUrlSigner() {
        return signer.get();
    }

    /** Configured, never generated: a function has no lasting disk to keep a generated one on. */
    @Override
    public byte[] urlSigningSecret() {
        return settings.requireUrlSigningSecret();
    }

    /** Only the users' database: the other stores are AWS services with their own health. */
    @Override
    public Map<String, BooleanSupplier> health() {
        DataSource database = userDatabase.get();
        return Map.of("users", () -> DatabaseHealth.isReachable(database));
    }
}
