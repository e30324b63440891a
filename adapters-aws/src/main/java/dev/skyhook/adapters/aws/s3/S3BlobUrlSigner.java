package dev.skyhook.adapters.aws.s3;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.port.out.BlobUrlSigner;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 presigned URLs (SigV4 in the query string). Signing happens on this machine: no request to S3,
 * and the URL works only as long as the credentials that signed it (a Lambda role's session
 * credentials can end before {@code ttl} does).
 *
 * <p>Downloads never render on the bucket's origin, whatever the uploader said the file was: the
 * signed URL carries S3's response overrides, so S3 answers {@code Content-Disposition: attachment}
 * and {@code Content-Type: application/octet-stream} (S3 cannot send {@code nosniff}; with a type
 * that is no document or script and an attachment, there is nothing to sniff into a page). The
 * overrides are part of the signature: a client that drops or changes one gets 403. The answer is
 * also {@code Cache-Control: private} with {@code Expires} at the link's expiry, so no shared cache
 * keeps it and no browser cache keeps it longer than the link is valid.
 */
public final class S3BlobUrlSigner implements BlobUrlSigner {
    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_TTL = Duration.ofDays(7);
    /** The type every download is served as: bytes to save, never a document to render. */
    public static final String DOWNLOAD_CONTENT_TYPE = "application/octet-stream";

    private final S3Presigner presigner;
    private final String bucket;

    public S3BlobUrlSigner(S3Presigner presigner, S3Settings settings) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = settings.bucket();
    }

    @Override
    public SignedRequest signGet(BlobKey key, Duration ttl) {
        requireValid(ttl);
        // Whole seconds, rounded down: HTTP dates have no fractions, and the link lives at least this long.
        Instant expires = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        return sign(
                "sign a download of " + key,
                () -> presigner.presignGetObject(presign -> presign.signatureDuration(ttl)
                        .getObjectRequest(get -> get.bucket(bucket)
                                .key(key.value())
                                .responseContentDisposition(Attachment.dispositionFor(key.value()))
                                .responseContentType(DOWNLOAD_CONTENT_TYPE)
                                .responseCacheControl("private")
                                .responseExpires(expires))));
    }

    /** The returned headers are {@code content-type} and {@code content-length}: both are signed. */
    @Override
    public SignedRequest signPut(BlobKey key, String contentType, long contentLength, Duration ttl) {
        requireValid(ttl);
        Objects.requireNonNull(contentType, "contentType");
        if (contentLength < 0) {
            throw new IllegalArgumentException("contentLength must not be negative");
        }
        return sign(
                "sign an upload of " + key,
                () -> presigner.presignPutObject(presign -> presign.signatureDuration(ttl)
                        .putObjectRequest(put -> put.bucket(bucket)
                                .key(key.value())
                                .contentType(contentType)
                                .contentLength(contentLength))));
    }

    private static SignedRequest sign(String action, Supplier<PresignedRequest> presign) {
        PresignedRequest presigned;
        try {
            presigned = presign.get();
        } catch (SdkException e) {
            // For instance, no credentials could be found to sign with.
            throw S3Errors.translate(action, e);
        }
        return new SignedRequest(
                presigned.httpRequest().method().name(),
                toUri(presigned),
                headersToSend(presigned.signedHeaders()),
                presigned.expiration());
    }

    /** The signed headers without {@code host}, which every HTTP client derives from the URL. */
    private static Map<String, String> headersToSend(Map<String, List<String>> signedHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        signedHeaders.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    private static URI toUri(PresignedRequest presigned) {
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned a URL that is not a URI: " + presigned.url(), e);
        }
    }

    private static void requireValid(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(
                    "a presigned URL must be valid for more than 0 s and at most 7 days, was " + ttl);
        }
    }
}
