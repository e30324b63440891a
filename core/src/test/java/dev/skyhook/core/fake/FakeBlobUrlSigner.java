package dev.skyhook.core.fake;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.port.out.BlobUrlSigner;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Signs nothing: URLs that name what was asked, for tests of the callers. */
public final class FakeBlobUrlSigner implements BlobUrlSigner {
    private final Instant now;

    public FakeBlobUrlSigner(Instant now) {
        this.now = now;
    }

    @Override
    public SignedRequest signGet(BlobKey key, Duration ttl) {
        return new SignedRequest(
                "GET",
                URI.create("https://signed.example/" + key.value().replace(" ", "%20") + "?ttl=" + ttl.toSeconds()),
                Map.of(),
                now.plus(ttl));
    }

    @Override
    public SignedRequest signPut(BlobKey key, String contentType, long contentLength, Duration ttl) {
        return new SignedRequest(
                "PUT",
                URI.create("https://signed.example/" + key.value().replace(" ", "%20")),
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(contentLength)),
                now.plus(ttl));
    }
}
