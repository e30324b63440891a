package dev.skyhook.hosts.assembly;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3Settings;
import dev.skyhook.adapters.aws.secrets.SecretArn;
import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.policy.VariantSizes;
import dev.skyhook.core.service.FileService;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.images.ImageSettings;
import dev.skyhook.hosts.api.images.InlineLimit;
import dev.skyhook.hosts.api.rides.RideSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The application's configuration, parsed once from the variables ({@link #fromVariables}) with one
 * set of rules and messages, whichever host runs it. Each store is optional here and required only
 * by the adapters that use it, so a Lambda function needs only its own store's variables.
 *
 * @param allowedPaths the upload folders ({@code ALLOWED_PATHS})
 * @param mySql the MySQL server, when {@code DB_HOST} is set ({@code DB_*})
 * @param s3 the bucket, when {@code BUCKET_NAME} (or {@code dev_bucket}) is set
 * @param dynamoDb the rides' tables, when {@code AWS_REGION} is set (Lambda always sets it)
 * @param rides {@code RIDE_BUSY_SECONDS}, {@code MAX_RIDES_PER_RIDER}
 * @param fileUrlTtl how long {@code GET /files} URLs stay valid ({@code FILE_URL_TTL_SECONDS})
 * @param files the per-user file quota ({@code FILES_QUOTA_BYTES}, {@code FILES_QUOTA_COUNT})
 * @param imageVariants image delivery's inline limit ({@code IMAGE_INLINE_LIMIT})
 * @param imageUrlSigning {@code IMAGE_URL_SIGNING=on}: {@code /img} URLs need a {@code sig} made with the URL signing secret
 * @param urlSigningSecret {@code URL_SIGNING_SECRET}, 32 bytes or more; where it is unset a local host keeps a generated one
 * @param images the image bounds ({@code IMAGE_MAX_SCANS}, the size lists, the render pool)
 * @param secrets where the database password and the API keys come from on AWS
 * @param apiKeys {@code API_KEYS} as given ({@code key=plan,...}); empty when unset, which is not the same as set to nothing
 * @param databasePoolSize {@code DB_POOL_SIZE} as given; unset, a host sizes the pool for its own concurrency
 * @param imageCodec which codec renders images ({@code IMAGE_CODEC}, {@code LIBVIPS_PATH}, {@code VIPS_CONCURRENCY})
 */
