package dev.skyhook.adapters.local.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skyhook.core.contract.BlobStoreContract;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.port.out.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
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
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("ended after 10 of 11");
        assertThatThrownBy(() -> store.put(new BlobKey("b"), new ByteArrayInputStream(new byte[12]), 11, "x/y"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("longer");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void leftoversFromACrashAreRemovedWhenTheStoreOpens() throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        Files.write(root.resolve("tmp/1234.part"), new byte[100]);

        BlobStore store = store();

        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void eachBlobIsOneFileHoldingItsTypeLengthAndTimeBeforeItsBytes() throws IOException {
        long before = System.currentTimeMillis();
        store().put(new BlobKey("profile/me.png"), new byte[] {1, 2, 3}, "image/png");
        long after = System.currentTimeMillis();

        Path file = root.resolve("keys/profile/me.png");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            BlobHeader header = BlobHeader.readFrom(channel);
            assertThat(header.contentType()).isEqualTo("image/png");
            assertThat(header.length()).isEqualTo(3);
            assertThat(header.storedAtMillis()).isBetween(before, after);
            assertThat(Channels.newInputStream(channel).readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(filesUnder(root)).containsExactly(file);
    }

    /**
     * Replacing one key from several threads while others read it: before every write went into one
     * file, 1 read in 50 could get one upload's bytes with another's type.
     */
    @Test
    void concurrentReplacementsNeverPairOneUploadsBytesWithAnothersType() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));
        int writers = 3;
        int readers = 2;
        List<byte[]> contents = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            // Different lengths and fillings: a read can tell whose bytes it got.
            byte[] content = new byte[40_000 + writer * 7_919];
            Arrays.fill(content, (byte) ('a' + writer));
            contents.add(content);
        }
        BlobKey key = new BlobKey("post/contested.bin");
        List<String> mismatches = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        try {
            for (int round = 0; round < 300 && mismatches.isEmpty(); round++) {
                CyclicBarrier start = new CyclicBarrier(writers + readers);
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Future<?>> writes = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    int id = writer;
                    writes.add(pool.submit(() -> {
                        start.await();
                        store.put(key, contents.get(id), typeOf(id));
                        return null;
                    }));
                }
                List<Future<?>> readsOfRound = new ArrayList<>();
                String when = "round " + round;
                for (int reader = 0; reader < readers; reader++) {
                    readsOfRound.add(pool.submit(() -> {
                        start.await();
                        do {
                            readOnce(store, key, contents, when + ", while writing")
                                    .ifPresent(mismatches::add);
                            reads.incrementAndGet();
                        } while (writing.get());
                        return null;
                    }));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
                writing.set(false);
                for (Future<?> read : readsOfRound) {
                    read.get();
                }
                assertThat(store.stat(key)).as(when).isPresent();
                readOnce(store, key, contents, when + ", after the writers").ifPresent(mismatches::add);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(mismatches).as("mixed reads out of %d", reads.get()).isEmpty();
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    }

    /** Empty when the blob is missing or is one writer's bytes with that writer's type and length; else what was wrong. */
    private static Optional<String> readOnce(BlobStore store, BlobKey key, List<byte[]> contents, String when) {
        Optional<BlobInfo> stat = store.stat(key);
        if (stat.isPresent()
                && stat.get().length() != contents.get(writerOf(stat.get().contentType())).length) {
            return Optional.of(when + ": stat gave " + stat.get().length() + " bytes with the type "
                    + stat.get().contentType());
        }
        Optional<BlobContent> opened = store.open(key);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (BlobContent blob = opened.get()) {
            int writer = writerOf(blob.info().contentType());
            byte[] bytes = blob.readAllBytes();
            if (blob.info().length() != bytes.length || !Arrays.equals(bytes, contents.get(writer))) {
                return Optional.of(when + ": writer " + writer + "'s type with " + bytes.length + " bytes of '"
                        + (bytes.length == 0 ? "" : (char) bytes[0]) + "' (declared length "
                        + blob.info().length() + ")");
            }
            return Optional.empty();
        }
    }

    private static String typeOf(int writer) {
        return "application/x-writer-" + writer;
    }

    private static int writerOf(String contentType) {
        return Integer.parseInt(contentType.substring("application/x-writer-".length()));
    }

    @Test
    void directoriesAreOwnerOnlyAndFilesAreOwnerOnlyFromTheirFirstByte() throws IOException {
        assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        // An older version's directory, open to everyone.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));
        List<String> stagedWhileWriting = new ArrayList<>();
        InputStream watching = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent == 0) {
                    for (Path staged : filesUnder(root.resolve("tmp"))) {
                        stagedWhileWriting.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(staged)));
                    }
                }
                return sent++ < 10 ? 'x' : -1;
            }
        };

        store.put(new BlobKey("reports/2026/q3.pdf"), watching, 10, "application/pdf");

        assertThat(stagedWhileWriting).containsExactly("rw-------");
        try (Stream<Path> everything = Files.walk(root)) {
            assertThat(everything)
                    .allSatisfy(path -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                            .as(root.relativize(path).toString())
                            .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    @Test
    void blobsKeptTheOldWayWithTheirTypeBesideThemAreMovedIntoOneFileWhenTheStoreOpens() throws IOException {
        Files.createDirectories(root.resolve("objects/post"));
        Files.createDirectories(root.resolve("types/post"));
        Files.write(root.resolve("objects/post/a.jpg"), new byte[] {1, 2, 3});
        Files.writeString(root.resolve("types/post/a.jpg"), "image/jpeg");
        Files.setLastModifiedTime(root.resolve("objects/post/a.jpg"), FileTime.fromMillis(1_700_000_000_000L));
        Files.write(root.resolve("objects/untyped.bin"), new byte[] {4});
        Files.writeString(root.resolve("types/orphan"), "text/plain"); // a crash between the two moves of old
        Files.createDirectories(root.resolve("objects/empty/folder"));

        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));

        assertThat(store.list("")).containsExactly(new BlobKey("post/a.jpg"), new BlobKey("untyped.bin"));
        try (BlobContent blob = store.open(new BlobKey("post/a.jpg")).orElseThrow()) {
            // The old file's time is kept as when the blob was stored: its Last-Modified stays the same.
            assertThat(blob.info())
                    .isEqualTo(new BlobInfo(
                            new BlobKey("post/a.jpg"), 3, "image/jpeg", Instant.ofEpochMilli(1_700_000_000_000L)));
            assertThat(blob.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(store.stat(new BlobKey("untyped.bin")).orElseThrow().contentType())
                .isEqualTo("application/octet-stream");
        try (FileChannel channel = FileChannel.open(root.resolve("keys/post/a.jpg"), StandardOpenOption.READ)) {
            assertThat(BlobHeader.readFrom(channel).storedAtMillis()).isEqualTo(1_700_000_000_000L);
        }
        assertThat(root.resolve("objects")).doesNotExist();
        assertThat(root.resolve("types")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAWholeBlobIsAStoreFailureNotBytesUnderAWrongType() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost:8080/blobs"));
        store.put(new BlobKey("cut.bin"), new byte[100], "application/pdf");
        Path file = root.resolve("keys/cut.bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 1);
        }
        Files.write(root.resolve("keys/plain.txt"), "no header".getBytes(StandardCharsets.UTF_8));

        for (String key : List.of("cut.bin", "plain.txt")) {
            assertThatThrownBy(() -> store.open(new BlobKey(key)))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
            assertThatThrownBy(() -> store.stat(new BlobKey(key)))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
        }
    }

    @Test
    void aKeyUnderAnotherKeyOrNamingAFolderOfKeysIsRefusedClearly() {
        BlobStore store = store();
        store.put(new BlobKey("a"), new byte[1], "x/y");
        store.put(new BlobKey("c/d"), new byte[1], "x/y");

        assertThatThrownBy(() -> store.put(new BlobKey("a/b"), new byte[1], "x/y"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("key"))
                .hasMessageContaining("'a' is a blob");
        assertThatThrownBy(() -> store.put(new BlobKey("c"), new byte[1], "x/y"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("key"))
                .hasMessageContaining("a folder of other blobs");
        assertThat(store.list("")).containsExactly(new BlobKey("a"), new BlobKey("c/d"));
    }

    @Test
    void anOverlongContentTypeIsRefusedAndNothingIsStored() {
        BlobStore store = store();

        assertThatThrownBy(() -> store.put(
                        new BlobKey("long"), new byte[1], "x/" + "y".repeat(BlobHeader.MAX_CONTENT_TYPE_BYTES)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("contentType"));
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void publicUrlsEncodeEachSegment() {
        assertThat(store().publicUrl(new BlobKey("post/a b/김.jpg")).toString())
                .isEqualTo("http://localhost:8080/blobs/post/a%20b/%EA%B9%80.jpg");
    }

    @Test
    void overlongPathSegmentsAreRefusedClearly() {
        assertThatThrownBy(() -> store().put(new BlobKey("post/" + "a".repeat(300)), new byte[1], "x/y"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("key"));
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
