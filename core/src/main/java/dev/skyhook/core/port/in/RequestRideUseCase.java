package dev.skyhook.core.port.in;

import dev.skyhook.core.model.RideBooking;

public interface RequestRideUseCase {
    /**
     * Books the nearest free unicorn. With an idempotency key, a repeated request gets the booking
     * the first one made; the same key with a different pickup is a {@code CONFLICT}. When the
     * rider already holds as many busy unicorns as one rider may: {@code LIMIT_REACHED}, with the
     * delay until the oldest is free. When every unicorn is busy: {@code NO_CAPACITY}.
     */
    RideBooking request(RequestRideCommand command);
}
