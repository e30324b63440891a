package dev.skyhook.core.model;

/** A point on Earth in decimal degrees (WGS 84), as the Wild Rydes client sends a pickup location. */
public record Coordinates(double latitude, double longitude) {
    public static final double MAX_LATITUDE = 90;
    public static final double MAX_LONGITUDE = 180;

    public Coordinates {
        if (!isLatitude(latitude) || !isLongitude(longitude)) {
            throw new IllegalArgumentException("not a position on Earth: " + latitude + ", " + longitude);
        }
    }

    public static boolean isLatitude(double value) {
        return value >= -MAX_LATITUDE && value <= MAX_LATITUDE;
    }

    public static boolean isLongitude(double value) {
        return value >= -MAX_LONGITUDE && value <= MAX_LONGITUDE;
    }
}
