package dev.skyhook.adapters.aws.s3;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.port.out.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in one S3 bucket, the key as the object key. Failures arrive as
 * {@link DomainException}s (see {@link S3Errors}); no SDK type crosses the port.
 */
public final class S3BlobStore implements BlobStore {
    private static final String UNKNOWN_CONTENT_TYPE = "application/octet-stream";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int HEALTH_CHECK_SECONDS = 2;
    /**
     * Over plain HTTP, a stream up to this long is read into memory and sent whole (see {@link #WHOLE_BODY}),
     * so a photo's direct upload is not sent in aws-chunked pieces; a longer one still is, rather than hold
     * up to the direct-upload limit (100 MiB by default) in memory per upload.
     */
    static final int WHOLE_STREAM_LIMIT = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String publicBaseUrl;
    private final int listPageSize;
    private final boolean plainHttp;

    public S3BlobStore(S3Client s3, S3Settings settings) {
        this(s3, settings, 1000);
    }

    /** With a smaller page size, tests see the listing cross pages without storing a thousand objects. */
    S3BlobStore(S3Client s3, S3Settings settings, int listPageSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = settings.bucket();
        this.publicBaseUrl = settings.publicBaseUrl().toString();
        this.listPageSize = listPageSize;
        this.plainHttp = settings.plainHttp();
    }

