package dev.skyhook.adapters.aws.dynamodb;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the rides live in DynamoDB: {@code AWS_REGION} (Lambda sets it), {@code RIDES_TABLE}
 * (default {@code Rides}, the original's), {@code RIDE_REQUESTS_TABLE} (idempotency keys, default
 * {@code RideRequests}) and {@code DYNAMODB_ENDPOINT}, an endpoint override for DynamoDB Local.
 */
public record DynamoDbSettings(String region, Optional<URI> endpoint, String ridesTable, String rideRequestsTable) {
    public static final String DEFAULT_RIDES_TABLE = "Rides";
    public static final String DEFAULT_RIDE_REQUESTS_TABLE = "RideRequests";

    public DynamoDbSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        requireTableName(ridesTable, "RIDES_TABLE");
        requireTableName(rideRequestsTable, "RIDE_REQUESTS_TABLE");
    }

    /** DynamoDB's rule: 3 to 255 of letters, digits, '_', '-' and '.'. */
    private static void requireTableName(String name, String variable) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException(
                    variable + " must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ - .), was '" + name + "'");
        }
    }
}
