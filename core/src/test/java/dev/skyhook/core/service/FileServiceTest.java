package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.FakeBlobUrlSigner;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.port.in.UploadFileCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileServiceTest {
    private static final FileOwner ALICE = FileOwner.of("alice");
    private static final FileOwner BOB = FileOwner.of("bob");

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final FileService files = service(new FileQuota(100, 3));

    private FileService service(FileQuota quota) {
        return new FileService(store, new FakeBlobUrlSigner(Instant.EPOCH), Duration.ofSeconds(3600), quota);
    }

    private static void upload(FileService files, FileOwner owner, String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        files.upload(
                new UploadFileCommand(owner, UploadFileCommand.fileName(name), BlobSource.of(bytes), "text/plain"));
    }

    private void upload(FileOwner owner, String name, String text) {
        upload(files, owner, name, text);
    }

    private String read(String key) {
        return new String(store.open(new BlobKey(key)).orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static DomainException failure(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a DomainException");
    }

    @Test
    void storesUnderTheOwnersPrefixAndReplacesASameNamedFile() {
        upload(ALICE, "reports/q3.pdf", "first");
        upload(ALICE, "reports/q3.pdf", "second");

        String key = ALICE.keyPrefix() + "reports/q3.pdf";
        assertThat(store.list("")).containsExactly(new BlobKey(key));
        assertThat(key).startsWith("files/").matches("files/[0-9a-f]{64}/reports/q3.pdf");
        assertThat(read(key)).isEqualTo("second");
    }

    @Test
    void anotherOwnersFileOfTheSameNameIsNotFoundAndNeverReplaced() {
        upload(ALICE, "reports/q3.pdf", "alice's");

        assertThat(failure(() -> files.downloadUrl(BOB, "reports/q3.pdf")).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        upload(BOB, "reports/q3.pdf", "bob's");

        assertThat(read(ALICE.keyPrefix() + "reports/q3.pdf")).isEqualTo("alice's");
        assertThat(read(BOB.keyPrefix() + "reports/q3.pdf")).isEqualTo("bob's");
        assertThat(files.downloadUrl(ALICE, "reports/q3.pdf").url().toString()).contains(ALICE.segment());
        assertThat(files.downloadUrl(BOB, "reports/q3.pdf").url().toString()).contains(BOB.segment());
    }

    @Test
    void aPathLikeUsernameCannotReachAnotherOwnersFiles() {
        upload(ALICE, "b/secret.txt", "alice's");

        // As plain path segments, "alice" + "b/secret.txt" and "alice/b" + "secret.txt" would be one key.
        for (String name : List.of("alice/b", "../alice", "alice/..", "alice\u0000")) {
            assertThat(failure(() -> files.downloadUrl(FileOwner.of(name), "secret.txt"))
                            .code())
                    .as(name)
                    .isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(failure(() -> files.downloadUrl(FileOwner.of(name), "b/secret.txt"))
                            .code())
                    .as(name)
                    .isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void namesThatAreOneAfterNfcAreOneFile() {
        upload(ALICE, "cafe\u0301.txt", "decomposed");
        upload(ALICE, "caf\u00e9.txt", "precomposed");

        assertThat(store.list("")).containsExactly(new BlobKey(ALICE.keyPrefix() + "caf\u00e9.txt"));
        assertThat(read(ALICE.keyPrefix() + "caf\u00e9.txt")).isEqualTo("precomposed");
        assertThat(files.downloadUrl(ALICE, "cafe\u0301.txt").url())
                .isEqualTo(files.downloadUrl(ALICE, "caf\u00e9.txt").url());
    }

    @Test
    void signsOnlyFilesThatExist() {
        upload(ALICE, "a.txt", "x");

        assertThat(files.downloadUrl(ALICE, "a.txt").url().toString())
                .contains(ALICE.keyPrefix() + "a.txt")
                .contains("ttl=3600");
        assertThat(failure(() -> files.downloadUrl(ALICE, "missing.txt")).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aFileBeyondTheCountQuotaIsRefusedAndNothingIsStored() {
        upload(ALICE, "1.txt", "a");
        upload(ALICE, "2.txt", "b");
        upload(ALICE, "3.txt", "c");
        List<ListedBlob> before = store.listWithSizes("", 100);

        DomainException refused = failure(() -> upload(ALICE, "4.txt", "d"));

        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.getMessage()).contains("at most 3");
        assertThat(store.listWithSizes("", 100)).isEqualTo(before);
        // Replacing stays possible, and another owner has a quota of their own.
        upload(ALICE, "3.txt", "replaced");
        upload(BOB, "4.txt", "d");
    }

    @Test
    void aFileBeyondTheByteQuotaIsRefusedAndAReplacementCountsTheDifference() {
        upload(ALICE, "big.bin", "x".repeat(60));
        upload(ALICE, "small.bin", "x".repeat(30));

        DomainException refused = failure(() -> upload(ALICE, "more.bin", "x".repeat(11)));
        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.getMessage()).contains("101 bytes").contains("at most 100 bytes");
        assertThat(store.list("")).hasSize(2);

        // 60 bytes replaced by 70: 100 in all, not 160.
        upload(ALICE, "big.bin", "y".repeat(70));
        assertThat(read(ALICE.keyPrefix() + "big.bin")).hasSize(70);
        assertThat(failure(() -> upload(ALICE, "big.bin", "z".repeat(71))).code())
                .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(read(ALICE.keyPrefix() + "big.bin")).isEqualTo("y".repeat(70));
    }

    @Test
    void concurrentUploadsOfOneOwnerNeverPassTheQuotaTogether() throws Exception {
        FileService limited = new FileService(
                store, new FakeBlobUrlSigner(Instant.EPOCH), Duration.ofHours(1), new FileQuota(1000, 5));
        int uploads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                String name = "file-" + i + ".txt";
                results.add(pool.submit(() -> {
                    start.await();
                    limited.upload(new UploadFileCommand(ALICE, new BlobKey(name), slowSource(), "text/plain"));
                    return null;
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<?> result : results) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause())
                            .isInstanceOfSatisfying(
                                    DomainException.class,
                                    d -> assertThat(d.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(uploads - 5);
            assertThat(store.list(ALICE.keyPrefix())).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One byte that takes a moment to read, so that unserialised quota checks would all see the same usage. */
    private static BlobSource slowSource() {
        return new BlobSource() {
            @Override
            public long length() {
                return 1;
            }

            @Override
            public InputStream open() throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return new ByteArrayInputStream(new byte[] {'x'});
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "/abs", "a/../../b", "a\\b", "nul\u0000", "new\nline", ""})
    void refusesNamesThatAreNotSafeKeys(String name) {
        assertThatThrownBy(() -> UploadFileCommand.fileName(name))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("filename"));
        assertThatThrownBy(() -> files.downloadUrl(ALICE, name))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("filename"));
    }

    @Test
    void aNameMustLeaveRoomForTheOwnersPrefixInS3sKeyLimit() {
        String longest = "a".repeat(UploadFileCommand.MAX_NAME_BYTES);
        upload(service(FileQuota.defaults()), ALICE, longest, "x");

        assertThat(store.list("").get(0).value().getBytes(StandardCharsets.UTF_8))
                .hasSize(BlobKey.MAX_UTF8_BYTES);
        assertThatThrownBy(() -> UploadFileCommand.fileName(longest + "a"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).contains("filename");
                    assertThat(e.getMessage()).contains(Integer.toString(UploadFileCommand.MAX_NAME_BYTES));
                });
    }

    @Test
    void keepsUsableContentTypesOnly() {
        byte[] none = new byte[0];
        assertThat(new UploadFileCommand(ALICE, new BlobKey("x"), BlobSource.of(none), "text/html; charset=utf-8")
                        .contentType())
                .isEqualTo(UploadFileCommand.DEFAULT_CONTENT_TYPE);
        assertThat(new UploadFileCommand(ALICE, new BlobKey("x"), BlobSource.of(none), "application/pdf").contentType())
                .isEqualTo("application/pdf");
    }
}
