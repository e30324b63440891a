package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbClients;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideTables;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.testing.DynamoDbLocalServer;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Fault drill: DynamoDB goes away and comes back while one warm container keeps serving rides. While
 * it is down riders get the Wild Rydes error shape with a {@code Reference}; afterwards the same
 * container books again, and nothing was half-written.
 */
class LambdaDynamoDbOutageDrillIT {
    private static final String PICKUP =
            "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";

    @TempDir
    Path tables;

    private DynamoDbLocalServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void answers503WithAReferenceWhileDynamoDbIsDownAndRecoversWithoutANewContainer() throws Exception {
        server = DynamoDbLocalServer.startOnDisk(tables);
        DynamoDbSettings settings =
                new DynamoDbSettings("us-east-1", Optional.of(server.endpoint()), "Rides", "RideRequests");
        try (DynamoDbClient dynamo = DynamoDbClients.create(settings)) {
            DynamoDbRideTables.create(dynamo, settings);
            LambdaComponent container = LambdaComponent.create(Settings.defaults().toBuilder()
                    .dynamoDb(settings)
                    .rides(new RideSettings(Duration.ZERO))
                    .build());
            RidesHandler function = new RidesHandler(container);
            ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> function);
            HostResponse before = client.send(book("before"));
            assertThat(before.status()).as("%s", before).isEqualTo(201);
            String rideBefore = (String) before.jsonObject().get("RideId");

            server.stop();
            for (HostRequest request : new HostRequest[] {
                book("during"), HostRequest.get("/ride/" + rideBefore).asRider("rider")
            }) {
                HostResponse down = client.send(request);
                // Unreachable is "try again later" (503), as for MySQL; 500 is kept for failures retrying will not fix.
                assertThat(down.status())
                        .as("%s while down: %s", request.target(), down)
                        .isEqualTo(503);
                assertThat(down.jsonObject())
                        .containsOnlyKeys("Error", "Reference")
                        .containsEntry("Reference", down.header("X-Request-Id").orElseThrow());
                assertThat((String) down.jsonObject().get("Error"))
                        .doesNotContainIgnoringCase("exception")
                        .doesNotContainIgnoringCase("dynamodb");
                assertThat(down.header("Access-Control-Allow-Origin")).contains("*");
            }

            server.restart();
            HostResponse retried = client.sendUntilNot503(book("during"), Duration.ofSeconds(15));
            assertThat(retried.status()).as("%s", retried).isEqualTo(201);
            HostResponse again = client.send(book("before"));
            assertThat(again.jsonObject().get("RideId"))
                    .as("the key booked before the outage still answers its ride")
                    .isEqualTo(rideBefore);
            assertThat(client.send(HostRequest.get("/ride/" + rideBefore).asRider("rider"))
                            .status())
                    .isEqualTo(200);
            // Two bookings, two rides, two key records: the failed attempt wrote nothing.
            assertThat(count(dynamo, "Rides")).isEqualTo(2);
            assertThat(count(dynamo, "RideRequests")).isEqualTo(2);
        }
    }

    private static HostRequest book(String idempotencyKey) {
        return HostRequest.json("POST", "/ride", PICKUP)
                .withHeader("Idempotency-Key", idempotencyKey)
                .asRider("rider");
    }

    private static long count(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
                .mapToLong(ScanResponse::count)
                .sum();
    }
}
