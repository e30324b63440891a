package dev.skyhook.hosts.testhost.acceptance;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One row of the hostile-input catalogue ({@link HostileRequests}): a request no host may accept,
 * the status it must get, what the error must say, and on which hosts it cannot be sent (with why).
 * Every row must leave every store as it was.
 *
 * @param request built just before it is sent, from what {@link Fixtures} stored beforehand
 * @param field the input the error must name, if the family's shape names one
 * @param saying a fragment the error message must contain
 * @param notOn hosts that cannot see this request, each with the reason
 */
public record HostileRequest(
        String name,
        Family family,
        Function<Fixtures, HostRequest> request,
        int status,
        Optional<String> field,
        Optional<String> saying,
        ErrorShape shape,
        Map<AcceptanceHost, String> notOn) {
    public HostileRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(request, "request");
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException(name + ": a hostile request is refused with a 4xx, not " + status);
        }
        notOn = Map.copyOf(notOn);
    }

    static HostileRequest of(Family family, String name, int status, Function<Fixtures, HostRequest> request) {
        return new HostileRequest(
                name, family, request, status, Optional.empty(), Optional.empty(), family.shape(), Map.of());
    }

    /** The error must name this input ({@code field}, or {@code Field} for rides). */
    HostileRequest naming(String input) {
        return new HostileRequest(name, family, request, status, Optional.of(input), saying, shape, notOn);
    }

    /** The error message must contain this fragment. */
    HostileRequest saying(String fragment) {
        return new HostileRequest(name, family, request, status, field, Optional.of(fragment), shape, notOn);
    }

    /** Answered in another shape than the family's (API keys answer as API Gateway does). */
    HostileRequest inShape(ErrorShape other) {
        return new HostileRequest(name, family, request, status, field, saying, other, notOn);
    }

    /** These hosts cannot be sent this request at all; {@code reason} says why. */
    HostileRequest notOn(String reason, AcceptanceHost... hosts) {
        Map<AcceptanceHost, String> more = new EnumMap<>(AcceptanceHost.class);
        more.putAll(notOn);
        for (AcceptanceHost host : hosts) {
            more.put(host, reason);
        }
        return new HostileRequest(name, family, request, status, field, saying, shape, more);
    }

    @Override
    public String toString() {
        return family.label() + ": " + name;
    }

    /** Where a host under test stands, for rows a host cannot be sent. */
    public enum AcceptanceHost {
        TEST_HOST,
        LAMBDA_REST_API,
        LAMBDA_HTTP_API,
        SERVER
    }

    /** What a row's family would have written had the request been accepted. */
    public enum Store {
        USERS,
        RIDES,
        BLOBS
    }

    /** The endpoint families, with the error shape their clients read and the store each writes. */
    public enum Family {
        HELLO("GET /hello", ErrorShape.ERROR_FIELD),
        HEALTH("GET /health", ErrorShape.ERROR_FIELD),
        ROUTING("unknown routes and methods", ErrorShape.ERROR_FIELD),
        HEADERS("HTTP framing and headers", ErrorShape.ERROR_FIELD),
        USERS("/users", ErrorShape.ERROR_FIELD, Store.USERS),
        IMAGES("POST /images/{path}", ErrorShape.STATUS_DATA, Store.BLOBS),
        UPLOADS("POST /uploads", ErrorShape.STATUS_DATA, Store.BLOBS),
        SIGNED("/signed/{key}", ErrorShape.ERROR_FIELD, Store.BLOBS),
        BLOBS("GET /blobs/{key}", ErrorShape.ERROR_FIELD),
        FILES("/files", ErrorShape.ERROR_FIELD, Store.BLOBS),
        IMG("GET /img/{key}", ErrorShape.ERROR_FIELD, Store.BLOBS),
        RIDES("/ride", ErrorShape.WILD_RYDES, Store.RIDES),
        AUTH("POST /auth/demo-token", ErrorShape.ERROR_FIELD);

        private final String label;
        private final ErrorShape shape;
        private final Store[] writes;

        Family(String label, ErrorShape shape, Store... writes) {
            this.label = label;
            this.shape = shape;
            this.writes = writes;
        }

        public String label() {
            return label;
        }

        public ErrorShape shape() {
            return shape;
        }

        /** The stores a request of this family writes when accepted (every row checks all of them anyway). */
        public java.util.List<Store> writes() {
            return java.util.List.of(writes);
        }
    }

    /** How an error body is written; each family keeps the shape its original function's clients read. */
    public enum ErrorShape {
        /** {@code {"error": message, "field": input}}: users, files, health, routing, image delivery. */
        ERROR_FIELD,
        /** {@code {"statusCode": status, "data": message}}: the original upload API's shape. */
        STATUS_DATA,
        /** {@code {"Error": message, "Field": input, "Reference": request id}} with CORS: the Wild Rydes shape. */
        WILD_RYDES,
        /** {@code {"message": "Forbidden"}}: API keys refused as API Gateway refuses them. */
        API_GATEWAY
    }

    /**
     * What some rows need stored first (through the API, before the stores are counted): an image
     * to ask variants of, a file to sign or to reach as someone else, a signed upload to tamper with, a booked ride.
     */
    public interface Fixtures {
        /** Uploads {@code content} to {@code post/} and answers its key. */
        String uploadedImage(String filename, byte[] content);

        /** Uploads a small file under {@code name} for a new user and answers the signed download URL's path and query. */
        String signedDownload(String name);

        /** Uploads {@code content} to {@code POST /files} under {@code name} as the signed-in {@code user}. */
        void uploadedFile(String user, String name, byte[] content);

        /** Asks for a signed PUT of a PNG of {@code size} bytes; answers the URL's path and query. */
        String signedUpload(String contentType, long size);

        /** Books a ride for {@code rider} with {@code idempotencyKey} and answers the ride id. */
        String bookedRide(String rider, String idempotencyKey);
    }
}
