package dev.skyhook.adapters.aws.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * Reads a secret's text from AWS Secrets Manager ({@code GetSecretValue}), once, when a function
 * starts. It is one SigV4-signed JSON POST, made with the SDK's own URL-connection HTTP client and
 * signer: the generated Secrets Manager client does not resolve at the SDK version the project
 * builds with, and this needs nothing else from it. Errors name the secret and what AWS answered,
 * never the value.
 */
public final class SecretsManagerReader implements AutoCloseable {
    static final String SERVICE = "secretsmanager";
    static final String TARGET = "secretsmanager.GetSecretValue";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** A secret holds at most 64 KiB; the JSON around it is small. */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;

    private SecretsManagerReader(SdkHttpClient http, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /** With the SDK's default credentials chain (the function's role); {@code endpoint} overrides AWS's (an emulator). */
    public static SecretsManagerReader create(Optional<URI> endpoint) {
        return create(endpoint, DefaultCredentialsProvider.builder().build());
    }

    public static SecretsManagerReader create(Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build();
        return new SecretsManagerReader(http, Objects.requireNonNull(credentials, "credentials"), endpoint);
    }

    /** The secret's current text ({@code SecretString}); a failure to read it is an {@link IllegalStateException}. */
    public String secretString(SecretArn secret) {
        byte[] body = ("{\"SecretId\":\"" + secret.value() + "\"}").getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.orElseGet(
                () -> URI.create("https://" + ServiceMetadata.of(SERVICE).endpointFor(Region.of(secret.region()))));
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        try {
            SignedRequest signed = AwsV4HttpSigner.create()
                    .sign(sign -> sign.identity(credentials.resolveIdentity().join())
                            .request(request)
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                            .putProperty(AwsV4HttpSigner.REGION_NAME, secret.region()));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            byte[] answer = read(response);
            return secretStringOf(secret, response.httpResponse().statusCode(), answer);
        } catch (IOException e) {
            throw new IllegalStateException("could not reach Secrets Manager for " + secret + ": " + e, e);
        } catch (SdkException | java.util.concurrent.CompletionException e) {
            // For instance, no credentials could be found to sign with.
            throw new IllegalStateException("could not ask Secrets Manager for " + secret + ": " + e.getMessage(), e);
        }
    }

    /** The {@code SecretString} of a {@code GetSecretValue} answer, or why there is none. */
    static String secretStringOf(SecretArn secret, int status, byte[] answer) {
        JsonNode json;
        try {
            json = JsonNodeParser.create().parse(answer);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Secrets Manager answered " + status + " for " + secret + " with a body that is not JSON");
        }
        if (status != 200) {
            // {"__type":"ResourceNotFoundException","message":"..."}; the type may carry a namespace before '#'.
            String type = text(json, "__type")
                    .map(t -> t.substring(t.indexOf('#') + 1))
                    .orElse("an error");
            String message = text(json, "message")
                    .or(() -> text(json, "Message"))
                    .map(m -> ": " + m)
                    .orElse("");
            throw new IllegalStateException(
                    "Secrets Manager refused to read " + secret + " (" + status + " " + type + message + ")");
        }
        return text(json, "SecretString")
                .orElseThrow(() -> new IllegalStateException(
                        json.field("SecretBinary").isPresent()
                                ? secret + " holds a binary secret; a text one (SecretString) is needed"
                                : "Secrets Manager answered without a SecretString for " + secret));
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.isObject() ? json.field(field).filter(JsonNode::isString).map(JsonNode::text) : Optional.empty();
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> body = response.responseBody();
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer is over " + MAX_RESPONSE_BYTES + " bytes");
            }
            return bytes;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
