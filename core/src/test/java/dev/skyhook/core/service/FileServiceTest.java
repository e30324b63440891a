package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.FakeBlobUrlSigner;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.port.in.UploadFileCommand;
import dev.skyhook.core.model.BlobSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileServiceTest {
    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final FileService files = new FileService(store, new FakeBlobUrlSigner(Instant.EPOCH), Duration.ofSeconds(3600));

    private void upload(String name, String text, String type) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        files.upload(new UploadFileCommand(UploadFileCommand.fileName(name), BlobSource.of(bytes), type));
    }

    @Test
    void storesUnderTheFilesPrefixAndReplacesASameNamedFile() {
        upload("reports/q3.pdf", "first", "application/pdf");
        upload("reports/q3.pdf", "second", "application/pdf");

        assertThat(store.list("")).containsExactly(new BlobKey("files/reports/q3.pdf"));
        assertThat(new String(store.open(new BlobKey("files/reports/q3.pdf")).orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("second");
    }

    @Test
    void signsOnlyFilesThatExist() {
        upload("a.txt", "x", "text/plain");

        assertThat(files.downloadUrl("a.txt").url().toString()).contains("files/a.txt").contains("ttl=3600");
        assertThatThrownBy(() -> files.downloadUrl("missing.txt"))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "/abs", "a/../../b", "a\\b", "nul\u0000", "new\nline", ""})
    void refusesNamesThatAreNotSafeKeys(String name) {
        assertThatThrownBy(() -> UploadFileCommand.fileName(name))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).contains("filename"));
        assertThatThrownBy(() -> files.downloadUrl(name)).isInstanceOf(DomainException.class);
    }

    @Test
    void refusesOverlongNamesAndKeepsUsableContentTypes() {
        assertThatThrownBy(() -> UploadFileCommand.fileName("a".repeat(2000))).isInstanceOf(DomainException.class);
        byte[] none = new byte[0];
        assertThat(new UploadFileCommand(new BlobKey("x"), BlobSource.of(none), "text/html; charset=utf-8").contentType())
            .isEqualTo(UploadFileCommand.DEFAULT_CONTENT_TYPE);
        assertThat(new UploadFileCommand(new BlobKey("x"), BlobSource.of(none), "application/pdf").contentType())
            .isEqualTo("application/pdf");
    }
}
