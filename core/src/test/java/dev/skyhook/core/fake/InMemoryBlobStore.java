package dev.skyhook.core.fake;

import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.port.out.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BlobStore} in memory: the fake for tests and for the in-process test host. */
public final class InMemoryBlobStore implements BlobStore {
    private record Blob(byte[] content, String contentType, Instant written) {}

    private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final String publicBaseUrl;

    public InMemoryBlobStore(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl : publicBaseUrl + "/";
    }

    public InMemoryBlobStore() {
        this("http://localhost/blobs/");
    }

    @Override
    public void put(BlobKey key, InputStream content, long length, String contentType) {
        try {
            byte[] bytes = content.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
            if (bytes.length != length) {
                throw new IllegalArgumentException("expected " + length + " bytes, got " + bytes.length);
            }
            blobs.put(key.value(), new Blob(bytes, contentType, Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        Blob blob = blobs.get(key.value());
        return blob == null
                ? Optional.empty()
                : Optional.of(new BlobInfo(key, blob.content.length, blob.contentType, blob.written));
    }

    @Override
    public Optional<BlobContent> open(BlobKey key) {
        Blob blob = blobs.get(key.value());
        return blob == null
                ? Optional.empty()
                : Optional.of(new BlobContent(
                        new BlobInfo(key, blob.content.length, blob.contentType, blob.written),
                        new ByteArrayInputStream(blob.content)));
    }

    @Override
    public void delete(BlobKey key) {
        blobs.remove(key.value());
    }

    @Override
    public List<BlobKey> list(String prefix) {
        return blobs.keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .map(BlobKey::new)
                .toList();
    }

    @Override
    public List<ListedBlob> listWithSizes(String prefix, int limit) {
        return blobs.tailMap(prefix).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(prefix))
                .limit(limit)
                .map(entry -> new ListedBlob(new BlobKey(entry.getKey()), entry.getValue().content.length))
                .toList();
    }

    @Override
    public URI publicUrl(BlobKey key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.value().split("/")) {
            path.append(path.length() == 0 ? "" : "/")
                    .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(publicBaseUrl + path);
    }
}
