package dev.skyhook.hosts.lambda;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideTables;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.testing.DynamoDbLocalServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Fresh rides tables on the shared DynamoDB Local, and a way to look at them behind the functions' back. */
final class RideTables {
    private final DynamoDbSettings settings;
    private final DynamoDbClient client;

    private RideTables(DynamoDbSettings settings, DynamoDbClient client) {
        this.settings = settings;
        this.client = client;
    }

    static RideTables create() {
        DynamoDbSettings settings = new DynamoDbSettings(
                "us-east-1",
                Optional.of(DynamoDbLocalServer.shared().endpoint()),
                DynamoDbLocalServer.uniqueTableName("Rides"),
                DynamoDbLocalServer.uniqueTableName("RideRequests"));
        // Not the function's client: its 2-second attempts can time out on a loaded machine while
        // the table is being created, and the retry then fails on the table it just made.
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .endpointOverride(settings.endpoint().orElseThrow())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD))
                .build();
        DynamoDbRideTables.create(client, settings);
        return new RideTables(settings, client);
    }

    DynamoDbSettings settings() {
        return settings;
    }

    long rideCount() {
        return client.scanPaginator(b -> b.tableName(settings.ridesTable()).select(Select.COUNT)).stream()
                .mapToLong(ScanResponse::count)
                .sum();
    }

    /** The ride item exactly as DynamoDB holds it. */
    Map<String, AttributeValue> rideItem(String rideId) {
        return client.getItem(b -> b.tableName(settings.ridesTable())
                        .key(Map.of("RideId", AttributeValue.fromS(rideId)))
                        .consistentRead(true))
                .item();
    }
}
