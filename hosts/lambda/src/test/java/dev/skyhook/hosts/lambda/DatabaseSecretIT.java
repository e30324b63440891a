package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code DB_SECRET_ARN} end to end but for AWS itself: the users function reads the credentials from
 * the secret once, at init, and connects with them to a MariaDB server that checks passwords. The
 * secret is answered by a loopback server in Secrets Manager's documented shape (no emulator of it
 * runs here), so this tests the wiring and the use of the answer, not AWS's acceptance of the call.
 */
class DatabaseSecretIT {
    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf";
    private static final String PASSWORD = "Secret-Pass-93b1e7 \"quoted\"";
    private static MariaDbServer server;
    private static MySqlSettings database;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer secretsManager;

    @BeforeAll
    static void startAServerThatChecksPasswords() {
        server = MariaDbServer.startEmbedded();
        database = server.createDatabaseWithCheckedPassword("secret", "app", PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @AfterEach
    void stopSecretsManager() {
        if (secretsManager != null) {
            secretsManager.stop(0);
        }
    }

    private String secretsManagerAnswering(String secretString) throws IOException {
        secretsManager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secretsManager.createContext("/", exchange -> {
            asked.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"ARN\":\"" + SECRET_ARN + "\",\"SecretString\":" + secretString + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        secretsManager.start();
        return "http://127.0.0.1:" + secretsManager.getAddress().getPort();
    }

    private static Settings settings(String endpoint, String dbUser) {
        return Settings.fromVariables(Map.of(
                "DB_HOST",
                database.host(),
                "DB_PORT",
                Integer.toString(database.port()),
                "DB_USER",
                dbUser,
                "DB_NAME",
                database.database(),
                "DB_SECRET_ARN",
                SECRET_ARN,
                "SECRETS_MANAGER_ENDPOINT",
                endpoint));
    }

    private static LambdaComponent graph(String endpoint, String dbUser) {
        return LambdaComponent.create(
                settings(endpoint, dbUser),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-access-key")));
    }

    @Test
    void theUsersFunctionConnectsWithTheSecretsUserAndPasswordReadOnceAtInit() throws Exception {
        String endpoint = secretsManagerAnswering("\"{\\\"username\\\":\\\"app\\\",\\\"password\\\":\\\""
                + PASSWORD.replace("\"", "\\\\\\\"") + "\\\"}\"");
        LambdaComponent graph = graph(endpoint, "not-the-secrets-user");
        new MigrationHandler(graph)
                .handleRequest(
                        new java.io.ByteArrayInputStream(new byte[0]),
                        new java.io.ByteArrayOutputStream(),
                        new TestContext());
        ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> new UsersHandler(graph));

        assertThat(client.send(HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}"))
                        .status())
                .isEqualTo(201);
        assertThat(client.send(HostRequest.get("/users")).text()).contains("\"Kim\"");
        assertThat(asked).containsExactly("secretsmanager.GetSecretValue {\"SecretId\":\"" + SECRET_ARN + "\"}");
    }

    @Test
    void aSecretWithAWrongPasswordIsRefusedByTheDatabaseNotSilentlyReplaced() throws Exception {
        String endpoint = secretsManagerAnswering("\"{\\\"username\\\":\\\"app\\\",\\\"password\\\":\\\"not-it\\\"}\"");
        LambdaComponent graph = graph(endpoint, "app");
        ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> new UsersHandler(graph));

        assertThat(client.send(HostRequest.get("/users")).status()).isEqualTo(503);
    }

    @Test
    void aSecretWithoutAPasswordStopsInit() throws Exception {
        String endpoint = secretsManagerAnswering("\"{\\\"username\\\":\\\"app\\\"}\"");
        LambdaComponent graph = graph(endpoint, "app");

        assertThatThrownBy(() -> new UsersHandler(graph)).hasMessageContaining("no \"password\"");
    }
}
