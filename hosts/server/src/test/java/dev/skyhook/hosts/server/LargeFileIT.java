package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large bodies through the jar started with a 64 MB heap: a 200 MB file up and down, a 90 MB direct
 * upload. Uploads are streamed to disk as they arrive and downloads stream out, so no file ever sits
 * in memory.
 */
class LargeFileIT {
    private static final long SIZE = 200L * 1024 * 1024;
    private static final String BOUNDARY = "----SkyhookLargeFileBoundary";

    @TempDir
    Path data;

    @Test
    @SuppressWarnings("unchecked")
    void aTwoHundredMegabyteFileRoundTripsAtSixtyFourMegabytesOfHeap() throws Exception {
        try (ServerProcess server = ServerProcess.start(
                List.of("-Xmx64m"), Map.of("DATA_DIR", data.toString(), "JWT_SECRET", TestJwts.SECRET))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            String token = TestJwts.valid("large-file-owner");

            long started = System.nanoTime();
            HttpResponse<String> upload = http.send(
                    HttpRequest.newBuilder(server.base().resolve("/files"))
                            .timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .header("Authorization", token)
                            .POST(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> multipart("big.bin", new DigestInputStream(new Pattern(SIZE), sent))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long uploadMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);

            String url = (String) ((Map<String, Object>) Json.parse(http.send(
                                    HttpRequest.newBuilder(server.base()
                                                    .resolve("/files?filename="
                                                            + URLEncoder.encode("big.bin", StandardCharsets.UTF_8)))
                                            .header("Authorization", token)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()))
                    .get("url");
            URI signed = URI.create(url);
            started = System.nanoTime();
            HttpResponse<InputStream> download = http.send(
                    HttpRequest.newBuilder(server.base().resolve(signed.getRawPath() + "?" + signed.getRawQuery()))
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long bytes;
            try (InputStream body = new DigestInputStream(download.body(), received)) {
                bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            long downloadMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(bytes).isEqualTo(SIZE);
            assertThat(received.digest()).isEqualTo(sent.digest());
            System.out.printf(
                    "200 MB at -Xmx64m: upload %d ms, download %d ms, server peak RSS %d MiB%n",
                    uploadMillis, downloadMillis, server.peakResidentKib() / 1024);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNinetyMegabyteDirectUploadStreamsIntoTheStoreAtSixtyFourMegabytesOfHeap() throws Exception {
        long size = 90L * 1024 * 1024;
        byte[] jpeg = TestImages.jpeg(8, 8);
        try (ServerProcess server = ServerProcess.start(
                List.of("-Xmx64m"), Map.of("DATA_DIR", data.toString(), "API_KEYS", "large-file-key=unlimited"))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> signing = http.send(
                    HttpRequest.newBuilder(server.base().resolve("/uploads"))
                            .header("Content-Type", "application/json")
                            .header("x-api-key", "large-file-key")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"path\":\"post\",\"contentType\":\"image/jpeg\",\"size\":" + size + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signing.statusCode()).as(signing.body()).isEqualTo(200);
            Map<String, Object> signed =
                    (Map<String, Object>) ((Map<String, Object>) Json.parse(signing.body())).get("data");
            URI url = URI.create((String) signed.get("url"));

            // A real JPEG followed by 90 MB: the image check reads the header; the store keeps every byte.
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(server.base().resolve(url.getRawPath() + "?" + url.getRawQuery()))
                            .timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "image/jpeg")
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                                            new ByteArrayInputStream(jpeg), new Pattern(size - jpeg.length))),
                                    size))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            FileSystemBlobStore stored = new FileSystemBlobStore(data.resolve("blobs"), URI.create("http://unused"));
            assertThat(stored.stat(new BlobKey((String) signed.get("key")))
                            .orElseThrow()
                            .length())
                    .isEqualTo(size);
        }
    }

    private static InputStream multipart(String filename, InputStream content) {
        String head =
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\n" + filename + "\r\n"
                        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                content,
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
    }

    /** {@code size} bytes of a repeating, non-trivial pattern, generated as read. */
    private static final class Pattern extends InputStream {
        private long remaining;

        Pattern(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return (int) ((remaining * 31 + (remaining >>> 13)) & 0xFF);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            for (int i = 0; i < count; i++) {
                remaining--;
                buffer[offset + i] = (byte) ((remaining * 31 + (remaining >>> 13)) & 0xFF);
            }
            return count;
        }
    }
}
