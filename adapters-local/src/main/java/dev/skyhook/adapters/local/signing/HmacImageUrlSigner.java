package dev.skyhook.adapters.local.signing;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.port.out.ImageUrlSigner;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Image URLs signed with HMAC-SHA256 over {@code /img/<key>} and one {@code \n<name>=<value>} line per parameter, in
 * the order given ({@code IMAGE_URL_SIGNING=on} with {@code URL_SIGNING_SECRET}). The same secret and text on every
 * host, so a URL signed for one host is valid on the others.
 */
public final class HmacImageUrlSigner implements ImageUrlSigner {
    private final HmacSha256 hmac;

    public HmacImageUrlSigner(byte[] secret) {
        this.hmac = new HmacSha256(secret, "the image URL signing secret");
    }

    @Override
    public String sign(String key, SequencedMap<String, String> parameters) {
        return hmac.sign(canonical(key, parameters));
    }

    @Override
    public void verify(String key, SequencedMap<String, String> parameters, Optional<String> signature) {
        if (signature.isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "this image URL must be signed (sig)");
        }
        if (!hmac.matches(canonical(key, parameters), signature.get())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the image URL's signature does not match");
        }
    }

    private static String canonical(String key, SequencedMap<String, String> parameters) {
        StringBuilder text = new StringBuilder("/img/").append(key);
        parameters.forEach(
                (name, value) -> text.append('\n').append(name).append('=').append(value == null ? "" : value));
        return text.toString();
    }
}
