package dev.skyhook.core.policy;

import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.Unicorn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The unicorns that can be assigned to rides. Names are unique: a unicorn is busy or free by name. */
public record Fleet(List<FleetUnicorn> unicorns) {
    public Fleet {
        unicorns = List.copyOf(unicorns);
        if (unicorns.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one unicorn");
        }
        Set<String> names = new HashSet<>();
        for (FleetUnicorn member : unicorns) {
            if (!names.add(member.unicorn().name())) {
                throw new IllegalArgumentException(
                        "two unicorns are named " + member.unicorn().name());
            }
        }
    }

    /**
     * The original's three unicorns, stabled around Seattle where the Wild Rydes workshop's test
     * rider waits (47.6175, -122.2884): Shadowfax is about 590 m from there, 30 seconds away.
     */
    public static Fleet wildRydes() {
        return new Fleet(List.of(
                new FleetUnicorn(new Unicorn("Bucephalus", "Golden", "Male"), new Coordinates(47.6062, -122.3321), 15),
                new FleetUnicorn(new Unicorn("Shadowfax", "White", "Male"), new Coordinates(47.6228, -122.2884), 20),
                new FleetUnicorn(
                        new Unicorn("Rocinante", "Yellow", "Female"), new Coordinates(47.6553, -122.3035), 12)));
    }
}
