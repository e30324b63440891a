package dev.skyhook.hosts.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.local.jdbc.DatabaseHealth;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.H2Database;
import dev.skyhook.adapters.local.jdbc.JdbcRideRepository;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3BlobUrlSigner;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.s3.S3Settings;
import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.adapters.local.files.OwnerOnlyFiles;
import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.adapters.local.signing.HmacBlobUrlSigner;
import dev.skyhook.adapters.local.signing.HmacImageUrlSigner;
import dev.skyhook.adapters.local.signing.SigningSecrets;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.core.service.FileService;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.hosts.api.images.ImageVariantRoutes;
import dev.skyhook.hosts.api.apikeys.ApiKeys;
import dev.skyhook.hosts.localblobs.BlobRoutes;
import dev.skyhook.hosts.api.files.FileRoutes;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.images.ImageRoutes;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.users.UserRoutes;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that reads configuration and the only place that knows
 * which adapters back the API. Everything is built with {@code new}; Micronaut only holds the
 * result and closes the pool on shutdown.
 */
@Factory
class ServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ServerFactory.class);

    /**
     * The settings, and the data directory ready before anything writes in it: created (or narrowed)
     * {@code rwx------}, so the database, keys, blobs and spooled uploads in it are the owner's alone.
     */
    @Singleton
    ServerSettings settings(Environment environment) {
        ServerSettings settings = ServerSettings.from(environment);
        try {
            OwnerOnlyFiles.directory(settings.dataDirectory());
            OwnerOnlyFiles.directory(settings.spoolDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + settings.dataDirectory().toAbsolutePath(), e);
        }
        return settings;
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(ServerSettings settings) {
        if (settings.mySql().isPresent()) {
            LOG.info("Users in MySQL at {}", settings.mySql().get());
            HikariDataSource pool = MySqlDatabase.pool(settings.mySql().get());
            if (settings.migrateMySql()) {
                migrate(pool);
            }
            return pool;
        }
        LOG.info("Users in the embedded H2 database in {}", settings.dataDirectory().toAbsolutePath().normalize());
        HikariDataSource pool = H2Database.inDirectory(settings.dataDirectory());
        migrate(pool);
        return pool;
    }

    @Singleton
    AccessLog accessLog() {
        return AccessLog.toStandardOutput();
    }

    @Singleton
    UserTokens userTokens(ServerSettings settings) {
        return UserTokens.fromSettings(settings.jwtSecret(), settings.dataDirectory());
    }

    /** Built at start (not on the first request) so a broken database or migration fails fast. */
    @Context
    HttpApi httpApi(ServerSettings settings, HikariDataSource dataSource, AccessLog accessLog, BlobStorage blobs, UserTokens tokens) {
        UserService users = new UserService(new JdbcUserRepository(dataSource));
        // Rides share the users' database (H2 here, or MySQL): the same migrations create both tables.
        RideService rides = new RideService(new JdbcRideRepository(dataSource), settings.rides().assignment(Fleet.wildRydes()),
            Clock.systemUTC(), new SecureRandom());
        List<Route> demoTokens = List.of();
        if (settings.demoTokensServed()) {
            demoTokens = new DemoTokenRoutes(tokens).routes();
            LOG.info("Demo user tokens, for callers on this machine: curl -X POST localhost:<port>/auth/demo-token"
                + " -H 'Content-Type: application/json' -d '{\"username\":\"the_username\"}' (DEMO_TOKENS=false turns this off)");
        } else if (settings.demoTokens()) {
            LOG.info("Demo user tokens are off: JWT_SECRET or API_KEYS is set, so this server is configured for real users");
        }
        UploadPolicy policy = settings.images().uploads(UploadPolicy.defaults(settings.allowedPaths()));
        dev.skyhook.core.port.out.ImageCodec codec = ImageCodecs.load(policy.maxPixels());
        long worstCase = codec.worstCaseHeapBytes(policy.maxPixels(), policy.maxDirectUploadBytes());
        RenderBudget budget = new RenderBudget(settings.images().renderLimits(worstCase));
        LOG.info("Image renders: {} at a time (worst case {} MiB of heap each, max heap {} MiB), {} ms wait, {} ms deadline",
            budget.limits().permits(), worstCase >> 20, Runtime.getRuntime().maxMemory() >> 20, budget.limits().queueWait().toMillis(),
            budget.limits().deadline().toMillis());
        if (Runtime.getRuntime().maxMemory() < worstCase + dev.skyhook.core.policy.RenderLimits.RESERVED_HEAP_BYTES) {
            LOG.warn("The heap ({} MiB) is smaller than one worst-case image render needs; images near the pixel limit may fail."
                + " Give the JVM -Xmx{}m or more", Runtime.getRuntime().maxMemory() >> 20,
                (worstCase + dev.skyhook.core.policy.RenderLimits.RESERVED_HEAP_BYTES >> 20) + 1);
        }
        ImageUploadService uploads = new ImageUploadService(policy, new MetadataExtractorImageInspector(), codec, budget, blobs.store(),
            blobs.signer());
        ImageVariantService variants = new ImageVariantService(policy, settings.images().variants(settings.imageVariants(),
            settings.imageUrlSigning()), new MetadataExtractorImageInspector(), codec, blobs.store(), budget);
        Optional<ImageUrlSigner> imageUrlSigning = Optional.empty();
        if (settings.imageUrlSigning()) {
            imageUrlSigning = Optional.of(new HmacImageUrlSigner(SigningSecrets.configuredOrKept(settings.urlSigningSecret().orElse(null),
                settings.dataDirectory().resolve("url-signing.key"))));
            LOG.info("Image URLs (/img) must be signed (IMAGE_URL_SIGNING=on)");
        }
        Optional<String> demoKey = demoApiKey(settings);
        ApiKeys keys = new ApiKeys(ApiKeys.parse(apiKeys(settings, demoKey)), Clock.systemUTC());
        FileService files = new FileService(blobs.store(), blobs.signer(), settings.fileUrlTtl(), settings.files().quota());
        List<Route> blobRoutes = blobs.localVerifier()
            .map(verifier -> new BlobRoutes(blobs.store(), verifier, uploads, policy::isPublic, Clock.systemUTC()).routes())
            .orElse(List.of()); // on S3, S3 serves objects and checks its own signatures
        UploadSlots uploadSlots = new UploadSlots(settings.bodies().concurrentUploads());
        return new HttpApi(HttpApi.concat(
            new GreetingRoutes(new GreetingService()).routes(),
            new UserRoutes(users, users, users).routes(),
            uploadSlots.guard(keys.guard(new ImageRoutes(uploads, uploads, policy).routes())),
            new ImageVariantRoutes(variants, imageUrlSigning).routes(), // public, like the images themselves
            uploadSlots.guard(blobRoutes),
            new RideRoutes(rides, rides).routes(),
            uploadSlots.guard(new FileRoutes(files, files, FileRoutes.DEFAULT_MAX_FILE_BYTES,
                FileRoutes.openSpool(settings.spoolDirectory())).routes()),
            demoTokens,
            demoPage(settings, demoKey),
            new ApiDescriptionRoutes().routes(),
            new HealthRoutes(healthChecks(dataSource, blobs)).routes()), accessLog);
    }

    /** Every backing store, in a stable order; rides share the users' database. */
    private static Map<String, BooleanSupplier> healthChecks(HikariDataSource dataSource, BlobStorage blobs) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("users", () -> DatabaseHealth.isReachable(dataSource));
        checks.put("rides", () -> DatabaseHealth.isReachable(dataSource));
        checks.put("blobs", blobs.health());
        return checks;
    }

    /** The page at {@code /} that tries every flow in a browser; the local server's, so off on Lambda. */
    private static List<Route> demoPage(ServerSettings settings, Optional<String> demoKey) {
        if (!settings.demoPage()) {
            return List.of();
        }
        LOG.info("Demo page: {}/ (DEMO_PAGE=false turns it off)", settings.baseUrl());
        DemoPageRoutes.Session session = new DemoPageRoutes.Session(demoKey, !settings.apiKeys().isEmpty(), settings.demoTokensServed(),
            settings.publicBaseUrl().toString(), List.copyOf(settings.allowedPaths().folders()), settings.imageUrlSigning());
        return new DemoPageRoutes(session).routes();
    }

    /** Where blobs live: the bucket when one is configured, otherwise the data directory. */
    @Singleton
    @Bean(preDestroy = "close")
    BlobStorage blobStorage(ServerSettings settings) {
        if (settings.s3().isPresent()) {
            S3Settings s3 = settings.s3().get();
            LOG.info("Blobs in S3 bucket {} ({})", s3.bucket(), s3.region());
            S3Clients clients = S3Clients.create(s3);
            S3BlobStore store = new S3BlobStore(clients.client(), s3);
            return new BlobStorage(store, new S3BlobUrlSigner(clients.presigner(), s3), Optional.empty(), store::isReachable, clients);
        }
        LOG.info("Blobs in {}", settings.blobDirectory().toAbsolutePath().normalize());
        HmacBlobUrlSigner signer = new HmacBlobUrlSigner(
            SigningSecrets.configuredOrKept(settings.urlSigningSecret().orElse(null), settings.dataDirectory().resolve("url-signing.key")),
            URI.create(settings.baseUrl() + "/signed"), Clock.systemUTC());
        FileSystemBlobStore store = new FileSystemBlobStore(settings.blobDirectory(), settings.publicBaseUrl());
        return new BlobStorage(store, signer, Optional.of(signer), store::isReachable, () -> { });
    }

    /** {@code API_KEYS} unset: one demo key, kept in the data directory so it survives restarts. */
    private static Optional<String> demoApiKey(ServerSettings settings) {
        if (!settings.apiKeys().equals(ServerSettings.DEMO_KEYS)) {
            return Optional.empty();
        }
        String demoKey = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(SigningSecrets.configuredOrKept(null, settings.dataDirectory().resolve("demo-api-key")));
        LOG.info("Uploads need the header x-api-key: {} (a demo key on the 'demo' plan; set API_KEYS to choose keys, or API_KEYS= to turn them off)", demoKey);
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

    private static void migrate(HikariDataSource pool) {
        try {
            int applied = DatabaseMigrations.migrate(pool);
            LOG.info("Database schema up to date ({} migrations applied)", applied);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
