package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.hosts.api.rides.RideSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The function's configuration, read from the environment once per container. Each store is
 * optional here and required only by the functions that use it (a function builds only its own).
 */
public record LambdaSettings(Optional<MySqlSettings> mysql, Optional<DynamoDbSettings> dynamoDb, RideSettings rides) {
    /** One request at a time per container: two connections cover a validation running beside a query. */
    static final int LAMBDA_POOL_SIZE = 2;

    /** Settings for the users functions only. */
    public LambdaSettings(Optional<MySqlSettings> mysql) {
        this(mysql, Optional.empty(), RideSettings.defaults());
    }

    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        // Lambda always sets AWS_REGION; without it there is no DynamoDB to talk to.
        Optional<DynamoDbSettings> dynamoDb = env.containsKey("AWS_REGION")
            ? Optional.of(DynamoDbSettings.fromEnvironment(env))
            : Optional.empty();
        return new LambdaSettings(MySqlSettings.fromEnvironment(env, LAMBDA_POOL_SIZE), dynamoDb, RideSettings.fromEnvironment(env));
    }

    MySqlSettings requireMySql() {
        return mysql.orElseThrow(() -> new IllegalStateException(
            "DB_HOST, DB_USER, DB_PASS and DB_NAME must be set for the users functions"));
    }

    DynamoDbSettings requireDynamoDb() {
        return dynamoDb.orElseThrow(() -> new IllegalStateException("AWS_REGION must be set for the rides functions"));
    }
}
