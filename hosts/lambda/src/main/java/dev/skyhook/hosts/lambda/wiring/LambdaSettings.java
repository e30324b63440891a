package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import java.util.Map;
import java.util.Optional;

/** The function's configuration, read from the environment once per container. */
public record LambdaSettings(Optional<MySqlSettings> mysql) {
    /** One request at a time per container: two connections cover a validation running beside a query. */
    static final int LAMBDA_POOL_SIZE = 2;

    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        return new LambdaSettings(MySqlSettings.fromEnvironment(env, LAMBDA_POOL_SIZE));
    }

    MySqlSettings requireMySql() {
        return mysql.orElseThrow(() -> new IllegalStateException(
            "DB_HOST, DB_USER, DB_PASS and DB_NAME must be set for the users functions"));
    }
}
