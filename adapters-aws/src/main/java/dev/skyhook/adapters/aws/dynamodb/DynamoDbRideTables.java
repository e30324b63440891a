package dev.skyhook.adapters.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the two tables the rides need, with the unicorn index, unless they exist: for DynamoDB
 * Local and tests. On AWS the deployment template declares the same keys and index (with on-demand
 * capacity).
 */
public final class DynamoDbRideTables {
    private DynamoDbRideTables() {}

    /** Creates both tables; one that already exists is left as it is. */
    public static void create(DynamoDbClient client, DynamoDbSettings settings) {
        DynamoDbEnhancedClient dynamo =
                DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        unlessItExists(() -> dynamo.table(settings.ridesTable(), RideItems.RIDE)
                .createTable(CreateTableEnhancedRequest.builder()
                        .globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder()
                                .indexName(RideItems.BY_UNICORN_INDEX)
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build())
                        .build()));
        unlessItExists(() -> dynamo.table(settings.rideRequestsTable(), RideItems.RIDE_REQUEST)
                .createTable());
    }

    /**
     * An attempt that timed out (a loaded machine) may still have created the table, and then the
     * SDK's retry is refused as "preexisting": the table is there, which is what was asked.
     */
    private static void unlessItExists(Runnable create) {
        try {
            create.run();
        } catch (ResourceInUseException e) {
            // already there
        }
    }
}
