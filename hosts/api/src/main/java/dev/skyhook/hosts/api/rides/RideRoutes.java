package dev.skyhook.hosts.api.rides;

import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.port.in.RequestRideCommand;
import dev.skyhook.core.service.RideService;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Bodies;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.JsonObject;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /ride} as the Wild Rydes {@code requestUnicorn.js} answered it, the rider's
 * {@code GET /ride/{id}}, and the CORS preflight of both. The rider is who the host
 * authenticated; the body only says where to pick them up.
 */
public final class RideRoutes {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final RouteFamily ERRORS = RouteFamily.RIDES;
    private static final String LOCATION = "PickupLocation";

    private final RideService rides;

    public RideRoutes(RideService rides) {
        this.rides = rides;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/ride", ERRORS, (request, path) -> requestRide(request)),
                Route.of("OPTIONS", "/ride", ERRORS, (request, path) -> preflight("POST, OPTIONS")),
                Route.of("GET", "/ride/{id}", ERRORS, (request, path) -> getRide(request, path.get("id"))),
                Route.of("OPTIONS", "/ride/{id}", ERRORS, (request, path) -> preflight("GET, HEAD, OPTIONS")));
    }

    private ApiResponse requestRide(ApiRequest http) {
        String rider = rider(http);
        Bodies.requireJson(http, MAX_BODY_BYTES);
        JsonObject body = JsonObject.parse(http.body(), Set.of(LOCATION));
        JsonObject pickup = body.requiredObject(LOCATION, Set.of("Latitude", "Longitude"));
        RequestRideCommand command = new RequestRideCommand(
                rider,
                pickup.requiredNumber("Latitude", RequestRideCommand.LATITUDE_RANGE),
                pickup.requiredNumber("Longitude", RequestRideCommand.LONGITUDE_RANGE),
                idempotencyKey(http));
        RideBooking booking = rides.request(command);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("RideId", booking.ride().rideId());
        json.put("Unicorn", toJson(booking.ride().unicorn()));
        json.put("UnicornName", booking.ride().unicorn().name());
        json.put("Eta", booking.eta());
        json.put("Rider", booking.ride().rider());
        return withCors(ApiResponse.json(201, json));
    }

    private ApiResponse getRide(ApiRequest http, String rideId) {
        Ride ride = rides.get(rider(http), rideId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("RideId", ride.rideId());
        json.put("Unicorn", toJson(ride.unicorn()));
        json.put("UnicornName", ride.unicorn().name());
        json.put("Rider", ride.rider());
        json.put("RequestTime", ride.requestTimeText());
        return withCors(ApiResponse.json(200, json));
    }

    /** The original answered 500 "Authorization not configured" here; no rider is a 401. */
    private static String rider(ApiRequest http) {
        return http.context().authentication().requiredUsername("rider");
    }

    private static Optional<String> idempotencyKey(ApiRequest http) {
        List<String> keys = http.headers().all(IDEMPOTENCY_HEADER);
        if (keys.size() > 1) {
            throw HttpError.badRequest(IDEMPOTENCY_HEADER, IDEMPOTENCY_HEADER + " must be given once");
        }
        return keys.stream().findFirst();
    }

    private static ApiResponse preflight(String methods) {
        return withCors(new ApiResponse(
                204,
                Headers.builder()
                        .add("Access-Control-Allow-Methods", methods)
                        .add("Access-Control-Allow-Headers", "Authorization, Content-Type, " + IDEMPOTENCY_HEADER)
                        .add("Access-Control-Max-Age", "600")
                        .build(),
                new byte[0]));
    }

    private static ApiResponse withCors(ApiResponse response) {
        return RouteFamily.withCors(response);
    }

    private static Map<String, Object> toJson(Unicorn unicorn) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Name", unicorn.name());
        json.put("Color", unicorn.color());
        json.put("Gender", unicorn.gender());
        return json;
    }
}
