package dev.skyhook.hosts.server;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.images.ImageSettings;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the server runs on: the application's {@link Settings} and the server's own, both parsed by
 * {@link Settings} from the server's variables, and the objects the server builds from them.
 *
 * @param app the application's settings, as on every host
 * @param local the settings only this server reads (data directory, demo conveniences, slow clients)
 * @param bodies {@code BODY_TIMEOUT_SECONDS}, {@code BODY_MIN_BYTES_PER_SECOND}, {@code MAX_CONCURRENT_UPLOADS}
 * @param allowedHosts the {@code Host} names served: loopback, {@code SERVER_HOST} and {@code ALLOWED_HOSTS}
 */
public record ServerSettings(
        Settings app, Settings.LocalServer local, RequestBodyLimits bodies, AllowedHosts allowedHosts) {
    /** What {@code API_KEYS} is when unset: one demo key, generated once and printed at start. */
    static final String DEMO_KEYS = "demo";

    /** {@code port}: where the server listens; {@code bindHost}: {@code SERVER_HOST}, the address it listens on. */
    static ServerSettings of(Map<String, String> variables, int port, Optional<String> bindHost) {
        Settings.LocalServer local = Settings.localServer(variables, port);
        RequestBodyLimits bodies = new RequestBodyLimits(
                local.bodyTimeout().orElse(RequestBodyLimits.DEFAULT_TIMEOUT),
                local.minBodyBytesPerSecond().orElse(RequestBodyLimits.DEFAULT_MIN_BYTES_PER_SECOND),
                local.concurrentUploads().orElseGet(RequestBodyLimits::defaultConcurrentUploads));
        return new ServerSettings(
                Settings.fromVariables(variables), local, bodies, AllowedHosts.parse(local.allowedHosts(), bindHost));
    }

    /**
     * Demo tokens let anyone on this machine sign in as anyone: a convenience for a demo, never for a server
     * configured for real use. {@code JWT_SECRET} (tokens from a real issuer) or keys in {@code API_KEYS} turn them off;
     * the generated demo key and {@code API_KEYS=} (keys off) leave them on.
     */
    public boolean demoTokensServed() {
        return local.demoTokens()
                && local.jwtSecret().isEmpty()
                && (apiKeys().isEmpty() || apiKeys().equals(DEMO_KEYS));
    }

    /** {@code API_KEYS}: {@code key=plan,...}; empty turns keys off; unset, {@value #DEMO_KEYS} keeps a demo key. */
    public String apiKeys() {
        return app.apiKeys().orElse(DEMO_KEYS);
    }

    public Path dataDirectory() {
        return local.dataDirectory();
    }

    /** Where {@code POST /files} spools uploads as they arrive; emptied at start, so a crash leaves nothing behind. */
    public Path spoolDirectory() {
        return local.dataDirectory().resolve("spool");
    }

    public URI baseUrl() {
        return local.baseUrl();
    }

    public URI publicBaseUrl() {
        return local.publicBaseUrl();
    }

    public Optional<MySqlSettings> mySql() {
        return app.mySql();
    }

    public boolean migrateMySql() {
        return local.migrateMySql();
    }

    public AllowedPaths allowedPaths() {
        return app.allowedPaths();
    }

    public RideSettings rides() {
        return app.rides();
    }

    public FileSettings files() {
        return app.files();
    }

    public ImageVariantPolicy imageVariants() {
        return app.imageVariants();
    }

    public boolean imageUrlSigning() {
        return app.imageUrlSigning();
    }

    public ImageSettings images() {
        return app.images();
    }
}
