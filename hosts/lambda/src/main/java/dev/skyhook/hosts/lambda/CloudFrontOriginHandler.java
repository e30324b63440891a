package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.hosts.api.http.ErrorStatus;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.api.http.UrlEncoding;
import dev.skyhook.hosts.api.images.ImageVariantRequests;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.CloudFrontEvents;
import dev.skyhook.hosts.lambda.events.EventSource;
import dev.skyhook.hosts.lambda.logging.LogLines;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original optimiser's origin-request function for CloudFront: renders the variant that the request's URI,
 * query ({@code w, h, fit, q, fmt}) and {@code accept} header name, read as {@code GET /img/{key}}
 * reads them ({@link ImageVariantRequests}), stores it under {@code ProcessedImages/}, and answers
 * the request rewritten to it, so CloudFront fetches the stored variant from the bucket. The size
 * of the variant does not matter here: the answer is the request, never the image. With
 * {@code fmt=auto} (the default) the stored variant's key names the format {@code accept} chose;
 * CloudFront's cache key must then hold the {@code Accept} header (or a normalised form of it).
 *
 * <p>It fails closed. A refused request (a bad or missing {@code sig}, invalid parameters, a key
 * outside the upload folders such as {@code files/...}, no such image, not an image) is answered
 * with a response CloudFront returns as is: the status and the image delivery's JSON error, never
 * the bucket's object. Only an internal failure (the store unreachable, the render pool full, a
 * bug) passes the original request through unchanged, as the original did, and only for a key in a
 * public upload folder; each is logged with its reason.
 */
public final class CloudFrontOriginHandler implements RequestStreamHandler {
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(CloudFrontOriginHandler.class);
    }

    /**
     * Codes that say nothing about the request itself: the service could not serve it now. Any
     * other code, one added later included, is a refusal: the safe side.
     */
    private static final Set<ErrorCode> INTERNAL =
            EnumSet.of(ErrorCode.STORE_UNAVAILABLE, ErrorCode.STORE_FAILURE, ErrorCode.NO_CAPACITY);

    private final ImageVariantRequests requests;
    private final AllowedPaths publicFolders;
    private final EmfMetrics metrics;

    public CloudFrontOriginHandler() {
        this(Container.graph());
    }

    public CloudFrontOriginHandler(LambdaComponent graph) {
        this(
                graph.assembly().imageVariants(),
                graph.assembly().imageUrlSigning(),
                graph.settings().allowedPaths(),
                graph.metrics());
    }

    public CloudFrontOriginHandler(
            GetImageVariantUseCase variants,
            Optional<ImageUrlSigner> signing,
            AllowedPaths publicFolders,
            EmfMetrics metrics) {
        this.requests = new ImageVariantRequests(variants, signing);
        this.publicFolders = publicFolders;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocations.run(context, metrics, () -> {
            Map<String, Object> request = CloudFrontEvents.request(ApiGatewayHandler.readEvent(input));
            output.write(Json.write(answer(request)));
        });
    }

    /**
     * The request pointing at the stored variant; a generated response for a refusal; or
     * {@code request} itself after an internal failure.
     */
    Map<String, Object> answer(Map<String, Object> request) {
        String uri = CloudFrontEvents.uri(request);
        String key = null;
        try {
            String path = EventSource.CLOUDFRONT_ORIGIN_REQUEST.decodePath(uri);
            key = path.startsWith("/") ? path.substring(1) : path;
            Map<String, List<String>> query = UrlEncoding.parseQuery(CloudFrontEvents.querystring(request));
            ImageVariant variant = requests.answer(key, query, accept(request)).variant();
            Map<String, Object> rewritten = new LinkedHashMap<>(request);
            rewritten.put("uri", "/" + encodePath(variant.key().value()));
            rewritten.put("querystring", "");
            return rewritten;
        } catch (HttpError refusal) {
            return refused(uri, refusal.status(), refusal.getMessage(), refusal.field());
        } catch (DomainException e) {
            if (!INTERNAL.contains(e.code())) {
                return refused(uri, ErrorStatus.of(e.code()), e.getMessage(), e.field());
            }
            return afterInternalFailure(request, uri, key, e.code().name(), e);
        } catch (RuntimeException e) {
            return afterInternalFailure(request, uri, key, e.getClass().getSimpleName(), e);
        }
    }

    private Map<String, Object> afterInternalFailure(
            Map<String, Object> request, String uri, String key, String reason, RuntimeException failure) {
        boolean publicOriginal = key != null && isPublicUpload(key);
        Log.LOG.warn(
                "{} {}: {}",
                publicOriginal ? "Passing the original through after" : "Refusing after",
                uri,
                failure.toString(),
                failure);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", LogLines.requestId());
        line.put(publicOriginal ? "passedThrough" : "refused", uri);
        line.put("reason", reason);
        System.out.println(Json.writeString(line));
        if (publicOriginal) {
            return request;
        }
        // Never hand CloudFront a key it could fetch from the bucket unless it is a public upload's.
        return response(503, "The image service is unavailable; try again", Optional.empty());
    }

    private boolean isPublicUpload(String key) {
        try {
            return publicFolders.holds(new BlobKey(key));
        } catch (RuntimeException notAKey) {
            return false;
        }
    }

    private static Map<String, Object> refused(String uri, int status, String message, Optional<String> field) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", LogLines.requestId());
        line.put("refused", uri);
        line.put("status", status);
        System.out.println(Json.writeString(line));
        return response(status, message, field);
    }

    /**
     * A response CloudFront sends instead of asking the origin: the image delivery's error shape
     * ({@code {"error", "field"}}), never stored in a cache (the same URL may work a moment later).
     */
    static Map<String, Object> response(int status, String message, Optional<String> field) {
        Map<String, Object> body = RouteFamily.IMAGE_DELIVERY.body(status, message, field, null);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(Map.of("key", "Content-Type", "value", "application/json; charset=utf-8")));
        headers.put("cache-control", List.of(Map.of("key", "Cache-Control", "value", "no-store")));
        headers.put("x-content-type-options", List.of(Map.of("key", "X-Content-Type-Options", "value", "nosniff")));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", Integer.toString(status));
        response.put("statusDescription", HttpStatusText.of(status));
        response.put("headers", headers);
        response.put("bodyEncoding", "text");
        response.put("body", Json.writeString(body));
        return response;
    }

    /**
     * The values of the request's {@code accept} header: CloudFront lists each header under its
     * lower-case name as {@code [{"key": "Accept", "value": "..."}]}. Anything else there is no header.
     */
    private static List<String> accept(Map<String, Object> request) {
        if (!(request.get("headers") instanceof Map<?, ?> headers)
                || !(headers.get("accept") instanceof List<?> entries)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> pair && pair.get("value") instanceof String value) {
                values.add(value);
            }
        }
        return values;
    }

    private static String encodePath(String key) {
        return Stream.of(key.split("/", -1))
                .map(segment ->
                        URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    /** The reason phrases CloudFront shows for the statuses this function answers with. */
    private static final class HttpStatusText {
        static String of(int status) {
            return switch (status) {
                case 400 -> "Bad Request";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 409 -> "Conflict";
                case 413 -> "Payload Too Large";
                case 415 -> "Unsupported Media Type";
                case 503 -> "Service Unavailable";
                default -> status >= 500 ? "Internal Server Error" : "Error";
            };
        }
    }
}
