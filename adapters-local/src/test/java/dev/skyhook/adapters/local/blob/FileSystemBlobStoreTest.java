package dev.skyhook.adapters.local.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.contract.BlobStoreContract;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.port.out.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore store() {
        return new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));
    }

    @Test
    void aWriteThatDiesHalfwayLeavesNoPartialBlobAndKeepsTheOldOne() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));
        BlobKey key = new BlobKey("post/photo.jpg");
        store.put(key, "old".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        InputStream dying = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ == 50_000) {
                    throw new IOException("connection reset by peer");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.put(key, dying, 1_000_000, "image/jpeg")).isInstanceOf(DomainException.class);

        assertThat(store.open(key).orElseThrow().readAllBytes()).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
        assertThat(store.list("")).containsExactly(key);
        assertThat(filesUnder(root.resolve("tmp"))).isZero();
    }

    @Test
    void isReachableWhileItsDirectoriesAreThere() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));
        assertThat(store.isReachable()).isTrue();

        // A data directory removed or unmounted under a running server.
        Files.delete(root.resolve("tmp"));

        assertThat(store.isReachable()).isFalse();
    }

    @Test
    void aShortOrLongStreamIsRefusedAndNothingIsStored() {
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));

        assertThatThrownBy(() -> store.put(new BlobKey("a"), new ByteArrayInputStream(new byte[10]), 11, "x/y"))
            .isInstanceOf(DomainException.class).hasMessageContaining("ended after 10 of 11");
        assertThatThrownBy(() -> store.put(new BlobKey("b"), new ByteArrayInputStream(new byte[12]), 11, "x/y"))
            .isInstanceOf(DomainException.class).hasMessageContaining("longer");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void leftoversFromACrashAreRemovedWhenTheStoreOpens() throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        Files.write(root.resolve("tmp/1234.part"), new byte[100]);

        BlobStore store = store();

        assertThat(filesUnder(root.resolve("tmp"))).isZero();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void storedBlobsArePlainFilesUnderObjects() throws IOException {
        store().put(new BlobKey("profile/me.png"), new byte[] {1, 2, 3}, "image/png");

        assertThat(Files.readAllBytes(root.resolve("objects/profile/me.png"))).containsExactly(1, 2, 3);
    }

    @Test
    void publicUrlsEncodeEachSegment() {
        assertThat(store().publicUrl(new BlobKey("post/a b/김.jpg")).toString())
            .isEqualTo("http://localhost:8080/blobs/post/a%20b/%EA%B9%80.jpg");
    }

    @Test
    void overlongPathSegmentsAreRefusedClearly() {
        assertThatThrownBy(() -> store().put(new BlobKey("post/" + "a".repeat(300)), new byte[1], "x/y"))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).contains("key"));
    }

    private static long filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
