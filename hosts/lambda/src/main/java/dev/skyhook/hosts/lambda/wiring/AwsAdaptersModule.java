package dev.skyhook.hosts.lambda.wiring;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
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
import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import dev.skyhook.hosts.api.apikeys.ApiKeys;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ports on AWS. Providers are lazy: a function builds only the clients and pools it uses. */
@Module
public interface AwsAdaptersModule {
    @Provides
    @Singleton
    static DataSource userDatabase(LambdaSettings settings, ConnectionPools pools, Lazy<SecretsManagerReader> secrets) {
        MySqlSettings mysql = settings.requireMySql();
        // Read at init, before any snapshot: the password never sits in the function's environment.
        Optional<SecretArn> secret = settings.secrets().database();
        if (secret.isPresent()) {
            mysql = mysql.withCredentials(DatabaseSecret.parse(secrets.get().secretString(secret.get())));
        }
        return pools.add(MySqlDatabase.pool(mysql));
    }

    /** Built only by functions that read a secret. */
    @Provides
    @Singleton
    static SecretsManagerReader secretsManager(LambdaSettings settings) {
        Optional<URI> endpoint = settings.secrets().endpoint();
        return settings.awsCredentials()
            .map(credentials -> SecretsManagerReader.create(endpoint, credentials))
            .orElseGet(() -> SecretsManagerReader.create(endpoint));
    }

    /** The function's own API keys: from their secret, or {@code API_KEYS} locally; none when neither is set. */
    @Provides
    @Singleton
    static FunctionApiKeys functionApiKeys(LambdaSettings settings, Lazy<SecretsManagerReader> secrets) {
        Optional<String> keys = settings.secrets().apiKeysSecret().map(arn -> secrets.get().secretString(arn))
            .or(() -> settings.secrets().apiKeys());
        return new FunctionApiKeys(keys.map(list -> new ApiKeys(ApiKeys.parse(list), Clock.systemUTC())));
    }

    @Provides
    @Singleton
    static ConnectionPools connectionPools() {
        return new ConnectionPools();
    }

    @Provides
    @Singleton
    static UserRepository userRepository(DataSource userDatabase) {
        return new JdbcUserRepository(userDatabase);
    }

    @Provides
    @Singleton
    static S3Clients s3Clients(LambdaSettings settings) {
        return settings.awsCredentials()
            .map(credentials -> S3Clients.create(settings.requireS3(), credentials))
            .orElseGet(() -> S3Clients.create(settings.requireS3()));
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDbClient(LambdaSettings settings) {
        return DynamoDbClients.create(settings.requireDynamoDb());
    }

    @Provides
    @Singleton
    static BlobStore blobStore(S3Clients s3, LambdaSettings settings) {
        return new S3BlobStore(s3.client(), settings.requireS3());
    }

    @Provides
    @Singleton
    static BlobUrlSigner blobUrlSigner(S3Clients s3, LambdaSettings settings) {
        return new S3BlobUrlSigner(s3.presigner(), settings.requireS3());
    }

    /** Pure code on the bytes, the same as locally: there is no AWS service for it. */
    @Provides
    @Singleton
    static ImageInspector imageInspector() {
        return new MetadataExtractorImageInspector();
    }

    /** libvips (ImageIO where it does not load) in the function: Lambda@Edge cannot run Java, so this function is CloudFront's origin. */
    @Provides
    @Singleton
    static ImageCodec imageCodec() {
        return ImageCodecs.load(dev.skyhook.core.policy.UploadPolicy.DEFAULT_MAX_PIXELS);
    }

    @Provides
    @Singleton
    static RideRepository rideRepository(DynamoDbClient dynamoDb, LambdaSettings settings) {
        return new DynamoDbRideRepository(dynamoDb, settings.requireDynamoDb());
    }
}
