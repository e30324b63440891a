package dev.skyhook.hosts.api.images;

import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * {@code GET /img/{key}?w=&h=&fit=&q=&fmt=}: the variant's bytes, or a 302 to
 * where it is stored when it is over the inline limit. Variants never change, so they are cached
 * for a year by anyone. Needs no API key; {@code sig} when image URL signing is on.
 */
public final class ImageVariantRoutes {
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final GetImageVariantUseCase variants;
    private final Optional<ImageUrlSigner> signing;

    /** {@code signing}: present when image URLs must be signed ({@code IMAGE_URL_SIGNING=on}). */
    public ImageVariantRoutes(GetImageVariantUseCase variants, Optional<ImageUrlSigner> signing) {
        this.variants = variants;
        this.signing = signing;
    }

    public List<Route> routes() {
        return List.of(Route.of("GET", "/img/{key+}", RouteFamily.IMAGE_DELIVERY, (request, path) -> variant(request, path.get("key"))));
    }

    /** What a signature covers besides the key: these parameters as written, in this order; an absent one as empty. */
    public static SequencedMap<String, String> signedParameters(String w, String h, String fit, String q, String fmt) {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("w", w == null ? "" : w);
        parameters.put("h", h == null ? "" : h);
        parameters.put("fit", fit == null ? "" : fit);
        parameters.put("q", q == null ? "" : q);
        parameters.put("fmt", fmt == null ? "" : fmt);
        return parameters;
    }

    private ApiResponse variant(ApiRequest request, String key) {
        String w = request.queryParameter("w").orElse(null);
        String h = request.queryParameter("h").orElse(null);
        String fit = request.queryParameter("fit").orElse(null);
        String q = request.queryParameter("q").orElse(null);
        String fmt = request.queryParameter("fmt").orElse(null);
        Optional<String> sig = request.queryParameter("sig");
        signing.ifPresent(signer -> signer.verify(key, signedParameters(w, h, fit, q, fmt), sig));
        ImageVariant variant = variants.variant(GetImageVariantCommand.parse(key, w, h, fit, q, fmt));
        Headers.Builder headers = Headers.builder()
            .add("Cache-Control", CACHE_CONTROL)
            .add("ETag", variant.etag())
            .add("X-Original-Bytes", Long.toString(variant.originalLength()))
            .add("X-Variant-Bytes", Long.toString(variant.length()));
        if (variant.body().isEmpty()) {
            return new ApiResponse(302, headers.add("Location", variant.url().toString()).build(), new byte[0]);
        }
        headers.add("X-Content-Type-Options", "nosniff");
        if (request.header("If-None-Match").filter(tags -> List.of(tags.split(",\\s*")).contains(variant.etag())).isPresent()) {
            return new ApiResponse(304, headers.build(), new byte[0]);
        }
        return new ApiResponse(200, headers.add("Content-Type", variant.contentType()).build(), variant.body().get());
    }
}
