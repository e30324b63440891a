package dev.skyhook.hosts.server;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3Settings;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.service.FileService;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.images.ImageSettings;
import dev.skyhook.hosts.api.images.InlineLimit;
import dev.skyhook.hosts.api.rides.RideSettings;
import io.micronaut.core.value.PropertyResolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its configuration, read once at start. {@code application.properties}
 * maps the environment variables ({@code DATA_DIR}, the original function's {@code DB_*}) to {@code skyhook.*}
 * properties, which tests and {@code -D} options can also set.
 *
 * @param dataDirectory where the embedded H2 database lives when no MySQL is configured
 * @param mySql the MySQL server, when {@code DB_HOST} is set
 * @param migrateMySql whether to migrate the MySQL schema at start (H2 always is: nothing else would)
 * @param baseUrl where clients reach this server; signed URLs point here
 * @param publicBaseUrl the base of returned image URLs ({@code PUBLIC_BASE_URL}, e.g. a CDN)
 * @param allowedPaths the upload folders ({@code ALLOWED_PATHS})
 * @param apiKeys {@code API_KEYS}: {@code key=plan,...}; empty turns keys off; {@value #DEMO_KEYS} keeps a demo key
 * @param urlSigningSecret {@code URL_SIGNING_SECRET}, or empty to generate one and keep it in the data directory
 * @param s3 the bucket, when {@code BUCKET_NAME} (or {@code dev_bucket}) is set; otherwise blobs stay on disk
 * @param jwtSecret {@code JWT_SECRET}, the key of users' tokens; unset: generated once and kept in the data directory
 * @param demoTokens whether {@code POST /auth/demo-token} was asked for ({@code DEMO_TOKENS}, off on Lambda); see
 *     {@link #demoTokensServed()}
 * @param rides {@code RIDE_BUSY_SECONDS}, {@code MAX_RIDES_PER_RIDER}
 * @param fileUrlTtl how long {@code GET /files} URLs stay valid ({@code FILE_URL_TTL_SECONDS})
 * @param imageVariants {@code IMAGE_INLINE_LIMIT}
 * @param imageUrlSigning {@code IMAGE_URL_SIGNING=on}: /img URLs need a {@code sig} made with the URL signing secret
 * @param demoPage whether the demo page is served at {@code /} ({@code DEMO_PAGE}, off on Lambda)
 * @param files the per-user file quota ({@code FILES_QUOTA_BYTES}, {@code FILES_QUOTA_COUNT})
 * @param bodies {@code BODY_TIMEOUT_SECONDS}, {@code BODY_MIN_BYTES_PER_SECOND}, {@code MAX_CONCURRENT_UPLOADS}
 * @param images the image bounds ({@code IMAGE_MAX_SCANS}, the size lists, the render pool)
 * @param allowedHosts the {@code Host} names served: loopback, {@code SERVER_HOST} and {@code ALLOWED_HOSTS}
 */
public record ServerSettings(Path dataDirectory, Optional<MySqlSettings> mySql, boolean migrateMySql, URI baseUrl,
                             URI publicBaseUrl, AllowedPaths allowedPaths, String apiKeys, Optional<String> urlSigningSecret,
                             Optional<S3Settings> s3, Optional<String> jwtSecret, boolean demoTokens, RideSettings rides,
                             Duration fileUrlTtl, ImageVariantPolicy imageVariants, boolean imageUrlSigning,
                             boolean demoPage, FileSettings files, RequestBodyLimits bodies, ImageSettings images,
                             AllowedHosts allowedHosts) {
    static final int POOL_SIZE = 8;
    /** What {@code API_KEYS} is when unset: one demo key, generated once and printed at start. */
    static final String DEMO_KEYS = "demo";

    /** The original function's variable names, which {@link MySqlSettings} reads, and the properties that carry them. */
    private static final Map<String, String> DB_VARIABLES = Map.of(
        "DB_HOST", "skyhook.db.host",
        "DB_PORT", "skyhook.db.port",
        "DB_USER", "skyhook.db.user",
        "DB_PASS", "skyhook.db.pass",
        "DB_NAME", "skyhook.db.name",
        "DB_CONNECT_TIMEOUT_MS", "skyhook.db.connect-timeout-ms",
        "DB_POOL_SIZE", "skyhook.db.pool-size");

    /** The bucket's variables, which {@link S3Settings} reads. */
    private static final Map<String, String> S3_VARIABLES = Map.of(
        "BUCKET_NAME", "skyhook.s3.bucket",
        "dev_bucket", "skyhook.s3.dev-bucket",
        "AWS_REGION", "skyhook.s3.region",
        "S3_ENDPOINT", "skyhook.s3.endpoint",
        "PUBLIC_BASE_URL", "skyhook.public-base-url");

    private static final Map<String, String> RIDE_VARIABLES = Map.of(
        "RIDE_BUSY_SECONDS", "skyhook.rides.busy-seconds",
        "MAX_RIDES_PER_RIDER", "skyhook.rides.max-per-rider");

    private static final Map<String, String> FILE_VARIABLES = Map.of(
        FileSettings.QUOTA_BYTES, "skyhook.files.quota-bytes",
        FileSettings.QUOTA_COUNT, "skyhook.files.quota-count");

    /** The image bounds' variables, which {@link ImageSettings} reads. */
    private static final Map<String, String> IMAGE_VARIABLES = Map.of(
        "IMAGE_MAX_SCANS", "skyhook.image.max-scans",
        "IMAGE_WIDTHS", "skyhook.image.widths",
        "IMAGE_HEIGHTS", "skyhook.image.heights",
        "IMAGE_QUALITIES", "skyhook.image.qualities",
        "IMAGE_VARIANTS_PER_SOURCE", "skyhook.image.variants-per-source",
        "IMAGE_RENDER_CONCURRENCY", "skyhook.image.render-concurrency",
        "IMAGE_RENDER_WAIT_MS", "skyhook.image.render-wait-ms",
        "IMAGE_RENDER_TIMEOUT_MS", "skyhook.image.render-timeout-ms",
        "IMAGE_UPLOAD_FORMATS", "skyhook.image.upload-formats");

    public static ServerSettings from(PropertyResolver properties) {
        Map<String, String> variables = variables(properties, DB_VARIABLES);
        Path dataDirectory = Path.of(text(properties, "skyhook.data-dir").orElse("./data"));
        boolean migrateMySql = !text(properties, "skyhook.db.migrate").orElse("true").equalsIgnoreCase("false");
        URI baseUrl = URI.create(withoutTrailingSlash(text(properties, "skyhook.base-url")
            .orElse("http://localhost:" + properties.get("micronaut.server.port", Integer.class).filter(p -> p > 0).orElse(8080))));
        URI publicBaseUrl = URI.create(text(properties, "skyhook.public-base-url").orElse(baseUrl + "/blobs"));
        AllowedPaths allowedPaths = AllowedPaths.parse(text(properties, "skyhook.allowed-paths").orElse("profile,post,banner"));
        // Unset means a demo key; set but empty means no keys at all.
        String apiKeys = properties.get("skyhook.api-keys", String.class).map(String::trim).orElse(DEMO_KEYS);
        boolean demoTokens = !text(properties, "skyhook.demo-tokens").orElse("true").equalsIgnoreCase("false");
        boolean demoPage = !text(properties, "skyhook.demo-page").orElse("true").equalsIgnoreCase("false");
        return new ServerSettings(dataDirectory, MySqlSettings.fromEnvironment(variables, POOL_SIZE), migrateMySql, baseUrl,
            publicBaseUrl, allowedPaths, apiKeys, text(properties, "skyhook.url-signing-secret"),
            S3Settings.fromEnvironment(variables(properties, S3_VARIABLES)),
            text(properties, "skyhook.jwt.secret"), demoTokens, RideSettings.fromEnvironment(variables(properties, RIDE_VARIABLES)),
            Duration.ofSeconds(number(properties, "skyhook.files.url-ttl-seconds", "FILE_URL_TTL_SECONDS",
                FileService.DEFAULT_URL_TTL.toSeconds())),
            new ImageVariantPolicy(InlineLimit.parse(text(properties, "skyhook.image.inline-limit").orElse(null))), imageUrlSigning(properties),
            demoPage, FileSettings.fromEnvironment(variables(properties, FILE_VARIABLES)), bodyLimits(properties),
            ImageSettings.fromEnvironment(variables(properties, IMAGE_VARIABLES)),
            AllowedHosts.parse(text(properties, "skyhook.allowed-hosts").orElse(""), text(properties, "micronaut.server.host")));
    }

    private static RequestBodyLimits bodyLimits(PropertyResolver properties) {
        Duration timeout = Duration.ofSeconds(number(properties, "skyhook.body.timeout-seconds", "BODY_TIMEOUT_SECONDS",
            RequestBodyLimits.DEFAULT_TIMEOUT.toSeconds()));
        String minRate = text(properties, "skyhook.body.min-bytes-per-second").orElse(null);
        long minBytesPerSecond = RequestBodyLimits.DEFAULT_MIN_BYTES_PER_SECOND;
        if (minRate != null) {
            try {
                minBytesPerSecond = Long.parseLong(minRate);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("BODY_MIN_BYTES_PER_SECOND must be a whole number, was '" + minRate + "'");
            }
        }
        int uploads = (int) Math.min(Integer.MAX_VALUE, number(properties, "skyhook.uploads.max-concurrent",
            "MAX_CONCURRENT_UPLOADS", RequestBodyLimits.defaultConcurrentUploads()));
        return new RequestBodyLimits(timeout, minBytesPerSecond, uploads);
    }

    /**
     * Demo tokens let anyone on this machine sign in as anyone: a convenience for a demo, never for a server
     * configured for real use. {@code JWT_SECRET} (tokens from a real issuer) or keys in {@code API_KEYS} turn them off;
     * the generated demo key and {@code API_KEYS=} (keys off) leave them on.
     */
    public boolean demoTokensServed() {
        return demoTokens && jwtSecret.isEmpty() && (apiKeys.isEmpty() || apiKeys.equals(DEMO_KEYS));
    }

    private static boolean imageUrlSigning(PropertyResolver properties) {
        String value = text(properties, "skyhook.image.url-signing").orElse("off");
        if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalArgumentException("IMAGE_URL_SIGNING must be on or off, not " + value);
        }
        return value.equals("on");
    }

    /** The environment variable names the adapters read, filled from the properties that carry them. */
    private static Map<String, String> variables(PropertyResolver properties, Map<String, String> propertyByVariable) {
        Map<String, String> variables = new HashMap<>();
        propertyByVariable.forEach((variable, property) ->
            text(properties, property).ifPresent(value -> variables.put(variable, value)));
        return variables;
    }

    public Path blobDirectory() {
        return dataDirectory.resolve("blobs");
    }

    /** Where {@code POST /files} spools uploads as they arrive; emptied at start, so a crash leaves nothing behind. */
    public Path spoolDirectory() {
        return dataDirectory.resolve("spool");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long number(PropertyResolver properties, String name, String variable, long fallback) {
        Optional<String> value = text(properties, name);
        try {
            long parsed = value.map(Long::parseLong).orElse(fallback);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a positive whole number, was '" + value.orElse("") + "'");
        }
    }

    private static Optional<String> text(PropertyResolver properties, String name) {
        return properties.get(name, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }
}
