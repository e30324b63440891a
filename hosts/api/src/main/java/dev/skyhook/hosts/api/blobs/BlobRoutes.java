package dev.skyhook.hosts.api.blobs;

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
import dev.skyhook.hosts.api.http.ErrorFormat;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.images.ImageRoutes;
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

    /** {@code isPublic}: which keys anyone may read at {@code /blobs} (uploaded images, not private files). */
    public BlobRoutes(BlobStore store, BlobUrlVerifier verifier, AcceptDirectUploadUseCase directUploads, Predicate<BlobKey> isPublic) {
        this.store = store;
        this.verifier = verifier;
        this.directUploads = directUploads;
        this.isPublic = isPublic;
    }

    public List<Route> routes() {
        return List.of(
            Route.of("GET", "/blobs/{key+}", ErrorFormat.DEFAULT, (request, path) -> publicBlob(path.get("key"))),
            Route.of("GET", "/signed/{key+}", ErrorFormat.DEFAULT, (request, path) -> signedDownload(request, path.get("key"))),
            Route.of("PUT", "/signed/{key+}", ImageRoutes.ERRORS, (request, path) -> signedUpload(request, path.get("key"))));
    }

    private ApiResponse publicBlob(String rawKey) {
        BlobKey key = BlobKey.of("key", rawKey);
        if (!isPublic.test(key)) {
            throw DomainException.notFound("No public object " + key);
        }
        return serve(key, Optional.empty());
    }

    private ApiResponse signedDownload(ApiRequest request, String rawKey) {
        BlobKey key = BlobKey.of("key", rawKey);
        verifier.verify(attempt(request, key, request.content().length())); // body not read: a download signs no length
        String name = key.value().substring(key.value().lastIndexOf('/') + 1);
        return serve(key, Optional.of(ContentDisposition.attachment(name)));
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
        directUploads.accept(key, content.stream(), content.length(),
            request.header("Content-Type").orElse("application/octet-stream"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", 200);
        body.put("data", store.publicUrl(key).toString());
        return ApiResponse.json(200, body);
    }

    /** Streams the blob: a large file is never held in memory on the local server. */
    private ApiResponse serve(BlobKey key, Optional<String> disposition) {
        BlobContent blob = store.open(key).orElseThrow(() -> DomainException.notFound("No object " + key));
        Headers.Builder headers = Headers.builder()
            .add("Content-Type", blob.info().contentType())
            // Stored bytes are served as what they are, never sniffed or run as a page.
            .add("X-Content-Type-Options", "nosniff")
            .add("Content-Security-Policy", "default-src 'none'; sandbox")
            .add("Cache-Control", "public, max-age=86400");
        disposition.ifPresent(value -> headers.add("Content-Disposition", value));
        return new ApiResponse(200, headers.build(), Body.streamed(blob.stream(), blob.info().length()));
    }

    private static SignedRequestAttempt attempt(ApiRequest request, BlobKey key, long contentLength) {
        return new SignedRequestAttempt(request.method(), key, request.queryParameter("expires").orElse(null),
            request.queryParameter("signature").orElse(null), request.header("Content-Type").orElse(null), contentLength);
    }
}
