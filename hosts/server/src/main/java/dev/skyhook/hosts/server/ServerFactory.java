package dev.skyhook.hosts.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.local.files.OwnerOnlyFiles;
import dev.skyhook.adapters.local.signing.SigningSecrets;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.hosts.api.apikeys.ApiKeys;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.assembly.Assembly;
import dev.skyhook.hosts.assembly.LocalAdapters;
import dev.skyhook.hosts.assembly.RouteTable;
import dev.skyhook.hosts.localblobs.BlobRoutes;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's composition root: the {@link Assembly} on {@link LocalAdapters}, with what only this
 * server adds around it (API keys with a demo key, upload slots, the blob and signed-URL routes, demo
 * tokens and the demo page). Micronaut only holds the result and closes the stores on shutdown.
 */
@Factory
class ServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ServerFactory.class);
    /** Properties under this prefix stand for variables of the same name, over the environment's (tests, {@code -D} options). */
    static final String VARIABLES = "skyhook.env";

    /**
     * The settings from the process environment, with any {@value #VARIABLES}{@code .NAME} property over it; and the spool
     * directory ready, {@code rwx------}.
     */
    @Singleton
    ServerSettings settings(Environment environment) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        environment
                .getProperties(VARIABLES, StringConvention.RAW)
                .forEach((name, value) -> variables.put(name, String.valueOf(value)));
        int port = environment
                .get("micronaut.server.port", Integer.class)
                .filter(p -> p > 0)
                .orElse(8080);
        return ServerSettings.of(variables, port, environment.get("micronaut.server.host", String.class));
    }

    /** The stores, opened on first use (the data directory prepared first) and closed on shutdown. */
    @Singleton
    @Bean(preDestroy = "close")
    LocalAdapters adapters(ServerSettings settings) {
        LocalAdapters adapters = new LocalAdapters(settings.app(), settings.local());
        try {
            OwnerOnlyFiles.directory(settings.spoolDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare the data directory "
                            + settings.dataDirectory().toAbsolutePath(),
                    e);
        }
        return adapters;
    }

    /** The users' and rides' database; {@link LocalAdapters} closes it. */
    @Singleton
    HikariDataSource dataSource(LocalAdapters adapters) {
        return adapters.database();
    }

    @Singleton
    AccessLog accessLog() {
        return AccessLog.toStandardOutput();
    }

    @Singleton
    UserTokens userTokens(ServerSettings settings) {
        return UserTokens.fromSettings(settings.local().jwtSecret(), settings.dataDirectory());
    }

    /** Built at start (not on the first request) so a broken database or migration fails fast. */
    @Context
    HttpApi httpApi(ServerSettings settings, LocalAdapters adapters, AccessLog accessLog, UserTokens tokens) {
        Assembly app = new Assembly(
                settings.app(), adapters, Assembly.Options.defaults().withUploadSpool(settings.spoolDirectory()));
        RouteTable routes = app.routes();
        logRenderBudget(app);
        if (settings.imageUrlSigning()) {
            LOG.info("Image URLs (/img) must be signed (IMAGE_URL_SIGNING=on)");
        }
        Optional<String> demoKey = demoApiKey(settings);
        ApiKeys keys = new ApiKeys(ApiKeys.parse(apiKeys(settings, demoKey)), Clock.systemUTC());
        List<Route> blobRoutes = adapters.localVerifier()
                .map(verifier -> new BlobRoutes(
                                adapters.blobs(),
                                verifier,
                                app.imageUploads(),
                                app.uploadPolicy()::isPublic,
                                Clock.systemUTC())
                        .routes())
                .orElse(List.of()); // on S3, S3 serves objects and checks its own signatures
        UploadSlots uploadSlots = new UploadSlots(settings.bodies().concurrentUploads());
        return new HttpApi(
                HttpApi.concat(
                        routes.greeting(),
                        routes.users(),
                        uploadSlots.guard(keys.guard(routes.images())),
                        routes.imageVariants(),
                        uploadSlots.guard(blobRoutes),
                        routes.rides(),
                        uploadSlots.guard(routes.files()),
                        demoTokens(settings, tokens),
                        demoPage(settings, demoKey),
                        new ApiDescriptionRoutes().routes(),
                        routes.health()),
                accessLog);
    }

    private static void logRenderBudget(Assembly app) {
        RenderBudget budget = app.renderBudget();
        long worstCase = app.imageCodec()
                .worstCaseHeapBytes(
                        app.uploadPolicy().maxPixels(), app.uploadPolicy().maxDirectUploadBytes());
        long maxHeap = Runtime.getRuntime().maxMemory();
        LOG.info(
                "Image renders: {} at a time (worst case {} MiB of heap each, max heap {} MiB), {} ms wait, {} ms deadline",
                budget.limits().permits(),
                worstCase >> 20,
                maxHeap >> 20,
                budget.limits().queueWait().toMillis(),
                budget.limits().deadline().toMillis());
        if (maxHeap < worstCase + RenderLimits.RESERVED_HEAP_BYTES) {
            LOG.warn(
                    "The heap ({} MiB) is smaller than one worst-case image render needs; images near the pixel limit may fail."
                            + " Give the JVM -Xmx{}m or more",
                    maxHeap >> 20,
                    (worstCase + RenderLimits.RESERVED_HEAP_BYTES >> 20) + 1);
        }
    }

    private static List<Route> demoTokens(ServerSettings settings, UserTokens tokens) {
        if (settings.demoTokensServed()) {
            LOG.info(
                    "Demo user tokens, for callers on this machine: curl -X POST localhost:<port>/auth/demo-token"
                            + " -H 'Content-Type: application/json' -d '{\"username\":\"the_username\"}' (DEMO_TOKENS=false turns this off)");
            return new DemoTokenRoutes(tokens).routes();
        }
        if (settings.local().demoTokens()) {
            LOG.info(
                    "Demo user tokens are off: JWT_SECRET or API_KEYS is set, so this server is configured for real users");
        }
        return List.of();
    }

    /** The page at {@code /} that tries every flow in a browser; the local server's, so off on Lambda. */
    private static List<Route> demoPage(ServerSettings settings, Optional<String> demoKey) {
        if (!settings.local().demoPage()) {
            return List.of();
        }
        LOG.info("Demo page: {}/ (DEMO_PAGE=false turns it off)", settings.baseUrl());
        DemoPageRoutes.Session session = new DemoPageRoutes.Session(
                demoKey,
                !settings.apiKeys().isEmpty(),
                settings.demoTokensServed(),
                settings.publicBaseUrl().toString(),
                List.copyOf(settings.allowedPaths().folders()),
                settings.imageUrlSigning());
        return new DemoPageRoutes(session).routes();
    }

    /** {@code API_KEYS} unset: one demo key, kept in the data directory so it survives restarts. */
    private static Optional<String> demoApiKey(ServerSettings settings) {
        if (!settings.apiKeys().equals(ServerSettings.DEMO_KEYS)) {
            return Optional.empty();
        }
        String demoKey = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(SigningSecrets.configuredOrKept(
                        null, settings.dataDirectory().resolve("demo-api-key")));
        LOG.info(
                "Uploads need the header x-api-key: {} (a demo key on the 'demo' plan; set API_KEYS to choose keys, or API_KEYS= to turn them off)",
                demoKey);
        return Optional.of(demoKey);
    }

    /** The configured keys, or the demo key on the demo plan. */
    private static String apiKeys(ServerSettings settings, Optional<String> demoKey) {
        if (demoKey.isPresent()) {
            return demoKey.get() + "=demo";
        }
        if (settings.apiKeys().isEmpty()) {
            LOG.info("API keys are off (API_KEYS is empty): uploads need no x-api-key");
        }
        return settings.apiKeys();
    }
}
