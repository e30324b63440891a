package dev.skyhook.core.model;

import java.util.Objects;

/** A ride as its booking answered it: the ride and the estimate of the unicorn's arrival then. */
public record RideBooking(Ride ride, String eta) {
    public RideBooking {
        Objects.requireNonNull(ride, "ride");
        Objects.requireNonNull(eta, "eta");
    }
}
