package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.hosts.api.http.UrlEncoding;
import dev.skyhook.hosts.api.images.ImageUrlSigning;
import dev.skyhook.hosts.api.json.Json;
import dev.skyhook.hosts.lambda.events.CloudFrontEvents;
import dev.skyhook.hosts.lambda.logging.LogLines;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The seed's origin-request function for CloudFront: renders the variant that the request's URI
 * and query ({@code w, h, fit, q, fmt}) name, stores it under {@code ProcessedImages/}, and answers
 * the request rewritten to it, so CloudFront fetches the stored variant from the bucket. Any
 * failure passes the original request through unchanged, as the seed did. The size of the variant
 * does not matter here: the answer is the request, never the image.
 */
public final class CloudFrontOriginHandler implements RequestStreamHandler {
    private final GetImageVariantUseCase variants;
    private final ImageUrlSigning signing;
    private final EmfMetrics metrics;

    public CloudFrontOriginHandler() {
        this(Container.graph());
    }

    public CloudFrontOriginHandler(LambdaComponent graph) {
        this(graph.imageVariants(), graph.settings().imageUrlSigning(), graph.metrics());
    }

    public CloudFrontOriginHandler(GetImageVariantUseCase variants, ImageUrlSigning signing, EmfMetrics metrics) {
        this.variants = variants;
        this.signing = signing;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocations.run(context, metrics, () -> {
            Map<String, Object> request = CloudFrontEvents.request(ApiGatewayHandler.readEvent(input));
            output.write(Json.write(rewrite(request)));
        });
    }

    /** The request pointing at the stored variant, or {@code request} itself when anything fails. */
    Map<String, Object> rewrite(Map<String, Object> request) {
        String uri = CloudFrontEvents.uri(request);
        try {
            String path = UrlEncoding.decodePath(uri);
            String key = path.startsWith("/") ? path.substring(1) : path;
            Map<String, List<String>> query = UrlEncoding.parseQuery(CloudFrontEvents.querystring(request));
            String w = single(query, "w");
            String h = single(query, "h");
            String fit = single(query, "fit");
            String q = single(query, "q");
            String fmt = single(query, "fmt");
            signing.verify(key, w, h, fit, q, fmt, java.util.Optional.ofNullable(single(query, "sig")));
            ImageVariant variant = variants.variant(GetImageVariantCommand.parse(key, w, h, fit, q, fmt));
            Map<String, Object> rewritten = new LinkedHashMap<>(request);
            rewritten.put("uri", "/" + encodePath(variant.key().value()));
            rewritten.put("querystring", "");
            return rewritten;
        } catch (RuntimeException e) {
            String reason = e instanceof DomainException domain ? domain.code().name() : e.getClass().getSimpleName();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("requestId", LogLines.requestId());
            line.put("passedThrough", uri);
            line.put("reason", reason);
            System.out.println(Json.writeString(line));
            return request;
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw DomainException.invalid(name, name + " must be given once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static String encodePath(String key) {
        return Stream.of(key.split("/", -1))
            .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
            .collect(Collectors.joining("/"));
    }
}
