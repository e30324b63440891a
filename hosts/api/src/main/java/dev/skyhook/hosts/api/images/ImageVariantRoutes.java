package dev.skyhook.hosts.api.images;

import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /img/{key}?w=&h=&fit=&q=&fmt=}: the variant's bytes, or a 302 to where it is stored
 * when it is over the inline limit. Variants never change, so they are cached for a year by anyone;
 * when {@code Accept} chose the format, the answer says {@code Vary: Accept}. Needs no API key;
 * {@code sig} when image URL signing is on. The request is read by {@link ImageVariantRequests}.
 */
public final class ImageVariantRoutes {
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final ImageVariantRequests requests;

    public ImageVariantRoutes(GetImageVariantUseCase variants, Optional<ImageUrlSigner> signing) {
        this.requests = new ImageVariantRequests(variants, signing);
    }

    public List<Route> routes() {
        return List.of(Route.of(
                "GET",
                "/img/{key+}",
                RouteFamily.IMAGE_DELIVERY,
                (request, path) -> variant(request, path.get("key"))));
    }

    private ApiResponse variant(ApiRequest request, String key) {
        ImageVariantRequests.Answer answer =
                requests.answer(key, request.query(), request.headers().all("Accept"));
        ImageVariant variant = answer.variant();
        Headers.Builder headers = Headers.builder()
                .add("Cache-Control", CACHE_CONTROL)
                .add("ETag", variant.etag())
                .add("X-Original-Bytes", Long.toString(variant.originalLength()))
                .add("X-Variant-Bytes", Long.toString(variant.length()));
        if (answer.negotiated()) {
            headers.add("Vary", "Accept");
        }
        if (variant.body().isEmpty()) {
            return new ApiResponse(
                    302, headers.add("Location", variant.url().toString()).build(), new byte[0]);
        }
        headers.add("X-Content-Type-Options", "nosniff");
        if (request.header("If-None-Match")
                .filter(tags -> List.of(tags.split(",\\s*")).contains(variant.etag()))
                .isPresent()) {
            return new ApiResponse(304, headers.build(), new byte[0]);
        }
        return new ApiResponse(
                200,
                headers.add("Content-Type", variant.contentType()).build(),
                variant.body().get());
    }
}