public record Settings(
        AllowedPaths allowedPaths,
        Optional<MySqlSettings> mySql,
        Optional<S3Settings> s3,
        Optional<DynamoDbSettings> dynamoDb,
        RideSettings rides,
        Duration fileUrlTtl,
        FileSettings files,
        ImageVariantPolicy imageVariants,
        boolean imageUrlSigning,
        Optional<String> urlSigningSecret,
        ImageSettings images,
        Secrets secrets,
        Optional<String> apiKeys,
        OptionalInt databasePoolSize,
        ImageCodecs.Settings imageCodec) {
    /** Below this, an HMAC key is guessable in practice. */
    public static final int MIN_SIGNING_SECRET_BYTES = 32;
    /** The pool size where {@code DB_POOL_SIZE} is unset and a host has no better figure. */
    static final int DEFAULT_POOL_SIZE = 8;

    public Settings {
        Objects.requireNonNull(allowedPaths, "allowedPaths");
        Objects.requireNonNull(mySql, "mySql");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(rides, "rides");
        Objects.requireNonNull(fileUrlTtl, "fileUrlTtl");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(imageVariants, "imageVariants");
        Objects.requireNonNull(urlSigningSecret, "urlSigningSecret");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(databasePoolSize, "databasePoolSize");
        urlSigningSecret.ifPresent(secret -> {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SIGNING_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "URL_SIGNING_SECRET must be at least " + MIN_SIGNING_SECRET_BYTES + " bytes");
            }
        });
    }

    /**
     * Where secrets come from on AWS: Secrets Manager, read once at init, never plain environment
     * variables ({@code DB_PASS} and {@code API_KEYS} remain for running locally).
     *
     * @param database {@code DB_SECRET_ARN}: the database password (RDS's managed secret, JSON with {@code password}, or the password itself)
     * @param apiKeys {@code API_KEYS_SECRET_ARN}: a secret whose text is the {@code API_KEYS} list
     * @param endpoint {@code SECRETS_MANAGER_ENDPOINT}: another Secrets Manager than AWS's (an emulator)
     */
    public record Secrets(Optional<SecretArn> database, Optional<SecretArn> apiKeys, Optional<URI> endpoint) {
        public static Secrets none() {
            return new Secrets(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * What only the local server reads: its data directory and demo conveniences, its own address,
     * and the bounds on slow clients.
     *
     * @param dataDirectory {@code DATA_DIR}: the embedded database, kept keys, blobs and the upload spool
     * @param migrateMySql {@code DB_MIGRATE}: whether to migrate a MySQL schema at start (H2 always is)
     * @param baseUrl {@code BASE_URL}: where clients reach the server; signed URLs point here
     * @param publicBaseUrl {@code PUBLIC_BASE_URL}: the base of returned image URLs; {@code {baseUrl}/blobs} by default
     * @param jwtSecret {@code JWT_SECRET}: the key of users' tokens; unset, one is generated and kept
     * @param demoTokens {@code DEMO_TOKENS}: whether demo user tokens were asked for
     * @param demoPage {@code DEMO_PAGE}: whether the demo page is served at {@code /}
     * @param allowedHosts {@code ALLOWED_HOSTS}: host names answered besides loopback, comma-separated
     * @param bodyTimeout {@code BODY_TIMEOUT_SECONDS}
     * @param minBodyBytesPerSecond {@code BODY_MIN_BYTES_PER_SECOND}; empty for the default
     * @param concurrentUploads {@code MAX_CONCURRENT_UPLOADS}; empty for the default
     */
    public record LocalServer(
            Path dataDirectory,
            boolean migrateMySql,
            URI baseUrl,
            URI publicBaseUrl,
            Optional<String> jwtSecret,
            boolean demoTokens,
            boolean demoPage,
            String allowedHosts,
            Optional<Duration> bodyTimeout,
            Optional<Long> minBodyBytesPerSecond,
            OptionalInt concurrentUploads) {}

    /** Every setting on its default: no stores configured, one-hour download URLs, Lambda's inline limit, unsigned image URLs. */
    public static Settings defaults() {
        return fromVariables(Map.of());
    }

    /** The settings from {@code variables} (the process environment, or a test's map); a bad value names its variable. */
    public static Settings fromVariables(Map<String, String> variables) {
        Map<String, String> env = Map.copyOf(variables);
        Optional<SecretArn> databaseSecret = arn(env, "DB_SECRET_ARN");
        if (databaseSecret.isPresent() && text(env, "DB_PASS").isPresent()) {
            throw new IllegalArgumentException("set DB_SECRET_ARN or DB_PASS, not both (DB_PASS is for local use)");
        }
        Optional<SecretArn> apiKeysSecret = arn(env, "API_KEYS_SECRET_ARN");
        Optional<String> apiKeys = Optional.ofNullable(env.get("API_KEYS")).map(String::strip);
        if (apiKeysSecret.isPresent() && apiKeys.filter(keys -> !keys.isEmpty()).isPresent()) {
            throw new IllegalArgumentException("set API_KEYS_SECRET_ARN or API_KEYS, not both");
        }
        Secrets secrets = new Secrets(
                databaseSecret,
                apiKeysSecret,
                text(env, "SECRETS_MANAGER_ENDPOINT").map(value -> uri("SECRETS_MANAGER_ENDPOINT", value)));
        return new Settings(
                text(env, "ALLOWED_PATHS").map(AllowedPaths::parse).orElseGet(AllowedPaths::defaults),
                mySql(env),
                s3(env),
                dynamoDb(env),
                rides(env),
                Duration.ofSeconds(positive(env, "FILE_URL_TTL_SECONDS", FileService.DEFAULT_URL_TTL.toSeconds())),
                new FileSettings(new FileQuota(
                        bounded(env, "FILES_QUOTA_BYTES", FileQuota.DEFAULT_MAX_BYTES, 1, Long.MAX_VALUE),
                        (int) bounded(
                                env, "FILES_QUOTA_COUNT", FileQuota.DEFAULT_MAX_FILES, 1, FileQuota.MAX_FILES_LIMIT))),
                new ImageVariantPolicy(
                        InlineLimit.parse(text(env, "IMAGE_INLINE_LIMIT").orElse(null))),
                onOff(env, "IMAGE_URL_SIGNING", false),
                text(env, "URL_SIGNING_SECRET"),
                images(env),
                secrets,
                apiKeys,
                text(env, "DB_POOL_SIZE").isPresent()
                        ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, positive(env, "DB_POOL_SIZE", 1)))
                        : OptionalInt.empty(),
                imageCodec(env));
    }

    /** The original users function's {@code DB_HOST}, {@code DB_USER}, {@code DB_PASS}, {@code DB_NAME}, and {@code DB_PORT}, {@code DB_CONNECT_TIMEOUT_MS}. */
    private static Optional<MySqlSettings> mySql(Map<String, String> env) {
        Optional<String> host = text(env, "DB_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        long port =
                text(env, "DB_PORT").map(value -> whole("DB_PORT", value)).orElse((long) MySqlSettings.DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DB_PORT must be 1 to 65535, was " + port);
        }
        long connectTimeout = text(env, "DB_CONNECT_TIMEOUT_MS")
                .map(value -> whole("DB_CONNECT_TIMEOUT_MS", value))
                .orElse(MySqlSettings.DEFAULT_CONNECT_TIMEOUT.toMillis());
        long poolSize = positive(env, "DB_POOL_SIZE", DEFAULT_POOL_SIZE);
        return Optional.of(new MySqlSettings(
                host.get(),
                (int) port,
                requiredWithDbHost(env, "DB_USER"),
                env.getOrDefault("DB_PASS", ""),
                requiredWithDbHost(env, "DB_NAME"),
                Duration.ofMillis(connectTimeout),
                (int) Math.min(Integer.MAX_VALUE, poolSize)));
    }

    /**
     * {@code BUCKET_NAME} (or the original upload function's {@code dev_bucket}), {@code AWS_REGION}, {@code S3_ENDPOINT} (an S3-compatible store,
     * addressed path-style) and {@code PUBLIC_BASE_URL}; empty when no bucket is named, so a host can keep blobs locally.
     */
    private static Optional<S3Settings> s3(Map<String, String> env) {
        Optional<String> bucketName = text(env, "BUCKET_NAME");
        Optional<String> originalName = text(env, "dev_bucket");
        if (bucketName.isPresent() && originalName.isPresent() && !bucketName.equals(originalName)) {
            throw new IllegalArgumentException("BUCKET_NAME and dev_bucket name different buckets; set only one");
        }
        Optional<String> bucket = bucketName.or(() -> originalName);
        Optional<URI> endpoint = text(env, "S3_ENDPOINT").map(value -> url("S3_ENDPOINT", value));
        if (bucket.isEmpty()) {
            if (endpoint.isPresent()) {
                throw new IllegalArgumentException("BUCKET_NAME (or dev_bucket) must be set when S3_ENDPOINT is set");
            }
            return Optional.empty();
        }
        return Optional.of(S3Settings.of(
                bucket.get(),
                text(env, "AWS_REGION").orElse(S3Settings.DEFAULT_REGION),
                endpoint,
                text(env, "PUBLIC_BASE_URL").map(value -> url("PUBLIC_BASE_URL", value))));
    }

    /**
     * The rides' tables when {@code AWS_REGION} is set (Lambda always sets it; without it there is no DynamoDB to talk to):
     * {@code RIDES_TABLE}, {@code RIDE_REQUESTS_TABLE}, and {@code DYNAMODB_ENDPOINT} for DynamoDB Local.
     */
    private static Optional<DynamoDbSettings> dynamoDb(Map<String, String> env) {
        return text(env, "AWS_REGION")
                .map(region -> new DynamoDbSettings(
                        region,
                        text(env, "DYNAMODB_ENDPOINT").map(value -> url("DYNAMODB_ENDPOINT", value)),
                        text(env, "RIDES_TABLE").orElse(DynamoDbSettings.DEFAULT_RIDES_TABLE),
                        text(env, "RIDE_REQUESTS_TABLE").orElse(DynamoDbSettings.DEFAULT_RIDE_REQUESTS_TABLE)));
    }

    /** {@code RIDE_BUSY_SECONDS} (0 or more) and {@code MAX_RIDES_PER_RIDER}. */
    private static RideSettings rides(Map<String, String> env) {
        long busySeconds = bounded(
                env, "RIDE_BUSY_SECONDS", RideSettings.DEFAULT_BUSY_SECONDS, 0, Long.MAX_VALUE / 1_000_000_000L);
        long maxRides = bounded(
                env,
                "MAX_RIDES_PER_RIDER",
                RideAssignment.DEFAULT_RIDES_PER_RIDER,
                1,
                RideSettings.MAX_RIDES_PER_RIDER_LIMIT);
        return new RideSettings(Duration.ofSeconds(busySeconds), (int) maxRides);
    }

    /** {@code IMAGE_CODEC} (auto, libvips or imageio), {@code LIBVIPS_PATH} (the library file) and {@code VIPS_CONCURRENCY} (threads a render, 0: the cores). */
    private static ImageCodecs.Settings imageCodec(Map<String, String> env) {
        String kind = text(env, "IMAGE_CODEC").orElse("auto");
        ImageCodecs.Kind parsed;
        try {
            parsed = ImageCodecs.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IMAGE_CODEC must be auto, libvips or imageio, not '" + kind + "'");
        }
        return new ImageCodecs.Settings(
                parsed, text(env, "LIBVIPS_PATH").map(Path::of), (int) bounded(env, "VIPS_CONCURRENCY", 0, 0, 1024));
    }

    /**
     * The image bounds: {@code IMAGE_MAX_SCANS}, {@code IMAGE_WIDTHS}, {@code IMAGE_HEIGHTS}, {@code IMAGE_QUALITIES},
     * {@code IMAGE_VARIANTS_PER_SOURCE}, {@code IMAGE_RENDER_CONCURRENCY} (unset: sized from the machine),
     * {@code IMAGE_RENDER_WAIT_MS}, {@code IMAGE_RENDER_TIMEOUT_MS} and {@code IMAGE_UPLOAD_FORMATS}.
     */
    private static ImageSettings images(Map<String, String> env) {
        VariantSizes defaults = VariantSizes.defaults();
        return new ImageSettings(
                (int) bounded(env, "IMAGE_MAX_SCANS", UploadPolicy.DEFAULT_MAX_SCANS, 1, Integer.MAX_VALUE),
                new VariantSizes(
                        sizes(env, "IMAGE_WIDTHS").orElse(defaults.widths()),
                        sizes(env, "IMAGE_HEIGHTS").orElse(defaults.heights()),
                        sizes(env, "IMAGE_QUALITIES").orElse(defaults.qualities())),
                (int) bounded(
                        env,
                        "IMAGE_VARIANTS_PER_SOURCE",
                        ImageVariantPolicy.DEFAULT_MAX_VARIANTS_PER_SOURCE,
                        1,
                        Integer.MAX_VALUE),
                text(env, "IMAGE_RENDER_CONCURRENCY").isPresent()
                        ? OptionalInt.of((int) bounded(env, "IMAGE_RENDER_CONCURRENCY", 1, 1, Integer.MAX_VALUE))
                        : OptionalInt.empty(),
                Duration.ofMillis(
                        bounded(env, "IMAGE_RENDER_WAIT_MS", RenderLimits.DEFAULT_WAIT.toMillis(), 0, Long.MAX_VALUE)),
                Duration.ofMillis(bounded(
                        env, "IMAGE_RENDER_TIMEOUT_MS", RenderLimits.DEFAULT_DEADLINE.toMillis(), 1, Long.MAX_VALUE)),
                text(env, "IMAGE_UPLOAD_FORMATS").map(Settings::uploadFormats).orElse(UploadPolicy.DEFAULT_FORMATS));
    }

    private static Set<ImageFormat> uploadFormats(String value) {
        Set<ImageFormat> formats = EnumSet.noneOf(ImageFormat.class);
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                formats.add(ImageFormat.named(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "IMAGE_UPLOAD_FORMATS must list image formats (jpeg, png, gif, webp, avif, ...), not '"
                                        + name.strip() + "'")));
            }
        }
        if (formats.contains(ImageFormat.HEIF)) {
            // Its header states the coded picture's size (whole 64-pixel blocks, tiles), not the one shown.
            throw new IllegalArgumentException(
                    "IMAGE_UPLOAD_FORMATS cannot list heic: its size cannot be read from its header reliably");
        }
        return formats;
    }

    private static Optional<List<Integer>> sizes(Map<String, String> env, String name) {
        return text(env, name).map(value -> VariantSizes.parseList(name, value));
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when unset. */
    private static long bounded(Map<String, String> env, String name, long fallback, long min, long max) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw new IllegalArgumentException(name + " must be " + range + ", was '" + value.get() + "'");
    }

    private static String requiredWithDbHost(Map<String, String> env, String name) {
        return text(env, name)
                .orElseThrow(() -> new IllegalArgumentException(name + " must be set when DB_HOST is set"));
    }

    /**
     * The local server's own settings from the same {@code variables}; {@code port} and {@code bindHost} are the server's
     * listening port and {@code SERVER_HOST}, which its framework reads.
     */
    public static LocalServer localServer(Map<String, String> variables, int port) {
        Map<String, String> env = Map.copyOf(variables);
        URI baseUrl = uri("BASE_URL", withoutTrailingSlash(text(env, "BASE_URL").orElse("http://localhost:" + port)));
        URI publicBaseUrl = uri("PUBLIC_BASE_URL", text(env, "PUBLIC_BASE_URL").orElse(baseUrl + "/blobs"));
        Optional<Duration> bodyTimeout = text(env, "BODY_TIMEOUT_SECONDS")
                .map(value -> Duration.ofSeconds(positive(env, "BODY_TIMEOUT_SECONDS", 1)));
        Optional<Long> minRate =
                text(env, "BODY_MIN_BYTES_PER_SECOND").map(value -> whole("BODY_MIN_BYTES_PER_SECOND", value));
        OptionalInt uploads = text(env, "MAX_CONCURRENT_UPLOADS").isPresent()
                ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, positive(env, "MAX_CONCURRENT_UPLOADS", 1)))
                : OptionalInt.empty();
        return new LocalServer(
                Path.of(text(env, "DATA_DIR").orElse("./data")),
                onOff(env, "DB_MIGRATE", true),
                baseUrl,
                publicBaseUrl,
                text(env, "JWT_SECRET"),
                onOff(env, "DEMO_TOKENS", true),
                onOff(env, "DEMO_PAGE", true),
                text(env, "ALLOWED_HOSTS").orElse(""),
                bodyTimeout,
                minRate,
                uploads);
    }

    /** A builder that starts from these settings, to change a few of them; {@link Builder#build} checks the result as the constructor does. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings that differ from others in a few components; every component not set keeps the starting value. */
    public static final class Builder {
        private final Settings from;
        private Optional<MySqlSettings> mySql;
        private Optional<S3Settings> s3;
        private Optional<DynamoDbSettings> dynamoDb;
        private RideSettings rides;
        private FileSettings files;
        private ImageVariantPolicy imageVariants;
        private boolean imageUrlSigning;
        private Optional<String> urlSigningSecret;
        private Optional<String> apiKeys;

        private Builder(Settings from) {
            this.from = from;
            mySql = from.mySql;
            s3 = from.s3;
            dynamoDb = from.dynamoDb;
            rides = from.rides;
            files = from.files;
            imageVariants = from.imageVariants;
            imageUrlSigning = from.imageUrlSigning;
            urlSigningSecret = from.urlSigningSecret;
            apiKeys = from.apiKeys;
        }

        public Builder mySql(MySqlSettings server) {
            mySql = Optional.of(server);
            return this;
        }

        public Builder s3(S3Settings bucket) {
            s3 = Optional.of(bucket);
            return this;
        }

        public Builder dynamoDb(DynamoDbSettings tables) {
            dynamoDb = Optional.of(tables);
            return this;
        }

        public Builder rides(RideSettings settings) {
            rides = settings;
            return this;
        }

        public Builder files(FileSettings settings) {
            files = settings;
            return this;
        }

        /** Image delivery's inline limit and, when {@code signed}, signed image URLs ({@code IMAGE_URL_SIGNING=on}). */
        public Builder imageDelivery(ImageVariantPolicy variants, boolean signed) {
            imageVariants = variants;
            imageUrlSigning = signed;
            return this;
        }

        /** {@code secret} as {@code URL_SIGNING_SECRET}. */
        public Builder urlSigningSecret(String secret) {
            urlSigningSecret = Optional.of(secret);
            return this;
        }

        /** {@code list} as {@code API_KEYS} ({@code key=plan,...}; empty turns keys off). */
        public Builder apiKeys(String list) {
            apiKeys = Optional.of(list);
            return this;
        }

        public Settings build() {
            return new Settings(
                    from.allowedPaths,
                    mySql,
                    s3,
                    dynamoDb,
                    rides,
                    from.fileUrlTtl,
                    files,
                    imageVariants,
                    imageUrlSigning,
                    urlSigningSecret,
                    from.images,
                    from.secrets,
                    apiKeys,
                    from.databasePoolSize,
                    from.imageCodec);
        }
    }

    /** The MySQL server, for the adapters that need one. */
    public MySqlSettings requireMySql() {
        return mySql.orElseThrow(
                () -> new IllegalStateException(
                        "DB_HOST, DB_USER, DB_NAME and DB_SECRET_ARN (or, locally, DB_PASS) must be set for the users functions"));
    }

    public S3Settings requireS3() {
        return s3.orElseThrow(() ->
                new IllegalStateException("BUCKET_NAME (or dev_bucket) must be set for the image and file functions"));
    }

    public DynamoDbSettings requireDynamoDb() {
        return dynamoDb.orElseThrow(() -> new IllegalStateException("AWS_REGION must be set for the rides functions"));
    }

    /** The URL signing secret where the host cannot keep a generated one (a Lambda function has no lasting disk). */
    public byte[] requireUrlSigningSecret() {
        return urlSigningSecret
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("IMAGE_URL_SIGNING=on needs URL_SIGNING_SECRET of "
                        + MIN_SIGNING_SECRET_BYTES + " bytes or more"));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
        Optional<String> value = text(env, name).map(v -> v.toLowerCase(java.util.Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default ->
                throw new IllegalArgumentException(name + " must be on or off (or true or false), not " + value.get());
        };
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        long parsed = whole(name, value.get());
        if (parsed < 1) {
            throw new IllegalArgumentException(name + " must be a positive whole number, was '" + value.get() + "'");
        }
        return parsed;
    }

    private static long whole(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static Optional<SecretArn> arn(Map<String, String> env, String name) {
        try {
            return text(env, name).map(SecretArn::new);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** An http or https URL; what it may hold beyond that is the adapter's rule. */
    private static URI url(String name, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be an http or https URL");
        }
    }

    private static URI uri(String name, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL, was '" + value + "'");
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
