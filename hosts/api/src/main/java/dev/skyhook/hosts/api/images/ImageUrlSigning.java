package dev.skyhook.hosts.api.images;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Optional HMAC-SHA256 signatures on image URLs ({@code IMAGE_URL_SIGNING}), so strangers cannot
 * mint unlimited variants: {@code sig} signs the key and the parameters exactly as written, in the
 * fixed order {@code w, h, fit, q, fmt}. Off, any variant may be asked for.
 */
public final class ImageUrlSigning {
    private final Optional<byte[]> secret;

    private ImageUrlSigning(Optional<byte[]> secret) {
        this.secret = secret;
    }

    public static ImageUrlSigning off() {
        return new ImageUrlSigning(Optional.empty());
    }

    public static ImageUrlSigning hmac(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the image URL signing secret must have at least 32 bytes");
        }
        return new ImageUrlSigning(Optional.of(secret.clone()));
    }

    public boolean enabled() {
        return secret.isPresent();
    }

    /** The {@code sig} value for a variant URL; parameters that are absent are null. */
    public String sign(String key, String w, String h, String fit, String q, String fmt) {
        byte[] key32 = secret.orElseThrow(() -> new IllegalStateException("image URL signing is off"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key32, "HmacSHA256"));
            String message = "/img/" + key + "\nw=" + value(w) + "\nh=" + value(h) + "\nfit=" + value(fit) + "\nq=" + value(q)
                + "\nfmt=" + value(fmt);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns when signing is off or {@code sig} matches; otherwise FORBIDDEN. */
    public void verify(String key, String w, String h, String fit, String q, String fmt, Optional<String> sig) {
        if (secret.isEmpty()) {
            return;
        }
        if (sig.isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "this image URL must be signed (sig)");
        }
        byte[] expected = sign(key, w, h, fit, q, fmt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.get().getBytes(StandardCharsets.US_ASCII))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the image URL's signature does not match");
        }
    }

    private static String value(String parameter) {
        return parameter == null ? "" : parameter;
    }
}
