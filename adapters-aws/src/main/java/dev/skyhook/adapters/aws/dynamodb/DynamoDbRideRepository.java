package dev.skyhook.adapters.aws.dynamodb;

import dev.skyhook.adapters.aws.dynamodb.RideItems.RideItem;
import dev.skyhook.adapters.aws.dynamodb.RideItems.RideRequestItem;
import dev.skyhook.adapters.aws.dynamodb.RideItems.RiderItem;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.port.out.RideRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Rides in the original's {@code Rides} table. Writes go through the low-level client with the items'
 * attribute maps built directly (the booking's hot path: no table schema, extension chain or
 * expression objects per call); reads through the enhanced client. A keyed booking is one
 * transaction of two conditional puts ({@code attribute_not_exists}): its idempotency record in
 * {@code RideRequests} and its ride. If the record exists, the transaction writes nothing and the
 * earlier booking is read back, strongly consistent; so racing retries store exactly one ride.
 *
 * <p>Under a rider limit, the rider's item in {@code RideRequests} (see {@link RideItems.RiderItem})
 * is read strongly consistent and rewritten in the same transaction, on condition that its version
 * did not change: of two racing bookings of one rider, one commits and the other reads again and
 * finds the rider at the limit. Exact, for one more item in the transaction and one read. (An
 * index on the rides by rider would cost as much and be only eventually consistent: bookings a
 * moment apart could both pass.)
 */
public final class DynamoDbRideRepository implements RideRepository {
    /** Transactions touching the same item at once may be cancelled with this code; trying again settles it. */
    static final String TRANSACTION_CONFLICT = "TransactionConflict";

    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final int MAX_TRANSACTION_ATTEMPTS = 8;

    private static final String NOT_EXISTS = "attribute_not_exists(#key)";
    private static final Map<String, String> RIDE_ID_NAME = Map.of("#key", "RideId");
    private static final Map<String, String> REQUEST_KEY_NAME = Map.of("#key", "RequestKey");

    private final DynamoDbClient client;
    /** Numbers this process's transactions, for their client request tokens. */
    private final AtomicLong transactions = new AtomicLong();
    /** Null: every write through the SDK client. */
    private final SignedJsonWrites writes;

    private final String ridesTable;
    private final String requestsTable;
    private final DynamoDbTable<RideItem> rides;
    private final DynamoDbTable<RideRequestItem> requests;
    private final DynamoDbTable<RiderItem> riders;

    /** What a conditional booking did. */
    private enum Outcome {
        STORED,
        RIDER_AT_LIMIT,
        KEY_TAKEN
    }

    /** Every call through the SDK client. */
    public DynamoDbRideRepository(DynamoDbClient client, DynamoDbSettings settings) {
        this(client, Optional.empty(), settings);
    }

    /**
     * A booking's writes first through {@code writes} (no SDK pipeline per call), then through the SDK
     * client if they did not take; reads through the SDK client.
     */
    public DynamoDbRideRepository(DynamoDbClient client, SignedJsonWrites writes, DynamoDbSettings settings) {
        this(client, Optional.of(writes), settings);
    }

    private DynamoDbRideRepository(
            DynamoDbClient client, Optional<SignedJsonWrites> writes, DynamoDbSettings settings) {
        DynamoDbEnhancedClient dynamo =
                DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.client = client;
        this.writes = writes.orElse(null);
        this.ridesTable = settings.ridesTable();
        this.requestsTable = settings.rideRequestsTable();
        this.rides = dynamo.table(settings.ridesTable(), RideItems.RIDE);
        this.requests = dynamo.table(settings.rideRequestsTable(), RideItems.RIDE_REQUEST);
        this.riders = dynamo.table(settings.rideRequestsTable(), RideItems.RIDER);
    }

    @Override
    public boolean add(Ride ride, RiderLimit limit) {
        if (!limit.applies()) {
            try {
                PutItemRequest put = PutItemRequest.builder()
                        .tableName(ridesTable)
                        .item(RideItems.rideAttributes(ride))
                        .conditionExpression(NOT_EXISTS)
                        .expressionAttributeNames(RIDE_ID_NAME)
                        .build();
                if (writes == null || !writes.tryPut(put)) {
                    client.putItem(put);
                }
                return true;
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("store a ride", e);
            }
        }
        return store(ride, null, limit) == Outcome.STORED;
    }

    @Override
    public Optional<KeyedBooking> addOnce(KeyedBooking booking, RiderLimit limit) {
        return switch (store(booking.booking().ride(), RideItems.requestAttributes(booking), limit)) {
            case STORED -> Optional.of(booking);
            case KEY_TAKEN ->
                Optional.of(findByRequestKey(booking.requestKey())
                        .orElseThrow(() -> new DomainException(
                                ErrorCode.STORE_FAILURE,
                                "DynamoDB refused an idempotency record that it then could not find: "
                                        + booking.requestKey())));
            // A retry racing its first attempt finds the rider at the limit; read after the rider's item, its record is
            // there.
            case RIDER_AT_LIMIT -> findByRequestKey(booking.requestKey());
        };
    }

