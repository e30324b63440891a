package dev.skyhook.core.port.in;

import dev.skyhook.core.model.Ride;

public interface GetRideUseCase {
    /** The ride with this id if {@code rider} booked it; {@code NOT_FOUND} otherwise (also for someone else's). */
    Ride get(String rider, String rideId);
}
