package dev.skyhook.hosts.assembly;

import dev.skyhook.hosts.api.files.FileRoutes;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.images.ImageRoutes;
import dev.skyhook.hosts.api.images.ImageVariantRoutes;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.users.UserRoutes;
import java.util.List;

/**
 * The API's routes by family, each built (with the services behind it) on first use. A Lambda
 * function serves one family or {@link #open()} plus {@link #images()}; the local server and the test
 * host serve them all, with their own guards around the key-guarded ones.
 */
public final class RouteTable {
    private final Lazy<List<Route>> greeting;
    private final Lazy<List<Route>> users;
    private final Lazy<List<Route>> rides;
    private final Lazy<List<Route>> files;
    private final Lazy<List<Route>> images;
    private final Lazy<List<Route>> imageVariants;
    private final Lazy<List<Route>> health;

    RouteTable(Assembly app) {
        this.greeting = Lazy.of(() -> new GreetingRoutes().routes());
        this.users = Lazy.of(() -> new UserRoutes(app.users()).routes());
        this.rides = Lazy.of(() -> new RideRoutes(app.rides()).routes());
        this.files = Lazy.of(() -> app.options().uploadSpool()
            .map(spool -> new FileRoutes(app.files(), FileRoutes.DEFAULT_MAX_FILE_BYTES, FileRoutes.openSpool(spool)))
            .orElseGet(() -> new FileRoutes(app.files(), FileRoutes.DEFAULT_MAX_FILE_BYTES)).routes());
        this.images = Lazy.of(() -> new ImageRoutes(app.options().instruments().imageUploads(app.imageUploads()), app.imageUploads(),
            app.uploadPolicy()).routes());
        this.imageVariants = Lazy.of(() -> new ImageVariantRoutes(app.imageVariants(), app.imageUrlSigning()).routes());
        this.health = Lazy.of(() -> new HealthRoutes(app.adapters().health()).routes());
    }

    /** {@code GET /hello}. */
    public List<Route> greeting() {
        return greeting.get();
    }

    /** {@code GET /users}, {@code GET /users/{id}}, {@code POST /users}. */
    public List<Route> users() {
        return users.get();
    }

    /** {@code POST /ride}, {@code GET /ride/{id}} and their CORS preflight. */
    public List<Route> rides() {
        return rides.get();
    }

    /** {@code POST /files}, {@code GET /files?filename=}. */
    public List<Route> files() {
        return files.get();
    }

    /** {@code POST /images/{path}} and {@code POST /uploads}: the routes that need an API key. */
    public List<Route> images() {
        return images.get();
    }

    /** {@code GET /img/{key}}: public, like the images themselves. */
    public List<Route> imageVariants() {
        return imageVariants.get();
    }

    /** {@code GET /health}. */
    public List<Route> health() {
        return health.get();
    }

    /** Every route that needs no API key, in the order all hosts serve them. */
    public List<Route> open() {
        return HttpApi.concat(greeting(), users(), imageVariants(), files(), rides(), health());
    }
}
