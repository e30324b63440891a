package dev.skyhook.adapters.local.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class HmacImageUrlSignerTest {
    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
    private final HmacImageUrlSigner signer = new HmacImageUrlSigner(SECRET);

    private static SequencedMap<String, String> parameters(String w, String fmt) {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("w", w);
        parameters.put("h", "");
        parameters.put("fit", "");
        parameters.put("q", "");
        parameters.put("fmt", fmt);
        return parameters;
    }

    @Test
    void signsTheTextUrlsWereSignedWithBefore() {
        // HMAC-SHA256 of "/img/post/a.jpg\nw=20\nh=\nfit=\nq=\nfmt=", computed independently: URLs already handed out
        // stay valid.
        assertThat(signer.sign("post/a.jpg", parameters("20", "")))
                .isEqualTo("olOpZEpEJvRFKX1cNmAkJtX-e_hs-GEiGyOChX-sXYk");
    }

    @Test
    void acceptsItsOwnSignatureAndRefusesAnyChange() {
        String sig = signer.sign("post/a.jpg", parameters("20", ""));

        assertThatCode(() -> signer.verify("post/a.jpg", parameters("20", ""), Optional.of(sig)))
                .doesNotThrowAnyException();
        assertForbidden(() -> signer.verify("post/a.jpg", parameters("21", ""), Optional.of(sig)), "does not match");
        assertForbidden(() -> signer.verify("post/b.jpg", parameters("20", ""), Optional.of(sig)), "does not match");
        assertForbidden(() -> signer.verify("post/a.jpg", parameters("20", "png"), Optional.of(sig)), "does not match");
        assertForbidden(
                () -> signer.verify("post/a.jpg", parameters("20", ""), Optional.of(sig.substring(1))),
                "does not match");
        assertForbidden(() -> signer.verify("post/a.jpg", parameters("20", ""), Optional.empty()), "must be signed");
        assertThat(new HmacImageUrlSigner("another-secret-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8))
                        .sign("post/a.jpg", parameters("20", "")))
                .isNotEqualTo(sig);
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new HmacImageUrlSigner(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    private static void assertForbidden(Runnable verify, String message) {
        assertThatThrownBy(verify::run)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining(message);
    }
}
