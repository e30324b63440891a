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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The API's routes by family, each built (with the services behind it) on first use. A Lambda
 * function serves one family or {@link #open()} plus {@link #images()}; the local server and the test
 * host serve them all, with their own guards around the key-guarded ones.
 */
public final class RouteTable {
    private final Assembly app;
    // Built on first use under this object's lock: plain fields, no lambda bootstraps in a cold start.
    private List<Route> greeting;
    private List<Route> users;
    private List<Route> rides;
    private List<Route> files;
    private List<Route> images;
    private List<Route> imageVariants;
    private List<Route> health;

    RouteTable(Assembly app) {
        this.app = app;
    }

    /** {@code GET /hello}. */
    public synchronized List<Route> greeting() {
        if (greeting == null) {
            greeting = new GreetingRoutes().routes();
        }
        return greeting;
    }

    /** {@code GET /users}, {@code GET /users/{id}}, {@code POST /users}. */
    public synchronized List<Route> users() {
        if (users == null) {
            users = new UserRoutes(app.users()).routes();
        }
        return users;
    }

    /** {@code POST /ride}, {@code GET /ride/{id}} and their CORS preflight. */
    public synchronized List<Route> rides() {
        if (rides == null) {
            rides = new RideRoutes(app.rides()).routes();
        }
        return rides;
    }

    /** {@code POST /files}, {@code GET /files?filename=}; uploads spool to the host's directory, or the temporary one. */
    public synchronized List<Route> files() {
        if (files == null) {
            Optional<Path> spool = app.options().uploadSpool();
            files = (spool.isPresent()
                            ? new FileRoutes(
                                    app.files(), FileRoutes.DEFAULT_MAX_FILE_BYTES, FileRoutes.openSpool(spool.get()))
                            : new FileRoutes(app.files(), FileRoutes.DEFAULT_MAX_FILE_BYTES))
                    .routes();
        }
        return files;
    }

    /** {@code POST /images/{path}} and {@code POST /uploads}: the routes that need an API key. */
    public synchronized List<Route> images() {
        if (images == null) {
            images = new ImageRoutes(
                            app.options().instruments().imageUploads(app.imageUploads()),
                            app.imageUploads(),
                            app.uploadPolicy())
                    .routes();
        }
        return images;
    }

    /** {@code GET /img/{key}}: public, like the images themselves. */
    public synchronized List<Route> imageVariants() {
        if (imageVariants == null) {
            imageVariants = new ImageVariantRoutes(app.imageVariants(), app.imageUrlSigning()).routes();
        }
        return imageVariants;
    }

    /** {@code GET /health}. */
    public synchronized List<Route> health() {
        if (health == null) {
            health = new HealthRoutes(app.adapters().health()).routes();
        }
        return health;
    }

    /** Every route that needs no API key, in the order all hosts serve them. */
    public List<Route> open() {
        return HttpApi.concat(greeting(), users(), imageVariants(), files(), rides(), health());
    }
}
