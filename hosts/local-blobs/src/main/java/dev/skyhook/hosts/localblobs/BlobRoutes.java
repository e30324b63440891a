package dev.skyhook.hosts.localblobs;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequestAttempt;
import dev.skyhook.core.port.in.AcceptDirectUploadUseCase;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlVerifier;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Body;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpDates;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The local server's stand-in for S3: public objects at {@code GET /blobs/{key}} (what upload URLs
 * point to), and requests signed by {@code BlobUrlVerifier} at {@code /signed/{key}}: a direct
 * upload ({@code PUT}, checked like an S3 upload before it is kept) or a download ({@code GET}).
 */
public final class BlobRoutes {
    private final BlobStore store;
    private final BlobUrlVerifier verifier;
    private final AcceptDirectUploadUseCase directUploads;
    private final Predicate<BlobKey> isPublic;
    private final Clock clock;

    /** {@code isPublic}: which keys anyone may read at {@code /blobs} (uploaded images, not private files). */
    public BlobRoutes(
            BlobStore store,
            BlobUrlVerifier verifier,
            AcceptDirectUploadUseCase directUploads,
            Predicate<BlobKey> isPublic,
            Clock clock) {
        this.store = store;
        this.verifier = verifier;
        this.directUploads = directUploads;
        this.isPublic = isPublic;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        "/blobs/{key+}",
                        RouteFamily.GENERAL,
                        (request, path) -> publicBlob(request, path.get("key"))),
                Route.of(
                        "GET",
                        "/signed/{key+}",
                        RouteFamily.GENERAL,
                        (request, path) -> signedDownload(request, path.get("key"))),
                Route.of(
                        "PUT",
                        "/signed/{key+}",
                        RouteFamily.IMAGE_UPLOADS,
                        (request, path) -> signedUpload(request, path.get("key"))));
    }

    private ApiResponse publicBlob(ApiRequest request, String rawKey) {
        BlobKey key = BlobKey.of("key", rawKey);
        if (!isPublic.test(key)) {
            throw DomainException.notFound("No public object " + key);
        }
        return serve(request, key, Headers.builder().add("Cache-Control", "public, max-age=86400"));
    }

    /**
     * A private file, for whoever holds a valid link: kept by the browser alone ({@code private}) and for no
     * longer than the link stays valid, so neither a shared cache nor the browser serves it after that.
     */
    private ApiResponse signedDownload(ApiRequest request, String rawKey) {
        BlobKey key = BlobKey.of("key", rawKey);
        Instant expires = verifier.verify(
                attempt(request, key, request.content().length())); // body not read: a download signs no length
        long secondsLeft =
                Math.max(0, Duration.between(clock.instant(), expires).getSeconds());
        String name = key.value().substring(key.value().lastIndexOf('/') + 1);
        return serve(
                request,
                key,
                Headers.builder()
                        .add("Cache-Control", "private, max-age=" + secondsLeft)
                        .add("Expires", HttpDates.format(expires))
                        .add("Content-Disposition", ContentDisposition.attachment(name)));
    }

    /**
     * Streams the body into the store, as S3 takes a presigned PUT: the signature covers the
     * length, so it is checked against the declared {@code Content-Length} before a byte is read,
     * and the store keeps exactly that many bytes or nothing.
     */
    private ApiResponse signedUpload(ApiRequest request, String rawKey) {
        BlobKey key = BlobKey.of("key", rawKey);
        Body content = request.content();
        if (content.length() < 0) {
            throw HttpError.lengthRequired("a signed upload needs a Content-Length: the URL is signed for one length");
        }
        verifier.verify(attempt(request, key, content.length()));
        directUploads.accept(
                key,
                content.stream(),
                content.length(),
                request.header("Content-Type").orElse("application/octet-stream"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", 200);
        body.put("data", store.publicUrl(key).toString());
        return ApiResponse.json(200, body);
    }

    /**
     * Streams the blob (a large file is never held in memory on the local server) with {@code caching} and its
     * modification time; {@code 304} without the bytes when the client's copy is as new.
     */
    private ApiResponse serve(ApiRequest request, BlobKey key, Headers.Builder caching) {
        BlobContent blob = store.open(key).orElseThrow(() -> DomainException.notFound("No object " + key));
        Optional<Instant> lastModified = blob.info().lastModified();
        lastModified.ifPresent(time -> caching.add("Last-Modified", HttpDates.format(time)));
        // Stored bytes are served as what they are, never sniffed or run as a page.
        caching.add("X-Content-Type-Options", "nosniff");
        if (lastModified.isPresent() && unchangedSince(request, lastModified.get())) {
            blob.close();
            return new ApiResponse(304, caching.build(), new byte[0]);
        }
        Headers headers = caching.add("Content-Type", blob.info().contentType())
                .add("Content-Security-Policy", "default-src 'none'; sandbox")
                .build();
        return new ApiResponse(
                200, headers, Body.streamed(blob.stream(), blob.info().length()));
    }

    /**
     * {@code If-Modified-Since} at or after the blob's time (HTTP dates have whole seconds). Ignored when
     * {@code If-None-Match} is sent, when it is not a date, or when it lies in the future (RFC 9110 13.1.3).
     */
    private boolean unchangedSince(ApiRequest request, Instant lastModified) {
        if (request.header("If-None-Match").isPresent()) {
            return false;
        }
        return request.header("If-Modified-Since")
                .flatMap(HttpDates::parse)
                .filter(since -> !since.isAfter(clock.instant()))
                .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    private static SignedRequestAttempt attempt(ApiRequest request, BlobKey key, long contentLength) {
        return new SignedRequestAttempt(
                request.method(),
                key,
                request.queryParameter("expires").orElse(null),
                request.queryParameter("signature").orElse(null),
                request.header("Content-Type").orElse(null),
                contentLength);
    }
}
