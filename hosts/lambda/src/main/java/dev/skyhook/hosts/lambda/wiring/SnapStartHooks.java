package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.assembly.Assembly;
import dev.skyhook.hosts.assembly.Randomness;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda SnapStart's checkpoint and restore hooks (the CRaC API; without a CRaC runtime nobody
 * calls them, so an on-demand init never primes). Before the snapshot: run the code paths of a
 * request once, load the classes the handler's requests load (its recorded list; the image codecs
 * where those include ImageIO), and run the function's own first requests on stores that cannot be
 * written ({@link RequestPriming}), so the snapshot holds that code loaded, linked and initialised.
 * Priming leaves no connection open (the SDK clients it uses send nothing; its database connection is
 * closed, the pool stays empty) and draws nothing from the graph's generator. After a restore: reseed
 * the graph's generator, retire pooled JDBC connections, and count the next invocation as a cold start.
 * The function's SDK clients need nothing: they made no call, so the JDK's keep-alive cache holds no
 * socket in the snapshot.
 */
public final class SnapStartHooks implements Resource {
    /** A request every function answers without touching a store: 200 where {@code /hello} is served, 404 elsewhere. */
    private static final String DRY_REQUEST = """
        {"resource":"/hello","path":"/hello","httpMethod":"GET","headers":{"Accept":"application/json"},
         "requestContext":{"requestId":"snapstart-priming","protocol":"HTTP/1.1","identity":{}}}""";

    private final Assembly app;
    private final Randomness randomness;
    private final ConnectionPools pools;
    private final EmfMetrics metrics;
    private final List<List<Route>> served = new CopyOnWriteArrayList<>();
    private final List<Class<?>> handlers = new CopyOnWriteArrayList<>();

    public SnapStartHooks(Assembly app, Randomness randomness, ConnectionPools pools, EmfMetrics metrics) {
        this.app = app;
        this.randomness = randomness;
        this.pools = pools;
        this.metrics = metrics;
    }

    /** Registers these hooks with the runtime: a strong reference stays with the global context. */
    public void register() {
        Core.getGlobalContext().register(this);
    }

    /** A handler's routes, to be primed before the snapshot. */
    public void primeBeforeCheckpoint(List<Route> routes) {
        served.add(List.copyOf(routes));
    }

    /**
     * A handler whose recorded classes (see {@link ClassPriming}) are loaded before the snapshot; in the
     * container image's AOT-cache training run, the training list's classes are loaded now.
     */
    public void primeClassesOf(Class<?> handler) {
        handlers.add(handler);
        ClassPriming.loadAotTrainingClasses(handler.getClassLoader());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (List<Route> routes : served) {
            // Its own API with a discarding access log: priming is not a request anyone made.
            HttpApi api = new HttpApi(routes, AccessLog.discarding());
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) Json.parse(DRY_REQUEST);
            ApiGatewayEvents.Translated translated =
                    ApiGatewayEvents.toRequest(event, "snapstart-priming", Instant.now());
            ApiResponse response = api.handle(translated.request());
            ApiGatewayEvents.writeResponse(translated.format(), response);
        }
        boolean handlesImages = false;
        for (Class<?> handler : handlers) {
            List<String> classes = ClassPriming.recorded(handler);
            ClassPriming.load(classes, handler.getClassLoader());
            handlesImages |= classes.contains("javax.imageio.ImageIO");
        }
        // Only where a request reads or writes images: AWT and ImageIO are megabytes of snapshot to restore.
        if (handlesImages) {
            ImageCodecPriming.loadCodecs();
        }
        for (List<Route> routes : served) {
            RequestPriming.run(routes, app, pools);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        randomness.reseed();
        pools.evictAll();
        metrics.restored();
    }
}
