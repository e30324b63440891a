package dev.skyhook.adapters.local.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one HMAC rule of the local signers: HMAC-SHA256 over UTF-8 text, base64url without padding, compared in constant time. */
final class HmacSha256 {
    static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    /** {@code what} names the secret in the refusal of one under {@value #MIN_SECRET_BYTES} bytes. */
    HmacSha256(byte[] secret, String what) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(what + " must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    String sign(String canonical) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code presented} is the signature of {@code canonical}; the time taken does not say how much of it matched. */
    boolean matches(String canonical, String presented) {
        return MessageDigest.isEqual(
                sign(canonical).getBytes(StandardCharsets.US_ASCII),
                (presented == null ? "" : presented).getBytes(StandardCharsets.US_ASCII));
    }
}
