package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many uploads the server handles at once. An upload holds a thread while its body
 * arrives (and an image upload its body in memory), so without a bound many slow uploads took as
 * many threads and descriptors. Beyond the bound a request is refused at once, before a byte of its
 * body is read: 503 with {@code Retry-After}, in the route's own error shape, and the connection is
 * closed so its unread body is not waited for.
 */
final class UploadSlots {
    /** Methods that carry the body of an upload. */
    private static final Set<String> UPLOAD_METHODS = Set.of("POST", "PUT");

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore slots;
    private final int size;

    UploadSlots(int size) {
        this.slots = new Semaphore(size);
        this.size = size;
    }

    /** The same routes, those that take an upload each needing a free slot while they run. */
    List<Route> guard(List<Route> routes) {
        return routes.stream()
                .map(route -> !UPLOAD_METHODS.contains(route.method())
                        ? route
                        : new Route(
                                route.method(),
                                route.path(),
                                (request, path) -> {
                                    if (!slots.tryAcquire()) {
                                        throw new HttpError(
                                                503,
                                                "The server is handling " + size
                                                        + " uploads already; try again shortly",
                                                null,
                                                Headers.builder()
                                                        .add("Retry-After", RETRY_AFTER_SECONDS)
                                                        .add("Connection", "close")
                                                        .build());
                                    }
                                    try {
                                        return route.endpoint().handle(request, path);
                                    } finally {
                                        slots.release();
                                    }
                                },
                                route.family()))
                .toList();
    }
}
