package dev.skyhook.adapters.aws.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The one {@link S3Client} and the one {@link S3Presigner} of a process, built from
 * {@link S3Settings}: explicit region, the URL-connection HTTP client (small and quick to start on
 * Lambda), the settings' timeouts and the SDK's standard retry mode (three attempts with backoff;
 * it retries 503 SlowDown and connection failures). Build once at start and share; close at exit.
 */
public final class S3Clients implements AutoCloseable {
    private final S3Client client;
    private final S3Presigner presigner;

    private S3Clients(S3Client client, S3Presigner presigner) {
        this.client = client;
        this.presigner = presigner;
    }

    /** Clients with the SDK's default credentials chain (the Lambda role, environment, profile). */
    public static S3Clients create(S3Settings settings) {
        return create(settings, DefaultCredentialsProvider.builder().build());
    }

    public static S3Clients create(S3Settings settings, AwsCredentialsProvider credentials) {
        return create(
                settings,
                credentials,
                S3Client.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder()
                                .connectionTimeout(settings.connectTimeout())
                                .socketTimeout(settings.readTimeout())));
    }

    /**
     * The same clients on another HTTP client: SnapStart priming runs the function's calls through
     * them on an HTTP client that answers without sending anything.
     */
    public static S3Clients create(S3Settings settings, AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
        return create(settings, credentials, S3Client.builder().httpClient(httpClient));
    }

    private static S3Clients create(S3Settings settings, AwsCredentialsProvider credentials, S3ClientBuilder client) {
        Region region = Region.of(settings.region());
        client.region(region)
                .credentialsProvider(credentials)
                // No "Expect: 100-continue": the JDK connection turns a store's early final answer (403,
                // 404) into "Server rejected operation" and loses it, so a refusal looked like an outage.
                .serviceConfiguration(
                        S3Configuration.builder().expectContinueEnabled(false).build())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD));
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials);
        settings.endpoint().ifPresent(endpoint -> {
            // S3-compatible stores rarely resolve {bucket}.{host}; path-style works everywhere. Checksums
            // only where an operation requires one: many S3-compatible stores refuse the trailing CRC
            // the SDK otherwise adds to every upload.
            client.endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            presigner
                    .endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build());
        });
        return new S3Clients(client.build(), presigner.build());
    }

    public S3Client client() {
        return client;
    }

    public S3Presigner presigner() {
        return presigner;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            presigner.close();
        }
    }
}
