package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.Unicorn;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The attribute maps a booking writes are read back by the schemas every read uses. */
class RideItemsTest {
    private static final Ride RIDE = new Ride(
            "AAAAAAAAAAAAAAAAAAAAAw",
            "rider \u00e9 \"quoted\"",
            new Unicorn("Rocinante", "Yellow", "Female"),
            Instant.parse("2026-11-22T05:02:03.456789Z"));

    @Test
    void aRidesAttributesReadBackAsTheRideToTheMillisecond() {
        Ride read = RideItems.toRide(RideItems.RIDE.mapToItem(RideItems.rideAttributes(RIDE)));

        assertThat(read)
                .isEqualTo(new Ride(
                        RIDE.rideId(), RIDE.rider(), RIDE.unicorn(), Instant.parse("2026-11-22T05:02:03.456Z")));
        assertThat(RideItems.RIDE.itemToMap(RideItems.RIDE.mapToItem(RideItems.rideAttributes(RIDE)), true))
                .as("what the schema would write")
                .isEqualTo(RideItems.rideAttributes(RIDE));
    }

    @Test
    void anIdempotencyRecordsAttributesReadBackAsTheBooking() {
        KeyedBooking booking = new KeyedBooking("a".repeat(64), "b".repeat(64), new RideBooking(RIDE, "30 seconds"));

        RideItems.RideRequestItem read = RideItems.RIDE_REQUEST.mapToItem(RideItems.requestAttributes(booking));

        assertThat(RideItems.toBooking(read, RIDE)).isEqualTo(booking);
        assertThat(read.getRideId()).isEqualTo(RIDE.rideId());
        assertThat(RideItems.RIDE_REQUEST.itemToMap(read, true)).isEqualTo(RideItems.requestAttributes(booking));
    }

    @Test
    void aTransactionTokenFitsDynamoDbsLimitAndIsNewForEachTransactionOfARide() {
        String first = RideItems.transactionToken(RIDE, 1);

        assertThat(first).hasSizeLessThanOrEqualTo(36).matches("[0-9a-f]{22}-1");
        assertThat(RideItems.transactionToken(RIDE, Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(36);
        assertThat(RideItems.transactionToken(RIDE, 2)).isNotEqualTo(first);
        assertThat(RideItems.transactionToken(
                        new Ride("AAAAAAAAAAAAAAAAAAAABA", RIDE.rider(), RIDE.unicorn(), RIDE.requestTime()), 1))
                .isNotEqualTo(first);
    }
}
