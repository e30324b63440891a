package dev.skyhook.hosts.lambda;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbClients;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideTables;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.testing.DynamoDbLocalServer;
import java.util.Map;
import java.util.Optional;
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
        DynamoDbSettings settings = new DynamoDbSettings("us-east-1", Optional.of(DynamoDbLocalServer.shared().endpoint()),
            DynamoDbLocalServer.uniqueTableName("Rides"), DynamoDbLocalServer.uniqueTableName("RideRequests"));
        DynamoDbClient client = DynamoDbClients.create(settings);
        DynamoDbRideTables.create(client, settings);
        return new RideTables(settings, client);
    }

    DynamoDbSettings settings() {
        return settings;
    }

    long rideCount() {
        return client.scanPaginator(b -> b.tableName(settings.ridesTable()).select(Select.COUNT)).stream()
            .mapToLong(ScanResponse::count).sum();
    }

    /** The ride item exactly as DynamoDB holds it. */
    Map<String, AttributeValue> rideItem(String rideId) {
        return client.getItem(b -> b.tableName(settings.ridesTable())
            .key(Map.of("RideId", AttributeValue.fromS(rideId))).consistentRead(true)).item();
    }
}
