package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.testing.DynamoDbLocalServer;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Wild Rydes workshop's own test event ({@code events/rest-v1/wild-rydes-request-unicorn.json},
 * as pasted into the Lambda console) through the rides function, the item it leaves in DynamoDB
 * Local, and what the original got wrong: no authorizer, a failing store.
 */
class WildRydesEventIT {
    private static final String BODY_PATTERN = "\\{\"RideId\":\"([A-Za-z0-9_-]{22})\","
            + "\"Unicorn\":\\{\"Name\":\"Shadowfax\",\"Color\":\"White\",\"Gender\":\"Male\"\\},"
            + "\"UnicornName\":\"Shadowfax\",\"Eta\":\"30 seconds\",\"Rider\":\"the_username\"\\}";

    private RideTables tables;
    private LambdaComponent graph;

    /** Fresh tables for each test: unicorns stay busy for a minute (the default), and counts start at zero. */
    @BeforeEach
    void deploy() throws IOException {
        // The catch-all function serves every route, so it gets the whole stack (a ride never touches the rest).
        TestDeployment deployment =
                TestDeployment.on(MariaDbServer.shared().createDatabase("wild_rydes"), RideSettings.defaults());
        tables = deployment.rides();
        graph = deployment.graph();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rides", "catch-all"})
    void theTestEventBooksShadowfaxAndStoresTheOriginalsItem(String function) throws Exception {
        RequestStreamHandler handler = function.equals("rides") ? new RidesHandler(graph) : new ApiHandler(graph);
        Instant before = Instant.now().minusMillis(1);

        Map<String, Object> answer = invoke(handler, fixture("rest-v1/wild-rydes-request-unicorn.json"));

        assertThat(answer.get("statusCode")).isEqualTo(201);
        assertThat(answer.get("headers"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(answer.get("multiValueHeaders"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("Access-Control-Allow-Origin", List.of("*"));
        String body = (String) answer.get("body");
        assertThat(body).matches(BODY_PATTERN);
        String rideId = body.replaceAll(BODY_PATTERN, "$1");

        Map<String, AttributeValue> item = tables.rideItem(rideId);
        assertThat(item).containsOnlyKeys("RideId", "User", "Unicorn", "UnicornName", "RequestTime");
        assertThat(item.get("RideId").s()).isEqualTo(rideId);
        assertThat(item.get("User").s()).isEqualTo("the_username");
        assertThat(item.get("Unicorn").m())
                .isEqualTo(Map.of(
                        "Name",
                        AttributeValue.fromS("Shadowfax"),
                        "Color",
                        AttributeValue.fromS("White"),
                        "Gender",
                        AttributeValue.fromS("Male")));
        assertThat(item.get("UnicornName").s()).isEqualTo("Shadowfax");
        String requestTime = item.get("RequestTime").s();
        assertThat(requestTime).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(requestTime)).isBetween(before, Instant.now());
    }

    @Test
    void theHttpApiEventWithAJwtAuthorizerBooksToo() throws Exception {
        Map<String, Object> answer = invoke(new RidesHandler(graph), fixture("http-v2/post-ride-cognito-jwt.json"));

        assertThat(answer.get("statusCode")).isEqualTo(201);
        assertThat((String) answer.get("body")).matches(BODY_PATTERN);
        assertThat(answer.get("headers"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRidersSecondBookingWithinTheMinuteIs429WithRetryAfterAndNothingStored() throws Exception {
        RidesHandler function = new RidesHandler(graph);
        assertThat(invoke(function, fixture("rest-v1/wild-rydes-request-unicorn.json"))
                        .get("statusCode"))
                .isEqualTo(201);
        TestContext context = new TestContext();

        Map<String, Object> answer = invoke(function, fixture("rest-v1/wild-rydes-request-unicorn.json"), context);

        assertThat(answer.get("statusCode")).isEqualTo(429);
        Map<String, Object> headers = (Map<String, Object>) answer.get("headers");
        assertThat(headers)
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Expose-Headers", "Retry-After");
        assertThat(Integer.parseInt((String) headers.get("Retry-After"))).isBetween(1, 61);
        assertThat((Map<String, Object>) answer.get("multiValueHeaders"))
                .containsEntry("Retry-After", List.of(headers.get("Retry-After")));
        Map<String, Object> body = (Map<String, Object>) Json.parse((String) answer.get("body"));
        assertThat(body).containsOnlyKeys("Error", "Reference").containsEntry("Reference", context.getAwsRequestId());
        assertThat(tables.rideCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"authorizer\":null}",
                "{\"authorizer\":{\"claims\":null}}",
                "{\"authorizer\":{\"claims\":{\"sub\":\"aaaa\",\"email\":\"rider@example.com\"}}}"
            })
    @SuppressWarnings("unchecked")
    void withoutACognitoUsernameIs401InTheOriginalsShapeAndStoresNothing(String requestContext) throws Exception {
        Map<String, Object> event = fixture("rest-v1/wild-rydes-request-unicorn.json");
        event.put("requestContext", Json.parse(requestContext));
        long before = tables.rideCount();
        TestContext context = new TestContext();

        Map<String, Object> answer = invoke(new RidesHandler(graph), event, context);

        assertThat(answer.get("statusCode")).isEqualTo(401);
        Map<String, Object> body = (Map<String, Object>) Json.parse((String) answer.get("body"));
        assertThat(body).containsOnlyKeys("Error", "Reference").containsEntry("Reference", context.getAwsRequestId());
        assertThat((String) body.get("Error")).contains("authorizer");
        assertThat(answer.get("headers"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(tables.rideCount()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStoreFailureIs500WithTheLambdaRequestIdAsReference() throws Exception {
        DynamoDbSettings missingTables = new DynamoDbSettings(
                "us-east-1", Optional.of(DynamoDbLocalServer.shared().endpoint()), "NoSuchRides", "NoSuchRideRequests");
        LambdaComponent broken = LambdaComponent.create(Settings.defaults().toBuilder()
                .dynamoDb(missingTables)
                .rides(new RideSettings(Duration.ZERO))
                .build());
        TestContext context = new TestContext();

        Map<String, Object> answer =
                invoke(new RidesHandler(broken), fixture("rest-v1/wild-rydes-request-unicorn.json"), context);

        assertThat(answer.get("statusCode")).isEqualTo(500);
        assertThat(Json.parse((String) answer.get("body")))
                .isEqualTo(Map.of("Error", "Internal server error", "Reference", context.getAwsRequestId()));
        assertThat((Map<String, Object>) answer.get("headers"))
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("X-Request-Id", context.getAwsRequestId());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStoreThatIsDownIs503InTheSameShape() throws Exception {
        DynamoDbLocalServer own = DynamoDbLocalServer.start();
        DynamoDbSettings settings =
                new DynamoDbSettings("us-east-1", Optional.of(own.endpoint()), "Rides", "RideRequests");
        LambdaComponent downstream = LambdaComponent.create(Settings.defaults().toBuilder()
                .dynamoDb(settings)
                .rides(new RideSettings(Duration.ZERO))
                .build());
        RidesHandler function = new RidesHandler(downstream);
        own.stop();

        Map<String, Object> answer = invoke(function, fixture("rest-v1/wild-rydes-request-unicorn.json"));

        assertThat(answer.get("statusCode")).isEqualTo(503);
        Map<String, Object> body = (Map<String, Object>) Json.parse((String) answer.get("body"));
        assertThat(body).containsOnlyKeys("Error", "Reference");
        assertThat((Map<String, Object>) answer.get("headers")).containsEntry("Access-Control-Allow-Origin", "*");
    }

    private static Map<String, Object> invoke(RequestStreamHandler handler, Map<String, Object> event)
            throws IOException {
        return invoke(handler, event, new TestContext());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(
            RequestStreamHandler handler, Map<String, Object> event, TestContext context) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event)), output, context);
        return (Map<String, Object>) Json.parse(output.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = WildRydesEventIT.class.getResourceAsStream("/events/" + name)) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
