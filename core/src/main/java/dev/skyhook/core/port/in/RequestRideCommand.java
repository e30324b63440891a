package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.Coordinates;
import java.util.Objects;
import java.util.Optional;

/**
 * A rider asks for a unicorn at a pickup location. Refuses what the original crashed on: a latitude
 * outside -90..90, a longitude outside -180..180, NaN or infinity. Field names are the Wild Rydes
 * client's ({@code PickupLocation.Latitude}), so a refusal points at what that client sent.
 *
 * @param rider who rides: the user name the host authenticated, never taken from the body
 * @param idempotencyKey the client's {@code Idempotency-Key}: a retry with the same key gets the
 *     same ride; 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters
 */
public record RequestRideCommand(String rider, double latitude, double longitude, Optional<String> idempotencyKey) {
    public static final String LATITUDE = "PickupLocation.Latitude";
    public static final String LONGITUDE = "PickupLocation.Longitude";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    public static final String LATITUDE_RANGE = LATITUDE + " must be a number from -90 to 90";
    public static final String LONGITUDE_RANGE = LONGITUDE + " must be a number from -180 to 180";

    public RequestRideCommand {
        Objects.requireNonNull(rider, "rider");
        if (rider.isBlank()) {
            throw new IllegalArgumentException("the host must establish a rider before booking");
        }
        if (!Coordinates.isLatitude(latitude)) {
            throw DomainException.invalid(LATITUDE, LATITUDE_RANGE);
        }
        if (!Coordinates.isLongitude(longitude)) {
            throw DomainException.invalid(LONGITUDE, LONGITUDE_RANGE);
        }
        idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(RequestRideCommand::checkIdempotencyKey);
    }

    public Coordinates pickup() {
        return new Coordinates(latitude, longitude);
    }

    private static void checkIdempotencyKey(String key) {
        if (key.isEmpty()
                || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw DomainException.invalid(
                    IDEMPOTENCY_KEY,
                    IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                            + " visible ASCII characters (a UUID is a good choice)");
        }
    }
}
