package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3Settings;
import dev.skyhook.core.policy.AllowedPaths;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The function's configuration, read from the environment once per container.
 *
 * @param awsCredentials credentials for AWS clients; empty means the default chain (the function's role)
 */
public record LambdaSettings(Optional<MySqlSettings> mysql, Optional<S3Settings> s3, AllowedPaths allowedPaths,
                             Optional<AwsCredentialsProvider> awsCredentials) {
    /** One request at a time per container: two connections cover a validation running beside a query. */
    static final int LAMBDA_POOL_SIZE = 2;

    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        String allowedPaths = env.get("ALLOWED_PATHS");
        return new LambdaSettings(MySqlSettings.fromEnvironment(env, LAMBDA_POOL_SIZE), S3Settings.fromEnvironment(env),
            allowedPaths == null || allowedPaths.isBlank() ? AllowedPaths.defaults() : AllowedPaths.parse(allowedPaths),
            Optional.empty());
    }

    MySqlSettings requireMySql() {
        return mysql.orElseThrow(() -> new IllegalStateException(
            "DB_HOST, DB_USER, DB_PASS and DB_NAME must be set for the users functions"));
    }

    S3Settings requireS3() {
        return s3.orElseThrow(() -> new IllegalStateException("BUCKET_NAME (or dev_bucket) must be set for the image functions"));
    }
}