    /**
     * One transaction: the idempotency record (if any), the ride and, under a limit, the rider's item.
     * Tried again when racing transactions cancelled it, or when the rider's item changed since it
     * was read (another booking of the rider committed: read it again).
     */
    private Outcome store(Ride ride, Map<String, AttributeValue> request, RiderLimit limit) {
        String riderKey = RideItems.riderKey(ride.rider());
        int attempts = MAX_TRANSACTION_ATTEMPTS + (limit.applies() ? limit.maxRides() : 0);
        Map<String, AttributeValue> rideItem = RideItems.rideAttributes(ride);
        for (int attempt = 1; ; attempt++) {
            try {
                List<TransactWriteItem> items = new ArrayList<>(3);
                if (request != null) {
                    items.add(putIfAbsent(requestsTable, request, REQUEST_KEY_NAME));
                }
                items.add(putIfAbsent(ridesTable, rideItem, RIDE_ID_NAME));
                if (limit.applies()) {
                    RiderItem rider = riders.getItem(consistentGet(riderKey));
                    List<Instant> held = RideItems.requestTimesSince(rider, limit.since());
                    if (limit.isReachedBy(held.size())) {
                        return Outcome.RIDER_AT_LIMIT;
                    }
                    Put.Builder put = Put.builder()
                            .tableName(requestsTable)
                            .item(RideItems.RIDER.itemToMap(RideItems.afterBooking(rider, riderKey, held, ride), true));
                    if (rider == null) {
                        put.conditionExpression(NOT_EXISTS).expressionAttributeNames(REQUEST_KEY_NAME);
                    } else {
                        put.conditionExpression("#version = :version")
                                .expressionAttributeNames(Map.of("#version", "Version"))
                                .expressionAttributeValues(
                                        Map.of(":version", AttributeValue.fromN(Long.toString(rider.getVersion()))));
                    }
                    items.add(TransactWriteItem.builder().put(put.build()).build());
                }
                // One token for the signed attempt and the SDK's: a committed attempt whose answer was lost is not run
                // again.
                TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder()
                        .clientRequestToken(RideItems.transactionToken(ride, transactions.incrementAndGet()))
                        .transactItems(items)
                        .build();
                if (writes == null || !writes.tryTransact(transaction)) {
                    client.transactWriteItems(transaction);
                }
                return Outcome.STORED;
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream()
                        .map(CancellationReason::code)
                        .toList();
                if (request != null && !codes.isEmpty() && CONDITION_FAILED.equals(codes.get(0))) {
                    return Outcome.KEY_TAKEN;
                }
                boolean riderChanged =
                        limit.applies() && !codes.isEmpty() && CONDITION_FAILED.equals(codes.get(codes.size() - 1));
                boolean conflict = codes.contains(TRANSACTION_CONFLICT);
                if (!(riderChanged || conflict)) {
                    throw DynamoDbErrors.translate("store a ride (" + codes + ")", e);
                }
                if (attempt >= attempts) {
                    // Contention, not a fault: the rider's other bookings kept winning. Retrying later may succeed.
                    throw new DomainException(
                            ErrorCode.STORE_UNAVAILABLE,
                            "Could not store a ride in DynamoDB after " + attempts + " contended attempts (" + codes
                                    + ")",
                            e);
                }
                if (conflict) {
                    backOff(attempt);
                }
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("store a ride", e);
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
                throw new DomainException(
                        ErrorCode.STORE_FAILURE,
                        "idempotency record " + requestKey + " names ride " + request.getRideId()
                                + ", which is not in the table");
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
                    .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(Key.builder()
                            .partitionValue(unicornName)
                            .sortValue(Ride.formatRequestTime(since))
                            .build()))
                    .limit(1)
                    .build();
            return rides.index(RideItems.BY_UNICORN_INDEX).query(query).stream()
                    .anyMatch(page -> !page.items().isEmpty());
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("check a unicorn's rides", e);
        }
    }

    /** From the rider's item, read strongly consistent: the rides the limit counts. */
    @Override
    public RecentRides ridesRequestedSince(String rider, Instant since) {
        try {
            return RecentRides.of(
                    RideItems.requestTimesSince(riders.getItem(consistentGet(RideItems.riderKey(rider))), since));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("count a rider's rides", e);
        }
    }

    private static GetItemEnhancedRequest consistentGet(String partitionKey) {
        return GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(partitionKey).build())
                .consistentRead(true)
                .build();
    }

    /** A put that writes nothing if the item's key is taken: an item is never overwritten. */
    private static TransactWriteItem putIfAbsent(
            String table, Map<String, AttributeValue> item, Map<String, String> keyName) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression(NOT_EXISTS)
                        .expressionAttributeNames(keyName)
                        .build())
                .build();
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
