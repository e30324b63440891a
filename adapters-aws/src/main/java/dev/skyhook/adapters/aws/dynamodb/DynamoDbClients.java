package dev.skyhook.adapters.aws.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The one DynamoDB client per process. Everything the SDK would otherwise discover at the first
 * call (region, credentials, HTTP client) is given, which keeps Lambda cold starts short.
 */
public final class DynamoDbClients {
    /** A booking makes a few calls; a stuck one must not eat the function's whole timeout. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private DynamoDbClients() {}

    public static DynamoDbClient create(DynamoDbSettings settings) {
        return create(settings, credentials(settings));
    }

    /** The client, signing with {@code credentials}. */
    public static DynamoDbClient create(DynamoDbSettings settings, AwsCredentialsProvider credentials) {
        // Apache, not the URL-connection client: that one writes a request's headers and body as two TCP
        // segments, and a ride's put ran at a third of the calls/s on it. Given as a builder, so closing the
        // DynamoDB client closes it too.
        return builder(settings, credentials, List.of())
                .httpClientBuilder(httpClient())
                .build();
    }

    /** The client and the booking's writes that bypass its pipeline, sharing one HTTP client. */
    public record WithSignedWrites(DynamoDbClient client, SignedJsonWrites writes) implements AutoCloseable {
        /** Both: the SDK leaves the HTTP client it was given open, the writes close it. */
        @Override
        public void close() {
            client.close();
            writes.close();
        }
    }

    /**
     * The client and the booking's writes outside the SDK's pipeline (what they do not take goes to
     * the client), on one HTTP client and so one connection pool: after a cold start or a restore, the
     * first call's connection (on AWS, its TLS handshake) serves both. The writes close the HTTP client;
     * the SDK leaves an HTTP client it was given open.
     */
    public static WithSignedWrites createWithSignedWrites(
            DynamoDbSettings settings, AwsCredentialsProvider credentials) {
        return createWithSignedWrites(settings, credentials, List.of());
    }

    /** The same with {@code interceptors} on the SDK client (tests count what it sends). */
    static WithSignedWrites createWithSignedWrites(
            DynamoDbSettings settings, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        SdkHttpClient http = httpClient().build();
        return new WithSignedWrites(
                create(settings, http, credentials, interceptors), signedWrites(settings, http, credentials));
    }

    /** The same on another HTTP client (priming's, which answers without sending anything). */
    public static SignedJsonWrites signedWrites(
            DynamoDbSettings settings, SdkHttpClient httpClient, AwsCredentialsProvider credentials) {
        Region region = Region.of(settings.region());
        URI endpoint = FixedEndpointProvider.of(
                        region, settings.endpoint().map(URI::toString).orElse(null))
                .url();
        return new SignedJsonWrites(httpClient, credentials, settings.region(), endpoint);
    }

    private static ApacheHttpClient.Builder httpClient() {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(ATTEMPT_TIMEOUT);
    }

    /**
     * The same client on another HTTP client and credentials, with {@code interceptors}: SnapStart
     * priming runs the function's calls through it on an HTTP client that answers without sending anything.
     */
    public static DynamoDbClient create(
            DynamoDbSettings settings,
            SdkHttpClient httpClient,
            AwsCredentialsProvider credentials,
            List<ExecutionInterceptor> interceptors) {
        return builder(settings, credentials, interceptors)
                .httpClient(httpClient)
                .build();
    }

    /**
     * Account-based endpoints are off (a table is named, never an ARN from another account), so the
     * endpoint is the region's or the override, resolved once: the SDK would otherwise run its
     * endpoint rules on every call.
     */
    private static DynamoDbClientBuilder builder(
            DynamoDbSettings settings, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        Region region = Region.of(settings.region());
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(region)
                .accountIdEndpointMode(AccountIdEndpointMode.DISABLED)
                .endpointProvider(FixedEndpointProvider.of(
                        region, settings.endpoint().map(URI::toString).orElse(null)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .executionInterceptors(interceptors)
                        .build())
                .credentialsProvider(credentials);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * The default chain: Lambda puts the role's credentials in the environment, but a SnapStart
     * version gets them from the container credentials endpoint instead. DynamoDB Local (the
     * endpoint override) checks no signature, so it gets fixed placeholders and needs no AWS account.
     */
    public static AwsCredentialsProvider credentials(DynamoDbSettings settings) {
        if (settings.endpoint().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
