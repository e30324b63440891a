package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.testing.LoopbackRuntimeApi;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers in a child JVM under the real Lambda Runtime Interface Client, as in a Lambda
 * container: init once, then several invocations against a real MariaDB server.
 */
class RuntimeInterfaceClientIT {
    private LoopbackRuntimeApi runtime;
    private Process function;

    @AfterEach
    void stop() throws Exception {
        if (function != null) {
            // The client blocks on invocation/next forever, as in Lambda.
            function.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void usersHandlerServesRestAndHttpApiEventsWithOnePoolAcrossInvocations() throws Exception {
        MySqlSettings database = MariaDbServer.shared().createDatabase("ric");
        try (HikariDataSource dataSource = MySqlDatabase.pool(database)) {
            DatabaseMigrations.migrate(dataSource);
        }
        start(
                "dev.skyhook.hosts.lambda.UsersHandler::handleRequest",
                Map.of(
                        "DB_HOST",
                        database.host(),
                        "DB_PORT",
                        Integer.toString(database.port()),
                        "DB_USER",
                        database.user(),
                        "DB_PASS",
                        database.password(),
                        "DB_NAME",
                        database.database()));

        Map<String, Object> created = invoke("""
            {"resource":"/users","path":"/users","httpMethod":"POST",
             "headers":{"Content-Type":"application/json"},
             "requestContext":{"requestId":"r1","protocol":"HTTP/1.1","identity":{"sourceIp":"203.0.113.7"}},
             "body":"{\\"name\\":\\"김민준\\",\\"age\\":31}","isBase64Encoded":false}""");
        assertThat(created.get("statusCode")).isEqualTo(201);
        Map<String, Object> user = jsonBody(created);
        assertThat(user).containsEntry("name", "김민준").containsEntry("age", 31);

        Map<String, Object> fetched = invoke("""
            {"version":"2.0","routeKey":"GET /users/{id}","rawPath":"/users/%s","rawQueryString":"",
             "headers":{"accept":"application/json"},
             "requestContext":{"stage":"$default","http":{"method":"GET","path":"/users/%s","protocol":"HTTP/1.1","sourceIp":"203.0.113.7"}},
             "isBase64Encoded":false}""".formatted(user.get("id"), user.get("id")));
        assertThat(fetched.get("statusCode")).isEqualTo(200);
        assertThat(jsonBody(fetched)).isEqualTo(user);

        Map<String, Object> listed = invoke("""
            {"resource":"/users","path":"/users","httpMethod":"GET","multiValueQueryStringParameters":{"limit":["10"]},
             "requestContext":{"identity":{}}}""");
        assertThat(listed.get("statusCode")).isEqualTo(200);
        assertThat(jsonBody(listed).get("users"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains(user);
    }

    @Test
    void helloHandlerAnswersWithTheLambdaRequestId() throws Exception {
        start("dev.skyhook.hosts.lambda.HelloHandler::handleRequest", Map.of());
        String requestId = UUID.randomUUID().toString();

        Map<String, Object> answer =
                parse(runtime.invoke(requestId, """
            {"resource":"/hello","path":"/hello","httpMethod":"GET","requestContext":{"identity":{}}}""").get(30, TimeUnit.SECONDS).body());

        assertThat(answer.get("statusCode")).isEqualTo(200);
        assertThat(Json.parse((String) answer.get("body"))).isEqualTo("Hello from Lambda!");
        assertThat(answer.get("multiValueHeaders"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("X-Request-Id", List.of(requestId));
    }

    private void start(String handler, Map<String, String> environment) throws Exception {
        runtime = new LoopbackRuntimeApi();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createDirectories(Path.of("target", "ric")).resolve(handler.replaceAll("\\W", "_") + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // The client loads its JNI library with System.load: allowed, so the log holds only the
                        // function's lines.
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        classPath,
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        handler)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "skyhook");
        builder.environment().putAll(environment);
        function = builder.start();
        assertThat(new File(log.toString())).exists();
    }

    private Map<String, Object> invoke(String event) throws Exception {
        return parse(runtime.invoke(UUID.randomUUID().toString(), event)
                .get(30, TimeUnit.SECONDS)
                .body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonBody(Map<String, Object> answer) {
        return (Map<String, Object>) Json.parse((String) answer.get("body"));
    }
}
