package dev.skyhook.adapters.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What the reader sends and how it reads the answers, against a loopback HTTP server that records
 * the request and answers as Secrets Manager documents it. No Secrets Manager emulator resolves on
 * these machines, so that AWS accepts the signed request is not tested here.
 */
class SecretsManagerReaderTest {
    private static final SecretArn SECRET =
            new SecretArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:skyhook/db-AbCdEf");
    private HttpServer server;

    private record Recorded(String method, String path, Map<String, List<String>> headers, String body) {}

    private SecretsManagerReader readerAnswering(int status, String body, AtomicReference<Recorded> recorded)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            recorded.set(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return SecretsManagerReader.create(
                Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-access-key")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void asksForTheSecretWithASignedGetSecretValueAndReturnsItsString() throws IOException {
        AtomicReference<Recorded> recorded = new AtomicReference<>();
        try (SecretsManagerReader reader = readerAnswering(
                200,
                "{\"ARN\":\"" + SECRET
                        + "\",\"Name\":\"skyhook/db\",\"SecretString\":\"{\\\"username\\\":\\\"admin\\\",\\\"password\\\":\\\"p@ss\\\"}\","
                        + "\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}",
                recorded)) {

            assertThat(reader.secretString(SECRET)).isEqualTo("{\"username\":\"admin\",\"password\":\"p@ss\"}");
        }

        Recorded request = recorded.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.body()).isEqualTo("{\"SecretId\":\"" + SECRET + "\"}");
        assertThat(request.headers().get("X-amz-target")).containsExactly("secretsmanager.GetSecretValue");
        assertThat(request.headers().get("Content-type")).containsExactly("application/x-amz-json-1.1");
        String authorization = request.headers().get("Authorization").get(0);
        assertThat(authorization)
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/secretsmanager/aws4_request")
                .containsPattern("SignedHeaders=[^,]*host[^,]*x-amz-target")
                .containsPattern("Signature=[0-9a-f]{64}");
        assertThat(request.headers().get("X-amz-date")).hasSize(1);
    }

    @Test
    void aRefusalNamesTheSecretAndAwsErrorButNoValue() throws IOException {
        try (SecretsManagerReader reader = readerAnswering(
                400,
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}",
                new AtomicReference<>())) {

            assertThatThrownBy(() -> reader.secretString(SECRET))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Secrets Manager refused to read " + SECRET
                            + " (400 ResourceNotFoundException: Secrets Manager can't find the specified secret.)");
        }
    }

    @Test
    void aBinarySecretOrAnAnswerThatIsNotJsonIsAClearError() {
        assertThatThrownBy(() -> SecretsManagerReader.secretStringOf(
                        SECRET, 200, "{\"SecretBinary\":\"AAEC\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("binary secret");
        assertThatThrownBy(() -> SecretsManagerReader.secretStringOf(
                        SECRET, 502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("Secrets Manager answered 502 for " + SECRET + " with a body that is not JSON");
        assertThatThrownBy(() -> SecretsManagerReader.secretStringOf(
                        SECRET,
                        403,
                        "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"not allowed\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageEndingWith("(403 AccessDeniedException: not allowed)");
    }

    @Test
    void anUnreachableEndpointIsAnErrorNamingTheSecret() {
        try (SecretsManagerReader reader = SecretsManagerReader.create(
                Optional.of(URI.create("http://127.0.0.1:1")),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-access-key")))) {
            assertThatThrownBy(() -> reader.secretString(SECRET))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("could not reach Secrets Manager for " + SECRET);
        }
    }

    @Test
    void anArnNamesItsRegionAndAnythingElseIsRefused() {
        assertThat(SECRET.region()).isEqualTo("eu-west-1");
        assertThat(new SecretArn("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:rds!db-1234abcd-AbCdEf")
                        .region())
                .isEqualTo("cn-north-1");
        for (String notAnArn : List.of(
                "skyhook/db",
                "",
                "arn:aws:s3:::bucket",
                "arn:aws:secretsmanager:eu-west-1:123:secret:x",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a\"b")) {
            assertThatThrownBy(() -> new SecretArn(notAnArn)).as(notAnArn).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
