package dev.skyhook.core.port.out;

import java.util.Optional;
import java.util.SequencedMap;

/**
 * Signatures on image URLs, so that strangers cannot mint unlimited variants of an image: a signature covers the
 * image's key and the URL's parameters exactly as the client writes them, in the order given. Which parameters
 * are signed is the caller's rule; an absent one is given as the empty string.
 */
public interface ImageUrlSigner {
    /** The signature of the URL of {@code key} with {@code parameters} (name to value). */
    String sign(String key, SequencedMap<String, String> parameters);

    /** Returns when {@code signature} is the URL's; otherwise FORBIDDEN, saying whether it is missing or wrong. */
    void verify(String key, SequencedMap<String, String> parameters, Optional<String> signature);
}
