package dev.skyhook.adapters.local.signing;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.model.SignedRequestAttempt;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.BlobUrlVerifier;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * URLs on the local server signed with HMAC-SHA256 over the method, the key, the expiry and, for
 * uploads, the content type and length: {@code {base}/{key}?expires=<epoch s>&signature=<base64url>}.
 * Checked in constant time; a changed key, method, expiry, type or length, or an old URL, is refused.
 */
public final class HmacBlobUrlSigner implements BlobUrlSigner, BlobUrlVerifier {
    public static final int MIN_SECRET_BYTES = HmacSha256.MIN_SECRET_BYTES;

    private final HmacSha256 hmac;
    private final String baseUrl;
    private final Clock clock;

    /** {@code baseUrl}: where the local server answers signed requests, e.g. {@code http://localhost:8080/signed}. */
    public HmacBlobUrlSigner(byte[] secret, URI baseUrl, Clock clock) {
        this.hmac = new HmacSha256(secret, "the URL signing secret");
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url : url + "/";
        this.clock = clock;
    }

    @Override
    public SignedRequest signGet(BlobKey key, Duration ttl) {
        long expires = expiry(ttl);
        return new SignedRequest(
                "GET",
                url(key, expires, signature("GET", key, expires, "", -1)),
                Map.of(),
                Instant.ofEpochSecond(expires));
    }

    @Override
    public SignedRequest signPut(BlobKey key, String contentType, long contentLength, Duration ttl) {
        long expires = expiry(ttl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Long.toString(contentLength));
        return new SignedRequest(
                "PUT",
                url(key, expires, signature("PUT", key, expires, contentType, contentLength)),
                headers,
                Instant.ofEpochSecond(expires));
    }

    @Override
    public Instant verify(SignedRequestAttempt attempt) {
        long expires;
        try {
            expires = Long.parseLong(attempt.expires() == null ? "" : attempt.expires());
        } catch (NumberFormatException e) {
            throw forbidden("the URL has no valid expiry");
        }
        boolean upload = attempt.method().equals("PUT");
        String canonical = canonical(
                attempt.method(),
                attempt.key(),
                expires,
                upload ? nullToEmpty(attempt.contentType()) : "",
                upload ? attempt.contentLength() : -1);
        if (!hmac.matches(canonical, attempt.signature())) {
            throw forbidden("the URL's signature does not match");
        }
        // Checked after the signature, so a forged expiry is reported as a bad signature.
        if (clock.instant().getEpochSecond() > expires) {
            throw forbidden("the URL has expired");
        }
        return Instant.ofEpochSecond(expires);
    }

    private long expiry(Duration ttl) {
        return clock.instant().plus(ttl).getEpochSecond();
    }

    private String signature(String method, BlobKey key, long expires, String contentType, long contentLength) {
        return hmac.sign(canonical(method, key, expires, contentType, contentLength));
    }

    private static String canonical(String method, BlobKey key, long expires, String contentType, long contentLength) {
        return method + "\n" + key.value() + "\n" + expires + "\n" + contentType + "\n" + contentLength;
    }

    private URI url(BlobKey key, long expires, String signature) {
        StringBuilder url = new StringBuilder(baseUrl);
        String[] segments = key.value().split("/");
        for (int i = 0; i < segments.length; i++) {
            url.append(i == 0 ? "" : "/")
                    .append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        return URI.create(url + "?expires=" + expires + "&signature=" + signature);
    }

    private static DomainException forbidden(String message) {
        return new DomainException(ErrorCode.FORBIDDEN, message);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
