package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3Settings;
import dev.skyhook.adapters.local.signing.HmacImageUrlSigner;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.service.FileService;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.images.ImageSettings;
import dev.skyhook.hosts.api.images.InlineLimit;
import java.nio.charset.StandardCharsets;
import dev.skyhook.hosts.api.rides.RideSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The function's configuration, read from the environment once per container. Each store is
 * optional here and required only by the functions that use it (a function builds only its own).
 *
 * @param awsCredentials credentials for the S3 and Secrets Manager clients; empty means the default chain (the function's role)
 * @param fileUrlTtl how long {@code GET /files} URLs stay valid ({@code FILE_URL_TTL_SECONDS})
 * @param imageVariants image delivery's inline limit ({@code IMAGE_INLINE_LIMIT})
 * @param imageUrlSigning {@code IMAGE_URL_SIGNING=on} with the HMAC key {@code URL_SIGNING_SECRET}, or off
 * @param files the per-user file quota ({@code FILES_QUOTA_BYTES}, {@code FILES_QUOTA_COUNT})
 * @param images the image bounds ({@code IMAGE_MAX_SCANS}, the size lists, the render pool)
 * @param secrets where the database password and the function's own API keys come from
 */
public record LambdaSettings(Optional<MySqlSettings> mysql, Optional<S3Settings> s3, AllowedPaths allowedPaths,
                             Optional<DynamoDbSettings> dynamoDb, RideSettings rides, Optional<AwsCredentialsProvider> awsCredentials,
                             Duration fileUrlTtl, ImageVariantPolicy imageVariants, Optional<ImageUrlSigner> imageUrlSigning,
                             FileSettings files, ImageSettings images, LambdaSecrets secrets) {
    /** One request at a time per container: two connections cover a validation running beside a query. */
    static final int LAMBDA_POOL_SIZE = 2;

    /**
     * Files and image delivery on their defaults: one-hour download URLs, the default file quota, Lambda's inline limit,
     * unsigned image URLs.
     */
    public LambdaSettings(Optional<MySqlSettings> mysql, Optional<S3Settings> s3, AllowedPaths allowedPaths,
                          Optional<DynamoDbSettings> dynamoDb, RideSettings rides, Optional<AwsCredentialsProvider> awsCredentials) {
        this(mysql, s3, allowedPaths, dynamoDb, rides, awsCredentials, FileService.DEFAULT_URL_TTL, new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES),
            Optional.empty(), FileSettings.defaults(), ImageSettings.defaults(), LambdaSecrets.none());
    }

    /** Settings for the users functions only. */
    public LambdaSettings(Optional<MySqlSettings> mysql) {
        this(mysql, Optional.empty(), AllowedPaths.defaults(), Optional.empty(), RideSettings.defaults(), Optional.empty());
    }

    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        String allowedPaths = env.get("ALLOWED_PATHS");
        // Lambda always sets AWS_REGION; without it there is no DynamoDB to talk to.
        Optional<DynamoDbSettings> dynamoDb = env.containsKey("AWS_REGION")
            ? Optional.of(DynamoDbSettings.fromEnvironment(env))
            : Optional.empty();
        return new LambdaSettings(MySqlSettings.fromEnvironment(env, LAMBDA_POOL_SIZE), S3Settings.fromEnvironment(env),
            allowedPaths == null || allowedPaths.isBlank() ? AllowedPaths.defaults() : AllowedPaths.parse(allowedPaths),
            dynamoDb, RideSettings.fromEnvironment(env), Optional.empty(), fileUrlTtl(env.get("FILE_URL_TTL_SECONDS")),
            new ImageVariantPolicy(InlineLimit.parse(env.get("IMAGE_INLINE_LIMIT"))), imageUrlSigning(env), FileSettings.fromEnvironment(env),
            ImageSettings.fromEnvironment(env), LambdaSecrets.fromEnvironment(env));
    }

    /** The same settings with another file quota. */
    public LambdaSettings withFiles(FileSettings other) {
        return new LambdaSettings(mysql, s3, allowedPaths, dynamoDb, rides, awsCredentials, fileUrlTtl, imageVariants, imageUrlSigning, other,
            images, secrets);
    }

    /** These settings with {@code credentials} for the S3 and Secrets Manager clients instead of the default chain. */
    public LambdaSettings withAwsCredentials(AwsCredentialsProvider credentials) {
        return new LambdaSettings(mysql, s3, allowedPaths, dynamoDb, rides, Optional.of(credentials), fileUrlTtl, imageVariants,
            imageUrlSigning, files, images, secrets);
    }

    public LambdaSettings withSecrets(LambdaSecrets replaced) {
        return new LambdaSettings(mysql, s3, allowedPaths, dynamoDb, rides, awsCredentials, fileUrlTtl, imageVariants, imageUrlSigning, files,
            images, replaced);
    }

    private static Duration fileUrlTtl(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return FileService.DEFAULT_URL_TTL;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FILE_URL_TTL_SECONDS must be a positive whole number, was '" + seconds + "'");
        }
    }

    static Optional<ImageUrlSigner> imageUrlSigning(Map<String, String> env) {
        String switchedOn = env.getOrDefault("IMAGE_URL_SIGNING", "off").strip();
        if (switchedOn.equals("off") || switchedOn.isEmpty()) {
            return Optional.empty();
        }
        if (!switchedOn.equals("on")) {
            throw new IllegalArgumentException("IMAGE_URL_SIGNING must be on or off, not " + switchedOn);
        }
        String secret = env.get("URL_SIGNING_SECRET");
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("IMAGE_URL_SIGNING=on needs URL_SIGNING_SECRET of 32 bytes or more");
        }
        return Optional.of(new HmacImageUrlSigner(secret.getBytes(StandardCharsets.UTF_8)));
    }

    MySqlSettings requireMySql() {
        return mysql.orElseThrow(() -> new IllegalStateException(
            "DB_HOST, DB_USER, DB_NAME and DB_SECRET_ARN (or, locally, DB_PASS) must be set for the users functions"));
    }

    S3Settings requireS3() {
        return s3.orElseThrow(() -> new IllegalStateException("BUCKET_NAME (or dev_bucket) must be set for the image functions"));
    }

    DynamoDbSettings requireDynamoDb() {
        return dynamoDb.orElseThrow(() -> new IllegalStateException("AWS_REGION must be set for the rides functions"));
    }
}
