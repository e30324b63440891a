package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.testing.DynamoDbLocalServer;
import dev.skyhook.core.contract.RideRepositoryContract;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.port.in.RequestRideCommand;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.service.RideService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The rides contract on DynamoDB Local, wired as the function wires it (booking writes signed and sent
 * outside the SDK's pipeline, the SDK client for the rest), plus the item as the original wrote it,
 * read back raw.
 */
class DynamoDbRideRepositoryIT extends RideRepositoryContract {
    private static DynamoDbClient client;
    private static DynamoDbSettings settings;
    private static SignedJsonWrites writes;
    private static DynamoDbRideRepository rides;
    /** The operations the SDK client sent. */
    private static final List<String> sentBySdk = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void createTables() {
        settings = new DynamoDbSettings(
                "us-east-1",
                Optional.of(DynamoDbLocalServer.shared().endpoint()),
                DynamoDbLocalServer.uniqueTableName("Rides"),
                DynamoDbLocalServer.uniqueTableName("RideRequests"));
        AwsCredentialsProvider credentials = DynamoDbClients.credentials(settings);
        DynamoDbClients.WithSignedWrites clients =
                DynamoDbClients.createWithSignedWrites(settings, credentials, List.of(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        sentBySdk.add(context.request().getClass().getSimpleName());
                    }
                }));
        client = clients.client();
        writes = clients.writes();
        DynamoDbRideTables.create(client, settings);
        rides = new DynamoDbRideRepository(client, writes, settings);
    }

    @AfterAll
    static void closeClient() {
        client.close();
        writes.close();
    }

    @Test
    void bookingWritesThatSucceedLeaveTheSdkAndARefusedOneGoesThroughItForItsAnswer() {
        String rider = newRider();
        RiderLimit limit = new RiderLimit(2, REQUESTED.minusSeconds(60));
        var first = keyed(newRequestKey(), "f", ride(rider, unicorn(), REQUESTED));
        sentBySdk.clear();

        assertThat(rides.add(ride(rider, unicorn(), REQUESTED), RiderLimit.NONE))
                .isTrue();
        assertThat(rides.addOnce(first, RiderLimit.NONE)).contains(first);
        assertThat(sentBySdk).as("stored without the SDK").isEmpty();
        assertThat(rides.add(ride(rider, unicorn(), REQUESTED), limit)).isTrue();
        assertThat(sentBySdk)
                .as("the rider's item is read through the SDK, the transaction is not sent by it")
                .containsExactly("GetItemRequest");
        sentBySdk.clear();

        var retry = keyed(first.requestKey(), "f", ride(rider, unicorn(), REQUESTED));
        assertThat(rides.addOnce(retry, RiderLimit.NONE)).contains(first);
        assertThat(sentBySdk)
                .as("refused by DynamoDB: sent again by the SDK, whose cancellation reasons say the key is taken")
                .startsWith("TransactWriteItemsRequest");
    }

    @Test
    void oddCharactersInAnItemAreStoredAsGiven() {
        String rider = "q\"uote \\ back\nline\t\u0001 \u00e9\u4e2d \ud83e\udd84 </script>";
        Ride ride = ride(rider, unicorn(), REQUESTED);
        sentBySdk.clear();

        assertThat(rides.add(ride, RiderLimit.NONE)).isTrue();

        assertThat(sentBySdk).isEmpty();
        assertThat(client.getItem(b -> b.tableName(settings.ridesTable())
                                .key(Map.of("RideId", AttributeValue.fromS(ride.rideId())))
                                .consistentRead(true))
                        .item()
                        .get("User"))
                .isEqualTo(AttributeValue.fromS(rider));
    }

    @Test
    void whatTheSignedWritesCannotWriteExactlyIsLeftToTheSdk() {
        Map<String, AttributeValue> item = Map.of(
                "RideId", AttributeValue.fromS(newRideId()),
                "Blob", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("x")));
        PutItemRequest binary = PutItemRequest.builder()
                .tableName(settings.ridesTable())
                .item(item)
                .build();
        PutItemRequest returningValues = PutItemRequest.builder()
                .tableName(settings.ridesTable())
                .item(Map.of("RideId", AttributeValue.fromS(newRideId())))
                .returnValues("ALL_OLD")
                .build();
        PutItemRequest loneSurrogate = PutItemRequest.builder()
                .tableName(settings.ridesTable())
                .item(Map.of("RideId", AttributeValue.fromS("\ud83e" + newRideId())))
                .build();
        PutItemRequest missingTable = PutItemRequest.builder()
                .tableName("NoSuchRides")
                .item(Map.of("RideId", AttributeValue.fromS(newRideId())))
                .build();

        PutItemRequest overridden = PutItemRequest.builder()
                .tableName(settings.ridesTable())
                .item(Map.of("RideId", AttributeValue.fromS(newRideId())))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(1)))
                .build();

        assertThat(writes.tryPut(overridden)).isFalse();
        assertThat(writes.tryPut(binary)).isFalse();
        assertThat(writes.tryPut(returningValues)).isFalse();
        assertThat(writes.tryPut(loneSurrogate)).isFalse();
        assertThat(writes.tryPut(missingTable)).isFalse();
        TransactWriteItem put = TransactWriteItem.builder()
                .put(b -> b.tableName(settings.ridesTable()).item(Map.of("RideId", AttributeValue.fromS(newRideId()))))
                .build();
        assertThat(writes.tryTransact(
                        TransactWriteItemsRequest.builder().transactItems(put).build()))
                .as("no client request token to share with the SDK's attempts")
                .isFalse();
        assertThat(writes.tryTransact(TransactWriteItemsRequest.builder()
                        .clientRequestToken("t-" + newRideId())
                        .transactItems(TransactWriteItem.builder()
                                .delete(b -> b.tableName(settings.ridesTable())
                                        .key(Map.of("RideId", AttributeValue.fromS(newRideId()))))
                                .build())
                        .build()))
                .isFalse();
        for (AttributeValue id :
                List.of(binary.item().get("RideId"), put.put().item().get("RideId"))) {
            assertThat(client.getItem(b -> b.tableName(settings.ridesTable())
                                    .key(Map.of("RideId", id))
                                    .consistentRead(true))
                            .hasItem())
                    .isFalse();
        }
    }

    @Override
    protected RideRepository repository() {
        return rides;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theItemIsExactlyTheOriginals(boolean underALimit) {
        Ride ride = new Ride(
                newRideId(),
                "the_username",
                new Unicorn("Shadowfax", "White", "Male"),
                Instant.parse("2026-11-22T05:02:03Z"));

        rides.add(ride, underALimit ? new RiderLimit(100, ride.requestTime().minusSeconds(60)) : RiderLimit.NONE);

        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(settings.ridesTable())
                        .key(Map.of("RideId", AttributeValue.fromS(ride.rideId())))
                        .consistentRead(true))
                .item();
        assertThat(item)
                .isEqualTo(Map.of(
                        "RideId", AttributeValue.fromS(ride.rideId()),
                        "User", AttributeValue.fromS("the_username"),
                        "Unicorn",
                                AttributeValue.fromM(Map.of(
                                        "Name", AttributeValue.fromS("Shadowfax"),
                                        "Color", AttributeValue.fromS("White"),
                                        "Gender", AttributeValue.fromS("Male"))),
                        "UnicornName", AttributeValue.fromS("Shadowfax"),
                        "RequestTime", AttributeValue.fromS("2026-11-22T05:02:03.000Z")));
    }

    @Test
    void theRidersItemHoldsTheTimesOfTheirBusyRidesBesideTheKeys() {
        String rider = newRider();
        rides.add(ride(rider, unicorn(), REQUESTED), new RiderLimit(2, REQUESTED.minusSeconds(60)));
        rides.add(ride(rider, unicorn(), REQUESTED.plusSeconds(61)), new RiderLimit(2, REQUESTED.plusSeconds(1)));

        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(settings.rideRequestsTable())
                        .key(Map.of("RequestKey", AttributeValue.fromS(RideItems.riderKey(rider))))
                        .consistentRead(true))
                .item();
        assertThat(item.get("RequestKey").s()).matches("rider#[0-9a-f]{64}");
        assertThat(item.get("RequestTimes").l())
                .as("the first ride was over at the second booking")
                .containsExactly(AttributeValue.fromS("2026-11-22T05:03:04.456Z"));
        assertThat(item.get("Version").n()).isEqualTo("2");
    }

    /** The service writes a keyed booking first and reads its key only when the write was refused for it. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void concurrentDuplicatesThroughTheServiceBookOneRideAndAllGetIt(boolean underALimit) throws Exception {
        RideService service = service(underALimit ? Duration.ofSeconds(60) : Duration.ZERO);
        String rider = newRider();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_RETRIES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RideBooking>> answers = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_RETRIES; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return service.request(new RequestRideCommand(rider, 47.6, -122.3, Optional.of("dup")));
                }));
            }
            start.countDown();
            Set<RideBooking> distinct = new HashSet<>();
            for (Future<RideBooking> answer : answers) {
                distinct.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(distinct).as("every duplicate gets the same ride").hasSize(1);
            assertThat(ridesOf(rider))
                    .containsExactly(distinct.iterator().next().ride().rideId());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aKeyUsedForAnotherPickupIsRefusedAsBeforeAndItsRideStaysAlone(boolean underALimit) {
        RideService service = service(underALimit ? Duration.ofSeconds(60) : Duration.ZERO);
        String rider = newRider();
        RideBooking first = service.request(new RequestRideCommand(rider, 47.6, -122.3, Optional.of("k")));

        assertThat(service.request(new RequestRideCommand(rider, 47.6, -122.3, Optional.of("k"))))
                .isEqualTo(first);
        assertThatThrownBy(() -> service.request(new RequestRideCommand(rider, 10, 10, Optional.of("k"))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(ridesOf(rider)).containsExactly(first.ride().rideId());
    }

    private static RideService service(Duration busyFor) {
        return new RideService(
                rides, new RideAssignment(Fleet.wildRydes(), busyFor), Clock.systemUTC(), new SecureRandom());
    }

    /** The ids of the rider's rides, read from the table itself. */
    private static List<String> ridesOf(String rider) {
        return client
                .scanPaginator(b -> b.tableName(settings.ridesTable())
                        .filterExpression("#user = :rider")
                        .expressionAttributeNames(Map.of("#user", "User"))
                        .expressionAttributeValues(Map.of(":rider", AttributeValue.fromS(rider)))
                        .consistentRead(true))
                .items()
                .stream()
                .map(item -> item.get("RideId").s())
                .toList();
    }

    @Test
    void aMissingTableIsAStoreFailure() {
        DynamoDbSettings missing =
                new DynamoDbSettings("us-east-1", settings.endpoint(), "NoSuchRides", "NoSuchRequests");
        DynamoDbRideRepository nowhere = new DynamoDbRideRepository(client, writes, missing);

        RiderLimit one = new RiderLimit(1, REQUESTED.minusSeconds(60));
        assertThatThrownBy(() -> nowhere.add(ride("r", unicorn(), REQUESTED), RiderLimit.NONE))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
        assertThatThrownBy(() -> nowhere.add(ride("r", unicorn(), REQUESTED), one))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
        assertThatThrownBy(() -> nowhere.addOnce(keyed(newRequestKey(), "f", ride("r", unicorn(), REQUESTED)), one))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
        assertThatThrownBy(() -> nowhere.ridesRequestedSince("r", REQUESTED))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
    }

    @Test
    void aStoppedServerIsUnavailable() {
        DynamoDbLocalServer own = DynamoDbLocalServer.start();
        DynamoDbSettings ownSettings =
                new DynamoDbSettings("us-east-1", Optional.of(own.endpoint()), "Rides", "RideRequests");
        try (DynamoDbClient ownClient = DynamoDbClients.create(ownSettings)) {
            DynamoDbRideTables.create(ownClient, ownSettings);
            DynamoDbRideRepository repository = new DynamoDbRideRepository(ownClient, ownSettings);
            own.stop();

            assertThatThrownBy(() -> repository.findById(newRideId()))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        }
    }
}
