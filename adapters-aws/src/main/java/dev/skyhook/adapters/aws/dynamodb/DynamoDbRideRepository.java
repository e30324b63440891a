package dev.skyhook.adapters.aws.dynamodb;

import dev.skyhook.adapters.aws.dynamodb.RideItems.RideItem;
import dev.skyhook.adapters.aws.dynamodb.RideItems.RideRequestItem;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.port.out.RideRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Rides in the original's {@code Rides} table, through the enhanced client. A keyed booking is one
 * transaction of two conditional puts ({@code attribute_not_exists}): its idempotency record in
 * {@code RideRequests} and its ride. If the record exists, the transaction writes nothing and the
 * earlier booking is read back, strongly consistent; so racing retries store exactly one ride.
 */
public final class DynamoDbRideRepository implements RideRepository {
    /** Transactions touching the same item at once may be cancelled with this code; trying again settles it. */
    static final String TRANSACTION_CONFLICT = "TransactionConflict";
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final int MAX_TRANSACTION_ATTEMPTS = 8;

    private final DynamoDbEnhancedClient dynamo;
    private final DynamoDbTable<RideItem> rides;
    private final DynamoDbTable<RideRequestItem> requests;

    public DynamoDbRideRepository(DynamoDbClient client, DynamoDbSettings settings) {
        this.dynamo = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.rides = dynamo.table(settings.ridesTable(), RideItems.RIDE);
        this.requests = dynamo.table(settings.rideRequestsTable(), RideItems.RIDE_REQUEST);
    }

    @Override
    public void add(Ride ride) {
        try {
            rides.putItem(PutItemEnhancedRequest.builder(RideItem.class).item(RideItems.toItem(ride))
                .conditionExpression(notExists("RideId")).build());
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("store a ride", e);
        }
    }

    @Override
    public KeyedBooking addOnce(KeyedBooking booking) {
        TransactWriteItemsEnhancedRequest transaction = TransactWriteItemsEnhancedRequest.builder()
            .addPutItem(requests, TransactPutItemEnhancedRequest.builder(RideRequestItem.class)
                .item(RideItems.toItem(booking)).conditionExpression(notExists("RequestKey")).build())
            .addPutItem(rides, TransactPutItemEnhancedRequest.builder(RideItem.class)
                .item(RideItems.toItem(booking.booking().ride())).conditionExpression(notExists("RideId")).build())
            .build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(transaction);
                return booking;
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                if (!codes.isEmpty() && CONDITION_FAILED.equals(codes.get(0))) {
                    return findByRequestKey(booking.requestKey()).orElseThrow(() -> new DomainException(ErrorCode.STORE_FAILURE,
                        "DynamoDB refused an idempotency record that it then could not find: " + booking.requestKey()));
                }
                if (!codes.contains(TRANSACTION_CONFLICT) || attempt == MAX_TRANSACTION_ATTEMPTS) {
                    throw DynamoDbErrors.translate("store a ride once (" + codes + ")", e);
                }
                backOff(attempt);
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("store a ride once", e);
            }
        }
    }

    @Override
    public Optional<KeyedBooking> findByRequestKey(String requestKey) {
        try {
            RideRequestItem request = requests.getItem(consistentGet(requestKey));
            if (request == null) {
                return Optional.empty();
            }
            RideItem ride = rides.getItem(consistentGet(request.getRideId()));
            if (ride == null) {
                throw new DomainException(ErrorCode.STORE_FAILURE, "idempotency record " + requestKey
                    + " names ride " + request.getRideId() + ", which is not in the table");
            }
            return Optional.of(RideItems.toBooking(request, RideItems.toRide(ride)));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("find a ride request", e);
        }
    }

    @Override
    public Optional<Ride> findById(String rideId) {
        try {
            return Optional.ofNullable(rides.getItem(consistentGet(rideId))).map(RideItems::toRide);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("find a ride", e);
        }
    }

    /** One query of the {@value RideItems#BY_UNICORN_INDEX} index (eventually consistent, as every GSI). */
    @Override
    public boolean isAssignedSince(String unicornName, Instant since) {
        try {
            QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(
                    Key.builder().partitionValue(unicornName).sortValue(Ride.formatRequestTime(since)).build()))
                .limit(1)
                .build();
            return rides.index(RideItems.BY_UNICORN_INDEX).query(query).stream()
                .anyMatch(page -> !page.items().isEmpty());
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("check a unicorn's rides", e);
        }
    }

    private static GetItemEnhancedRequest consistentGet(String partitionKey) {
        return GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(partitionKey).build()).consistentRead(true).build();
    }

    private static Expression notExists(String attribute) {
        return Expression.builder().expression("attribute_not_exists(#key)").expressionNames(Map.of("#key", attribute)).build();
    }

    /** Full jitter, so the racing retries do not collide again in step. */
    private static void backOff(int attempt) {
        long ceilingMillis = Math.min(200, 10L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceilingMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.STORE_UNAVAILABLE, "interrupted while retrying a ride booking");
        }
    }
}
