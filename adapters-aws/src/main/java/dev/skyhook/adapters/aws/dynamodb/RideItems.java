package dev.skyhook.adapters.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.Unicorn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items as DynamoDB holds them, mapped by static schemas: no reflection or bean introspection
 * at cold start. A ride is exactly the original's item: {@code RideId}, {@code User},
 * {@code Unicorn} (a map of {@code Name}, {@code Color}, {@code Gender}), {@code UnicornName},
 * {@code RequestTime} (ISO-8601 UTC, to the millisecond, so it sorts as text).
 */
final class RideItems {
    /** The index behind "is this unicorn busy?": the rides of one unicorn by request time. */
    static final String BY_UNICORN_INDEX = "UnicornName-RequestTime-index";

    static final class UnicornItem {
        private String name;
        private String color;
        private String gender;

        String getName() {
            return name;
        }

        void setName(String name) {
            this.name = name;
        }

        String getColor() {
            return color;
        }

        void setColor(String color) {
            this.color = color;
        }

        String getGender() {
            return gender;
        }

        void setGender(String gender) {
            this.gender = gender;
        }
    }

    static final class RideItem {
        private String rideId;
        private String user;
        private UnicornItem unicorn;
        private String unicornName;
        private String requestTime;

        String getRideId() {
            return rideId;
        }

        void setRideId(String rideId) {
            this.rideId = rideId;
        }

        String getUser() {
            return user;
        }

        void setUser(String user) {
            this.user = user;
        }

        UnicornItem getUnicorn() {
            return unicorn;
        }

        void setUnicorn(UnicornItem unicorn) {
            this.unicorn = unicorn;
        }

        String getUnicornName() {
            return unicornName;
        }

        void setUnicornName(String unicornName) {
            this.unicornName = unicornName;
        }

        String getRequestTime() {
            return requestTime;
        }

        void setRequestTime(String requestTime) {
            this.requestTime = requestTime;
        }
    }

    /** An idempotency key's record: which ride it booked, for which request, and the ETA it answered. */
    static final class RideRequestItem {
        private String requestKey;
        private String requestFingerprint;
        private String rideId;
        private String eta;

        String getRequestKey() {
            return requestKey;
        }

        void setRequestKey(String requestKey) {
            this.requestKey = requestKey;
        }

        String getRequestFingerprint() {
            return requestFingerprint;
        }

        void setRequestFingerprint(String requestFingerprint) {
            this.requestFingerprint = requestFingerprint;
        }

        String getRideId() {
            return rideId;
        }

        void setRideId(String rideId) {
            this.rideId = rideId;
        }

        String getEta() {
            return eta;
        }

        void setEta(String eta) {
            this.eta = eta;
        }
    }

    /**
     * One per rider, beside the idempotency records in {@code RideRequests} (their keys are 64 hex
     * digits; a rider's starts with {@value #RIDER_KEY_PREFIX}): the request times of the rider's rides
     * that were still busy at their latest booking, and a version that each booking's transaction
     * checks and raises, so racing bookings of one rider cannot both pass the limit.
     */
    static final class RiderItem {
        private String requestKey;
        private List<String> requestTimes;
        private Long version;

        String getRequestKey() {
            return requestKey;
        }

        void setRequestKey(String requestKey) {
            this.requestKey = requestKey;
        }

        List<String> getRequestTimes() {
            return requestTimes;
        }

        void setRequestTimes(List<String> requestTimes) {
            this.requestTimes = requestTimes;
        }

        Long getVersion() {
            return version;
        }

        void setVersion(Long version) {
            this.version = version;
        }
    }

    static final String RIDER_KEY_PREFIX = "rider#";

    static final TableSchema<UnicornItem> UNICORN = StaticTableSchema.builder(UnicornItem.class)
            .newItemSupplier(UnicornItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("Name").getter(UnicornItem::getName).setter(UnicornItem::setName))
            .addAttribute(
                    String.class,
                    a -> a.name("Color").getter(UnicornItem::getColor).setter(UnicornItem::setColor))
            .addAttribute(
                    String.class,
                    a -> a.name("Gender").getter(UnicornItem::getGender).setter(UnicornItem::setGender))
            .build();

