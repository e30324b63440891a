package dev.skyhook.hosts.testhost;

import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.hosts.api.apikeys.ApiKeys;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Assembly;
import dev.skyhook.hosts.assembly.RouteTable;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.localblobs.BlobRoutes;
import java.time.Clock;
import java.time.Duration;

/** The whole API in this process on in-memory stores: the {@link Assembly} on {@link InMemoryAdapters}. */
public final class TestHost {
    /** Where the test host says its objects are; requests to these paths come back to it. */
    public static final String BASE_URL = "http://test-host";

    /** Unicorns are free again at once (no busy time), as on every acceptance host: scenarios stay independent. */
    private static final RideSettings ACCEPTANCE_RIDES = new RideSettings(Duration.ZERO);

    private final InMemoryAdapters adapters;
    private final HttpApi api;

    /** {@code apiKeys}: as in {@code API_KEYS}; empty turns keys off. */
    public TestHost(AccessLog accessLog, String apiKeys) {
        this(accessLog, acceptance().toBuilder().apiKeys(apiKeys).build());
    }

    /** With the file quota chosen (as {@code FILES_QUOTA_BYTES}, {@code FILES_QUOTA_COUNT}). */
    public TestHost(AccessLog accessLog, String apiKeys, FileSettings fileSettings) {
        this(
                accessLog,
                acceptance().toBuilder().apiKeys(apiKeys).files(fileSettings).build());
    }

    /** With the rides' settings chosen (as {@code RIDE_BUSY_SECONDS}, {@code MAX_RIDES_PER_RIDER}) and the clock rides are booked by. */
    public TestHost(RideSettings rideSettings, Clock rideClock) {
        this(
                AccessLog.discarding(),
                Settings.defaults().toBuilder().rides(rideSettings).apiKeys("").build(),
                Assembly.Options.defaults().withClock(rideClock));
    }

    /** With any settings; {@code API_KEYS} unset or empty turns keys off. */
    public TestHost(AccessLog accessLog, Settings settings) {
        this(accessLog, settings, Assembly.Options.defaults());
    }

    private TestHost(AccessLog accessLog, Settings settings, Assembly.Options options) {
        adapters = new InMemoryAdapters(BASE_URL, settings.urlSigningSecret());
        Assembly app = new Assembly(settings, adapters, options);
        RouteTable routes = app.routes();
        ApiKeys keys = new ApiKeys(ApiKeys.parse(settings.apiKeys().orElse("")), Clock.systemUTC());
        api = new HttpApi(
                HttpApi.concat(
                        routes.open(),
                        keys.guard(routes.images()),
                        new BlobRoutes(
                                        adapters.blobs(),
                                        adapters.localVerifier(),
                                        app.imageUploads(),
                                        app.uploadPolicy()::isPublic,
                                        Clock.systemUTC())
                                .routes()),
                accessLog);
    }

    public TestHost() {
        this(AccessLog.discarding(), "");
    }

    /** The settings the acceptance suite runs on: every default, and unicorns that are free again at once. */
    public static Settings acceptance() {
        return Settings.defaults().toBuilder().rides(ACCEPTANCE_RIDES).build();
    }

    public ApiResponse handle(ApiRequest request) {
        return api.handle(request);
    }

    /** Answers a request refused before routing (a target that does not decode), as every host does. */
    public ApiResponse refuse(ApiRequest request, int status, String message) {
        return api.refuse(request, status, message);
    }

    public InMemoryBlobStore blobs() {
        return adapters.blobs();
    }

    /** How many rides this host has stored, for scenarios that prove a refusal wrote nothing. */
    public long storedRideCount() {
        return adapters.rides().size();
    }

    /** How many users this host has stored. */
    public long storedUserCount() {
        return adapters.users().size();
    }
}
