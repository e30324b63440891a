package dev.skyhook.hosts.testhost;

import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.adapters.local.signing.HmacBlobUrlSigner;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.fake.InMemoryRideRepository;
import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.core.service.FileService;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.apikeys.ApiKeys;
import dev.skyhook.hosts.localblobs.BlobRoutes;
import dev.skyhook.hosts.api.files.FileRoutes;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.images.ImageRoutes;
import dev.skyhook.hosts.api.images.ImageSettings;
import dev.skyhook.hosts.api.images.ImageVariantRoutes;
import dev.skyhook.hosts.api.images.InlineLimit;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.api.users.UserRoutes;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The whole API in this process on in-memory stores, wired with {@code new}. */
public final class TestHost {
    /** Where the test host says its objects are; requests to these paths come back to it. */
    public static final String BASE_URL = "http://test-host";

    /** Unicorns are free again at once (no busy time), as on every acceptance host: scenarios stay independent. */
    private static final RideSettings ACCEPTANCE_RIDES = new RideSettings(Duration.ZERO);

    private final InMemoryBlobStore blobs = new InMemoryBlobStore(BASE_URL + "/blobs");
    private final InMemoryRideRepository rides = new InMemoryRideRepository();
    private final InMemoryUserRepository userRepository = new InMemoryUserRepository();
    private final HttpApi api;

    /** {@code apiKeys}: as in {@code API_KEYS}; empty turns keys off. */
    public TestHost(AccessLog accessLog, String apiKeys) {
        this(accessLog, apiKeys, FileSettings.defaults());
    }

    /** With the file quota chosen (as {@code FILES_QUOTA_BYTES}, {@code FILES_QUOTA_COUNT}). */
    public TestHost(AccessLog accessLog, String apiKeys, FileSettings fileSettings) {
        this(accessLog, apiKeys, new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES), Optional.empty(), ImageSettings.defaults(), fileSettings,
            ACCEPTANCE_RIDES, Clock.systemUTC());
    }

    /** With image delivery's inline limit and URL signing chosen (as {@code IMAGE_INLINE_LIMIT}, {@code IMAGE_URL_SIGNING}). */
    public TestHost(AccessLog accessLog, String apiKeys, ImageVariantPolicy variantPolicy, Optional<ImageUrlSigner> imageUrlSigning) {
        this(accessLog, apiKeys, variantPolicy, imageUrlSigning, ImageSettings.defaults());
    }

    /** With the image bounds chosen as the {@code IMAGE_*} variables would. */
    public TestHost(AccessLog accessLog, String apiKeys, ImageVariantPolicy variantPolicy, Optional<ImageUrlSigner> imageUrlSigning,
                    ImageSettings images) {
        this(accessLog, apiKeys, variantPolicy, imageUrlSigning, images, FileSettings.defaults(), ACCEPTANCE_RIDES, Clock.systemUTC());
    }

    /** With the rides' settings chosen (as {@code RIDE_BUSY_SECONDS}, {@code MAX_RIDES_PER_RIDER}) and the clock rides are booked by. */
    public TestHost(RideSettings rideSettings, Clock rideClock) {
        this(AccessLog.discarding(), "", new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES), Optional.empty(), ImageSettings.defaults(),
            FileSettings.defaults(), rideSettings, rideClock);
    }

    private TestHost(AccessLog accessLog, String apiKeys, ImageVariantPolicy variantPolicy, Optional<ImageUrlSigner> imageUrlSigning,
                     ImageSettings images, FileSettings fileSettings, RideSettings rideSettings, Clock rideClock) {
        UserService users = new UserService(userRepository);
        UploadPolicy policy = images.uploads(UploadPolicy.defaults(AllowedPaths.defaults()));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        HmacBlobUrlSigner signer = new HmacBlobUrlSigner(secret, URI.create(BASE_URL + "/signed"), Clock.systemUTC());
        dev.skyhook.core.port.out.ImageCodec codec = ImageCodecs.load(policy.maxPixels());
        RenderBudget budget = new RenderBudget(images.renderLimits(codec.worstCaseHeapBytes(policy.maxPixels(), policy.maxDirectUploadBytes())));
        ImageUploadService uploads = new ImageUploadService(policy, new MetadataExtractorImageInspector(), codec, budget, blobs, signer);
        ImageVariantService variants = new ImageVariantService(policy, images.variants(variantPolicy, imageUrlSigning.isPresent()),
            new MetadataExtractorImageInspector(), codec, blobs, budget);
        ApiKeys keys = new ApiKeys(ApiKeys.parse(apiKeys), Clock.systemUTC());
        FileService files = new FileService(blobs, signer, FileService.DEFAULT_URL_TTL, fileSettings.quota());
        RideService rideService = new RideService(rides, rideSettings.assignment(Fleet.wildRydes()), rideClock, new SecureRandom());
        api = new HttpApi(HttpApi.concat(
            new GreetingRoutes(new GreetingService()).routes(),
            new UserRoutes(users, users, users).routes(),
            keys.guard(new ImageRoutes(uploads, uploads, policy).routes()),
            new ImageVariantRoutes(variants, imageUrlSigning).routes(),
            new BlobRoutes(blobs, signer, uploads, policy::isPublic, Clock.systemUTC()).routes(),
            new RideRoutes(rideService, rideService).routes(),
            new FileRoutes(files, files, FileRoutes.DEFAULT_MAX_FILE_BYTES).routes(),
            // Memory is always reachable.
            new HealthRoutes(Map.of("users", () -> true)).routes()), accessLog);
    }

    public TestHost() {
        this(AccessLog.discarding(), "");
    }

    public ApiResponse handle(ApiRequest request) {
        return api.handle(request);
    }

    /** Answers a request refused before routing (a target that does not decode), as every host does. */
    public ApiResponse refuse(ApiRequest request, int status, String message) {
        return api.refuse(request, status, message);
    }

    public InMemoryBlobStore blobs() {
        return blobs;
    }

    /** How many rides this host has stored, for scenarios that prove a refusal wrote nothing. */
    public long storedRideCount() {
        return rides.size();
    }

    /** How many users this host has stored. */
    public long storedUserCount() {
        return userRepository.size();
    }
}
