package dev.skyhook.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.port.out.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} must do. Each test works under its own random prefix, so a store
 * shared between tests (a real bucket) is fine.
 */
public abstract class BlobStoreContract {
    private BlobStore store;
    private String prefix;

    /** A store ready for use; called before each test. */
    protected abstract BlobStore store() throws Exception;

    @BeforeEach
    void setUpStore() throws Exception {
        store = store();
        prefix = "contract-" + UUID.randomUUID() + "/";
    }

    private BlobKey key(String name) {
        return new BlobKey(prefix + name);
    }

    private static BlobInfo withoutTime(BlobInfo info) {
        return new BlobInfo(info.key(), info.length(), info.contentType());
    }

    @Test
    void storesAndReadsBackBytesAndContentType() {
        byte[] content = randomBytes(70_000);
        // Stores keep whole seconds at worst (S3's Last-Modified).
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        store.put(key("a/b.png"), content, "image/png");
        Instant after = Instant.now().plusSeconds(1);

        BlobInfo info = store.stat(key("a/b.png")).orElseThrow();
        assertThat(withoutTime(info)).isEqualTo(new BlobInfo(key("a/b.png"), content.length, "image/png"));
        assertThat(info.lastModified())
                .hasValueSatisfying(time -> assertThat(time).isBetween(before, after));
        try (BlobContent blob = store.open(key("a/b.png")).orElseThrow()) {
            assertThat(blob.info().contentType()).isEqualTo("image/png");
            assertThat(blob.info().length()).isEqualTo(content.length);
            assertThat(blob.info().lastModified()).isEqualTo(info.lastModified());
            assertThat(blob.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void storesFromAStreamOfKnownLength() {
        byte[] content = randomBytes(1_000_000);
        InputStream stream = new ByteArrayInputStream(content);

        store.put(key("big.bin"), stream, content.length, "application/octet-stream");

        try (BlobContent blob = store.open(key("big.bin")).orElseThrow()) {
            assertThat(blob.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void storesFromASourceThatCanBeReadAgain() throws Exception {
        byte[] content = randomBytes(300_000);
        Path file = Files.createTempFile("blob-source-", ".bin");
        try {
            Files.write(file, content);
            store.put(key("spooled.bin"), BlobSource.ofFile(file), "application/pdf");
        } finally {
            Files.delete(file);
        }

        assertThat(store.stat(key("spooled.bin")).map(BlobStoreContract::withoutTime))
                .contains(new BlobInfo(key("spooled.bin"), content.length, "application/pdf"));
        try (BlobContent blob = store.open(key("spooled.bin")).orElseThrow()) {
            assertThat(blob.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void storesAnEmptyBlob() {
        store.put(key("empty.txt"), new byte[0], "text/plain");

        assertThat(store.stat(key("empty.txt")).orElseThrow().length()).isZero();
    }

    @Test
    void replacesWhatWasThere() {
        store.put(key("same"), "first".getBytes(StandardCharsets.UTF_8), "text/plain");
        store.put(key("same"), "second!".getBytes(StandardCharsets.UTF_8), "application/json");

        try (BlobContent blob = store.open(key("same")).orElseThrow()) {
            assertThat(new String(blob.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second!");
            assertThat(blob.info().contentType()).isEqualTo("application/json");
        }
    }

    @Test
    void missingBlobsAreEmptyAndDeletingThemIsFine() {
        assertThat(store.stat(key("missing"))).isEmpty();
        assertThat(store.open(key("missing"))).isEmpty();

        store.delete(key("missing"));
    }

    @Test
    void deleteRemovesTheBlob() {
        store.put(key("gone"), new byte[] {1, 2, 3}, "application/octet-stream");

        store.delete(key("gone"));

        assertThat(store.stat(key("gone"))).isEmpty();
        assertThat(store.list(prefix)).isEmpty();
    }

    @Test
    void listsKeysUnderAPrefixInOrder() {
        store.put(key("post/b.jpg"), new byte[] {1}, "image/jpeg");
        store.put(key("post/a.jpg"), new byte[] {1}, "image/jpeg");
        store.put(key("profile/c.jpg"), new byte[] {1}, "image/jpeg");

        assertThat(store.list(prefix + "post/")).containsExactly(key("post/a.jpg"), key("post/b.jpg"));
        assertThat(store.list(prefix)).hasSize(3);
        assertThat(store.list(prefix + "nothing/")).isEmpty();
    }

    @Test
    void listsSizesUnderAPrefixInOrder() {
        store.put(key("owner/b.txt"), new byte[] {1, 2}, "text/plain");
        store.put(key("owner/a/deep.bin"), randomBytes(70_000), "application/octet-stream");
        store.put(key("owner/empty"), new byte[0], "text/plain");
        store.put(key("owner-next/c.txt"), new byte[] {1, 2, 3}, "text/plain");
        store.put(key("owner/b.txt"), new byte[] {1, 2, 3, 4, 5}, "text/plain");

        assertThat(store.listWithSizes(prefix + "owner/", 10))
                .containsExactly(
                        new ListedBlob(key("owner/a/deep.bin"), 70_000),
                        new ListedBlob(key("owner/b.txt"), 5),
                        new ListedBlob(key("owner/empty"), 0));
        assertThat(store.listWithSizes(prefix + "owner", 10)).hasSize(4);
        assertThat(store.listWithSizes(prefix + "owner/b", 10)).containsExactly(new ListedBlob(key("owner/b.txt"), 5));
        assertThat(store.listWithSizes(prefix + "nobody/", 10)).isEmpty();
    }

    @Test
    void listingSizesStopsAtTheLimit() {
        for (String name : new String[] {"e", "b", "d", "a", "c"}) {
            store.put(key("many/" + name), new byte[] {1}, "text/plain");
        }

        assertThat(store.listWithSizes(prefix + "many/", 3))
                .extracting(ListedBlob::key)
                .containsExactly(key("many/a"), key("many/b"), key("many/c"));
        assertThat(store.listWithSizes(prefix + "many/", 5)).hasSize(5);
        assertThat(store.listWithSizes(prefix + "many/", 6)).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "with space.jpg",
                "김민준/사진.png",
                "quote'\"and+plus&amp.gif",
                "emoji 🦄.webp",
                "deep/er/and/deeper.bin"
            })
    void keysWithAwkwardCharactersRoundTrip(String name) {
        store.put(key(name), new byte[] {7}, "application/octet-stream");

        assertThat(store.stat(key(name))).isPresent();
        assertThat(store.list(prefix)).containsExactly(key(name));
        assertThat(store.listWithSizes(prefix, 10)).containsExactly(new ListedBlob(key(name), 1));
        assertThat(store.publicUrl(key(name)).toString()).doesNotContain(" ");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
