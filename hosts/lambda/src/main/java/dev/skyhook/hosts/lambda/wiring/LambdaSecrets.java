package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.adapters.aws.secrets.SecretArn;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the function's secrets come from. On AWS they are Secrets Manager secrets, read once at
 * init ({@code DB_SECRET_ARN}, {@code API_KEYS_SECRET_ARN}), never plain environment variables;
 * the plain variables ({@code DB_PASS}, {@code API_KEYS}) remain for running the functions
 * locally. Both ways for one secret at once is a configuration error.
 *
 * @param database the secret with the database password (RDS's managed secret, or JSON with {@code password}, or the password itself)
 * @param apiKeys {@code API_KEYS} given directly ({@code key=plan,...}), for local use
 * @param apiKeysSecret the secret whose text is the {@code API_KEYS} list
 * @param endpoint {@code SECRETS_MANAGER_ENDPOINT}: another Secrets Manager than AWS's (an emulator)
 */
public record LambdaSecrets(Optional<SecretArn> database, Optional<String> apiKeys, Optional<SecretArn> apiKeysSecret,
                            Optional<URI> endpoint) {
    public LambdaSecrets {
        if (apiKeys.isPresent() && apiKeysSecret.isPresent()) {
            throw new IllegalArgumentException("set API_KEYS_SECRET_ARN or API_KEYS, not both");
        }
    }

    public static LambdaSecrets none() {
        return new LambdaSecrets(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Function-side API keys given directly, as {@code API_KEYS}. */
    public static LambdaSecrets apiKeys(String apiKeys) {
        return new LambdaSecrets(Optional.empty(), Optional.of(apiKeys), Optional.empty(), Optional.empty());
    }

    static LambdaSecrets fromEnvironment(Map<String, String> env) {
        Optional<SecretArn> database = arn(env, "DB_SECRET_ARN");
        if (database.isPresent() && !env.getOrDefault("DB_PASS", "").isEmpty()) {
            throw new IllegalArgumentException("set DB_SECRET_ARN or DB_PASS, not both (DB_PASS is for local use)");
        }
        return new LambdaSecrets(database, text(env, "API_KEYS"), arn(env, "API_KEYS_SECRET_ARN"),
            text(env, "SECRETS_MANAGER_ENDPOINT").map(URI::create));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    private static Optional<SecretArn> arn(Map<String, String> env, String name) {
        try {
            return text(env, name).map(String::strip).map(SecretArn::new);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