    static final TableSchema<RideItem> RIDE = StaticTableSchema.builder(RideItem.class)
            .newItemSupplier(RideItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("RideId")
                            .getter(RideItem::getRideId)
                            .setter(RideItem::setRideId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class, a -> a.name("User").getter(RideItem::getUser).setter(RideItem::setUser))
            .addAttribute(
                    EnhancedType.documentOf(UnicornItem.class, UNICORN),
                    a -> a.name("Unicorn").getter(RideItem::getUnicorn).setter(RideItem::setUnicorn))
            .addAttribute(
                    String.class,
                    a -> a.name("UnicornName")
                            .getter(RideItem::getUnicornName)
                            .setter(RideItem::setUnicornName)
                            .tags(secondaryPartitionKey(BY_UNICORN_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name("RequestTime")
                            .getter(RideItem::getRequestTime)
                            .setter(RideItem::setRequestTime)
                            .tags(secondarySortKey(BY_UNICORN_INDEX)))
            .build();

    static final TableSchema<RideRequestItem> RIDE_REQUEST = StaticTableSchema.builder(RideRequestItem.class)
            .newItemSupplier(RideRequestItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("RequestKey")
                            .getter(RideRequestItem::getRequestKey)
                            .setter(RideRequestItem::setRequestKey)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("RequestFingerprint")
                            .getter(RideRequestItem::getRequestFingerprint)
                            .setter(RideRequestItem::setRequestFingerprint))
            .addAttribute(
                    String.class,
                    a -> a.name("RideId").getter(RideRequestItem::getRideId).setter(RideRequestItem::setRideId))
            .addAttribute(
                    String.class,
                    a -> a.name("Eta").getter(RideRequestItem::getEta).setter(RideRequestItem::setEta))
            .build();

    static final TableSchema<RiderItem> RIDER = StaticTableSchema.builder(RiderItem.class)
            .newItemSupplier(RiderItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("RequestKey")
                            .getter(RiderItem::getRequestKey)
                            .setter(RiderItem::setRequestKey)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    EnhancedType.listOf(String.class),
                    a -> a.name("RequestTimes")
                            .getter(RiderItem::getRequestTimes)
                            .setter(RiderItem::setRequestTimes))
            .addAttribute(
                    Long.class,
                    a -> a.name("Version").getter(RiderItem::getVersion).setter(RiderItem::setVersion))
            .build();

    private RideItems() {}

    /** The key of the rider's item: the exact name digested, so any name fits and none looks like another's. */
    static String riderKey(String rider) {
        return RIDER_KEY_PREFIX + sha256Hex(rider);
    }

    /**
     * A transaction's client request token (at most 36 characters): the ride's id digested, which is
     * random, and the transaction's number in this process, so that the same ride tried again is a new
     * transaction. No {@code UUID.randomUUID()}, the SDK's default: drawn while SnapStart priming
     * books, its generator would be in the snapshot, shared by every restored copy.
     */
    static String transactionToken(Ride ride, long number) {
        return sha256Hex(ride.rideId()).substring(0, 22) + "-" + Long.toString(number, 36);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The request times of the rider's rides at or after {@code since}, oldest first; none without an item. */
    static List<Instant> requestTimesSince(RiderItem rider, Instant since) {
        if (rider == null || rider.getRequestTimes() == null) {
            return List.of();
        }
        return rider.getRequestTimes().stream()
                .map(Instant::parse)
                .filter(time -> !time.isBefore(since))
                .sorted()
                .toList();
    }

    /** The rider's item after booking {@code ride}: the times still held, this ride's, and the next version. */
    static RiderItem afterBooking(RiderItem before, String riderKey, List<Instant> held, Ride ride) {
        List<String> times = new ArrayList<>();
        held.forEach(time -> times.add(Ride.formatRequestTime(time)));
        times.add(ride.requestTimeText());
        RiderItem after = new RiderItem();
        after.setRequestKey(riderKey);
        after.setRequestTimes(times);
        after.setVersion(before == null ? 1 : before.getVersion() + 1);
        return after;
    }

    /** The ride's item as {@link #RIDE} maps it, built directly: the attribute map a booking writes. */
    static Map<String, AttributeValue> rideAttributes(Ride ride) {
        Unicorn unicorn = ride.unicorn();
        return Map.of(
                "RideId", AttributeValue.fromS(ride.rideId()),
                "User", AttributeValue.fromS(ride.rider()),
                "Unicorn",
                        AttributeValue.fromM(Map.of(
                                "Name", AttributeValue.fromS(unicorn.name()),
                                "Color", AttributeValue.fromS(unicorn.color()),
                                "Gender", AttributeValue.fromS(unicorn.gender()))),
                "UnicornName", AttributeValue.fromS(unicorn.name()),
                "RequestTime", AttributeValue.fromS(ride.requestTimeText()));
    }

    /** The idempotency record as {@link #RIDE_REQUEST} maps it, built directly. */
    static Map<String, AttributeValue> requestAttributes(KeyedBooking booking) {
        return Map.of(
                "RequestKey", AttributeValue.fromS(booking.requestKey()),
                "RequestFingerprint", AttributeValue.fromS(booking.requestFingerprint()),
                "RideId", AttributeValue.fromS(booking.booking().ride().rideId()),
                "Eta", AttributeValue.fromS(booking.booking().eta()));
    }

    static Ride toRide(RideItem item) {
        UnicornItem unicorn = item.getUnicorn();
        return new Ride(
                item.getRideId(),
                item.getUser(),
                new Unicorn(unicorn.getName(), unicorn.getColor(), unicorn.getGender()),
                Instant.parse(item.getRequestTime()));
    }

    static KeyedBooking toBooking(RideRequestItem item, Ride ride) {
        return new KeyedBooking(
                item.getRequestKey(), item.getRequestFingerprint(), new RideBooking(ride, item.getEta()));
    }
}
