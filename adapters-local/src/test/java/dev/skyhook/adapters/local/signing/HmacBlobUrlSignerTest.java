package dev.skyhook.adapters.local.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.model.SignedRequestAttempt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacBlobUrlSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    private final HmacBlobUrlSigner signer = signerAt(NOW);

    private static HmacBlobUrlSigner signerAt(Instant instant) {
        return new HmacBlobUrlSigner(
                SECRET, URI.create("http://localhost:8080/signed"), Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static Map<String, String> query(SignedRequest request) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : request.url().getRawQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return query;
    }

    @Test
    void aSignedGetVerifiesUntilItExpires() {
        BlobKey key = new BlobKey("docs/김 report.pdf");
        SignedRequest get = signer.signGet(key, Duration.ofSeconds(3600));
        Map<String, String> query = query(get);

        assertThat(get.url().toString())
                .startsWith("http://localhost:8080/signed/docs/%EA%B9%80%20report.pdf?expires=");
        assertThat(signer.verify(
                        new SignedRequestAttempt("GET", key, query.get("expires"), query.get("signature"), null, 0)))
                .isEqualTo(get.expiresAt())
                .isEqualTo(NOW.plusSeconds(3600));
        signerAt(NOW.plusSeconds(3600))
                .verify(new SignedRequestAttempt("GET", key, query.get("expires"), query.get("signature"), null, 0));
        assertForbidden(
                signerAt(NOW.plusSeconds(3601)),
                new SignedRequestAttempt("GET", key, query.get("expires"), query.get("signature"), null, 0));
    }

    @Test
    void anythingChangedIsForbidden() {
        BlobKey key = new BlobKey("docs/a.pdf");
        Map<String, String> query = query(signer.signGet(key, Duration.ofHours(1)));
        String signature = query.get("signature");
        String tampered = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        long later = Long.parseLong(query.get("expires")) + 86_400;

        assertForbidden(signer, new SignedRequestAttempt("GET", key, query.get("expires"), tampered, null, 0));
        assertForbidden(
                signer,
                new SignedRequestAttempt("GET", new BlobKey("docs/b.pdf"), query.get("expires"), signature, null, 0));
        assertForbidden(signer, new SignedRequestAttempt("GET", key, Long.toString(later), signature, null, 0));
        assertForbidden(signer, new SignedRequestAttempt("PUT", key, query.get("expires"), signature, null, 0));
        assertForbidden(signer, new SignedRequestAttempt("GET", key, "soon", signature, null, 0));
        assertForbidden(signer, new SignedRequestAttempt("GET", key, query.get("expires"), null, null, 0));
    }

    @Test
    void aSignedPutBindsTheContentTypeAndLength() {
        BlobKey key = new BlobKey("post/1.png");
        SignedRequest put = signer.signPut(key, "image/png", 1234, Duration.ofMinutes(15));
        Map<String, String> query = query(put);

        assertThat(put.headers()).containsEntry("Content-Type", "image/png").containsEntry("Content-Length", "1234");
        signer.verify(
                new SignedRequestAttempt("PUT", key, query.get("expires"), query.get("signature"), "image/png", 1234));
        assertForbidden(
                signer,
                new SignedRequestAttempt("PUT", key, query.get("expires"), query.get("signature"), "image/png", 1235));
        assertForbidden(
                signer,
                new SignedRequestAttempt("PUT", key, query.get("expires"), query.get("signature"), "text/html", 1234));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new HmacBlobUrlSigner(new byte[16], URI.create("http://x/"), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGeneratedSecretIsKeptAndReused(@TempDir Path data) {
        byte[] first = SigningSecrets.configuredOrKept(null, data.resolve("url-signing.key"));
        byte[] second = SigningSecrets.configuredOrKept("", data.resolve("url-signing.key"));

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(SigningSecrets.configuredOrKept("a-configured-secret-of-32-bytes!!", data.resolve("x")))
                .hasSize(33);
    }

    private static void assertForbidden(HmacBlobUrlSigner verifier, SignedRequestAttempt attempt) {
        assertThatThrownBy(() -> verifier.verify(attempt))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
}
