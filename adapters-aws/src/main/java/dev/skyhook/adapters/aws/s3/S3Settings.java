package dev.skyhook.adapters.aws.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which bucket holds the blobs and how to reach it: {@code BUCKET_NAME} (or the original function's
 * {@code dev_bucket}), {@code AWS_REGION}, and for S3-compatible stores and tests an endpoint
 * override ({@code S3_ENDPOINT}, addressed path-style). {@code publicBaseUrl} is where clients
 * fetch blobs ({@code PUBLIC_BASE_URL}, e.g. a CDN). Holds no credentials: those come from the
 * SDK's default chain, or are given to {@link S3Clients} in tests.
 */
public record S3Settings(
        String bucket,
        String region,
        Optional<URI> endpoint,
        URI publicBaseUrl,
        Duration connectTimeout,
        Duration readTimeout) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longest wait for the next bytes of an answer; API Gateway gives up on a request after 29 s. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    // S3's rules for general purpose buckets: 3-63 lowercase letters, digits, dots, hyphens.
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        requireValidBucket(bucket);
        requireValidRegion(region);
        endpoint.ifPresent(uri -> requireHttpUrl("S3_ENDPOINT", uri));
        requireHttpUrl("PUBLIC_BASE_URL", publicBaseUrl);
        publicBaseUrl = withoutTrailingSlash(publicBaseUrl);
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("S3 timeouts must be positive");
        }
    }

    /**
     * Whether the store is reached over plain HTTP (a local S3-compatible store, never S3 itself): the
     * one answer to it, which decides how uploads are signed (see {@link S3BlobStore}).
     */
    public boolean plainHttp() {
        return endpoint.map(uri -> "http".equals(uri.getScheme())).orElse(false);
    }

    /**
     * Settings for {@code bucket}; {@code publicBaseUrl} defaults to {@code https://{bucket}.s3.{region}.amazonaws.com},
     * or {@code {endpoint}/{bucket}} when an endpoint is given. Bucket and region are checked before they go into the
     * default URL, so a bad value is named, not a bad URL.
     */
    public static S3Settings of(String bucket, String region, Optional<URI> endpoint, Optional<URI> publicBaseUrl) {
        requireValidBucket(bucket);
        requireValidRegion(region);
        return new S3Settings(
                bucket,
                region,
                endpoint,
                publicBaseUrl.orElseGet(() -> defaultPublicBaseUrl(bucket, region, endpoint)),
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT);
    }

    /** The same settings with other timeouts (tests use short ones). */
    public S3Settings withTimeouts(Duration connect, Duration read) {
        return new S3Settings(bucket, region, endpoint, publicBaseUrl, connect, read);
    }

    private static String requireValidBucket(String bucket) {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(
                    "BUCKET_NAME must be a valid S3 bucket name (3 to 63 lowercase letters, digits, "
                            + "dots and hyphens), was '" + bucket + "'");
        }
        return bucket;
    }

    private static String requireValidRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "AWS_REGION must be a region name such as us-east-1, was '" + region + "'");
        }
        return region;
    }

    private static URI defaultPublicBaseUrl(String bucket, String region, Optional<URI> endpoint) {
        // An S3-compatible store is addressed path-style, so its objects are under {endpoint}/{bucket}.
        return endpoint.map(uri -> URI.create(withoutTrailingSlash(uri) + "/" + bucket))
                .orElseGet(() -> URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com"));
    }

    private static void requireHttpUrl(String name, URI uri) {
        // Refused rather than printed: whatever is written there would be a secret in logs.
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must not contain credentials");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL, was '" + uri + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must not have a query or fragment");
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