    /**
     * Whether the bucket answers now, for a health check: one HeadBucket, given {@value #HEALTH_CHECK_SECONDS}
     * seconds in all (retries included), so a check never hangs on an unreachable store.
     */
    public boolean isReachable() {
        try {
            s3.headBucket(head -> head.bucket(bucket)
                    .overrideConfiguration(call -> call.apiCallTimeout(Duration.ofSeconds(HEALTH_CHECK_SECONDS))));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public void put(BlobKey key, InputStream content, long length, String contentType) {
        if (length == 0 || (plainHttp && length <= WHOLE_STREAM_LIMIT)) {
            put(key, RequestBody.fromBytes(readFully(key, content, (int) length)), length, contentType, true);
            return;
        }
        // A stream is read once, so it cannot be hashed before it is sent: it goes in signed pieces.
        put(key, RequestBody.fromInputStream(content, length), length, contentType, false);
    }

    private static byte[] readFully(BlobKey key, InputStream content, int length) {
        byte[] bytes;
        try {
            bytes = content.readNBytes(length);
        } catch (IOException e) {
            throw new DomainException(
                    ErrorCode.STORE_FAILURE, "could not read the content of " + key + ": " + e.getMessage(), e);
        }
        if (bytes.length != length) {
            throw DomainException.invalid(
                    "file", "the content ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** A source that can be read again makes a body the SDK can send again when it retries. */
    @Override
    public void put(BlobKey key, BlobSource content, String contentType) {
        put(
                key,
                RequestBody.fromContentProvider(
                        () -> {
                            try {
                                return content.open();
                            } catch (IOException e) {
                                throw new UncheckedIOException("could not read the content of " + key, e);
                            }
                        },
                        content.length(),
                        contentType),
                content.length(),
                contentType,
                plainHttp);
    }

    /** Bytes in memory make a body the SDK can send again when it retries (a dropped connection, a 503). */
    @Override
    public void put(BlobKey key, byte[] content, String contentType) {
        put(key, RequestBody.fromBytes(content), content.length, contentType, plainHttp);
    }

    private void put(BlobKey key, RequestBody body, long length, String contentType, boolean whole) {
        Objects.requireNonNull(contentType, "contentType");
        try {
            call(
                    "store " + key,
                    () -> s3.putObject(
                            request -> {
                                request.bucket(bucket)
                                        .key(key.value())
                                        .contentType(contentType)
                                        .contentLength(length);
                                if (whole) {
                                    request.overrideConfiguration(call -> call.addPlugin(WHOLE_BODY));
                                }
                            },
                            body));
        } catch (DomainException e) {
            if (e.code() == ErrorCode.STORE_UNAVAILABLE && bucketIsMissing()) {
                throw new DomainException(
                        ErrorCode.STORE_FAILURE,
                        "Could not store " + key + " in S3: the bucket " + bucket + " does not exist",
                        e);
            }
            throw e;
        }
    }

    /**
     * Sends a request's body whole, with one signed SHA-256, rather than in aws-chunked pieces (the
     * SDK's way of signing an upload over plain HTTP). S3Proxy answers once it has the object's bytes,
     * before the last (empty) piece, and closes the connection; a client that wrote that piece a moment
     * late (a loaded machine, a process just restored from a snapshot) failed every attempt. Used over
     * plain HTTP, where stores are local, for bodies that can be read twice (once to hash them; streams
     * up to {@link #WHOLE_STREAM_LIMIT} are read into memory for it), and for empty ones. S3 itself is
     * reached over HTTPS and keeps the SDK's defaults.
     */
    static final SdkPlugin WHOLE_BODY = config -> {
        S3ServiceClientConfiguration.Builder s3 = (S3ServiceClientConfiguration.Builder) config;
        S3AuthSchemeProvider chosen = s3.authSchemeProvider();
        s3.authSchemeProvider(parameters -> chosen.resolveAuthScheme(parameters).stream()
                .map(option -> option.toBuilder()
                        .putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
                        .build())
                .toList());
    };

    /**
     * A store may refuse a PUT for a missing bucket before it has read the body, and close the
     * connection: the client then sees a failed write, which reads as an outage. One HeadBucket tells
     * a misconfiguration (which retrying will not fix) from a real outage.
     */
    private boolean bucketIsMissing() {
        try {
            s3.headBucket(head -> head.bucket(bucket)
                    .overrideConfiguration(call -> call.apiCallTimeout(Duration.ofSeconds(HEALTH_CHECK_SECONDS))));
            return false;
        } catch (NoSuchBucketException e) {
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        return call("read the metadata of " + key, () -> {
            try {
                HeadObjectResponse head =
                        s3.headObject(request -> request.bucket(bucket).key(key.value()));
                return Optional.of(info(key, head.contentLength(), head.contentType(), head.lastModified()));
            } catch (NoSuchKeyException e) {
                // A HEAD answer has no body, so a missing bucket looks the same as a missing key here.
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<BlobContent> open(BlobKey key) {
        return call("read " + key, () -> {
            try {
                ResponseInputStream<GetObjectResponse> stream =
                        s3.getObject(request -> request.bucket(bucket).key(key.value()));
                GetObjectResponse response = stream.response();
                return Optional.of(new BlobContent(
                        info(key, response.contentLength(), response.contentType(), response.lastModified()), stream));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(BlobKey key) {
        // S3 answers 204 whether or not the object was there.
        call(
                "delete " + key,
                () -> s3.deleteObject(request -> request.bucket(bucket).key(key.value())));
    }

    /** In S3's order: lexicographic by the keys' UTF-8 bytes. */
    @Override
    public List<BlobKey> list(String prefix) {
        return call(
                "list " + prefix,
                () -> s3
                        .listObjectsV2Paginator(
                                request -> request.bucket(bucket).prefix(prefix).maxKeys(listPageSize))
                        .contents()
                        .stream()
                        .map(S3Object::key)
                        .flatMap(key -> addressable(key).stream())
                        .toList());
    }

    /**
     * ListObjectsV2 page by page, fetching the next page only while fewer than {@code limit} blobs
     * were found; objects this store cannot address are left out, as in {@link #list}.
     */
    @Override
    public List<ListedBlob> listWithSizes(String prefix, int limit) {
        return call(
                "list " + prefix,
                () -> s3
                        .listObjectsV2Paginator(request -> request.bucket(bucket)
                                .prefix(prefix)
                                .maxKeys(Math.max(1, Math.min(listPageSize, limit))))
                        .contents()
                        .stream()
                        .flatMap(object ->
                                addressable(object.key()).map(key -> new ListedBlob(key, object.size())).stream())
                        .limit(limit)
                        .toList());
    }

    @Override
    public URI publicUrl(BlobKey key) {
        return URI.create(publicBaseUrl + "/" + encodePath(key.value()));
    }

    /**
     * The key as a {@link BlobKey}, or empty for objects this store cannot address and so does not
     * list: folder markers ("post/") made in the S3 console, keys with empty segments, keys not in NFC.
     */
    private static Optional<BlobKey> addressable(String key) {
        try {
            BlobKey blobKey = new BlobKey(key);
            return blobKey.value().equals(key) ? Optional.of(blobKey) : Optional.empty();
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    private static BlobInfo info(BlobKey key, Long length, String contentType, Instant lastModified) {
        return new BlobInfo(
                key,
                length,
                contentType == null ? UNKNOWN_CONTENT_TYPE : contentType,
                Optional.ofNullable(lastModified));
    }

    /** Percent-encodes a key for a URL path the way S3 does: RFC 3986 unreserved characters and '/' stay. */
    static String encodePath(String key) {
        StringBuilder path = new StringBuilder(key.length() * 3 / 2);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                path.append(c);
            } else {
                path.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return path.toString();
    }

    private static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw S3Errors.translate(action, e);
        }
    }
}
