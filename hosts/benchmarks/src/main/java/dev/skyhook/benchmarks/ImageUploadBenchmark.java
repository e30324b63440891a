package dev.skyhook.benchmarks;

import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.images.ImageRoutes;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code POST /images/post} as the Lambda host receives it: an API Gateway REST event whose
 * body is a base64-encoded 5 MB multipart body holding three JPEGs. Measured: reading the event,
 * decoding base64, parsing the multipart body, inspecting each image and planning the keys. The
 * store discards the bytes, so S3 latency is not part of the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class ImageUploadBenchmark {
    private byte[] event;
    private HttpApi api;

    @Setup
    public void setUp() throws IOException {
        Random random = new Random(7);
        String boundary = "----SkyhookBenchmarkBoundary";
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] jpeg = noisyJpeg(1800, 1550, random);
            multipart.writeBytes(
                    ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo" + i
                                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            multipart.writeBytes(jpeg);
            multipart.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        multipart.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        System.out.printf("multipart body: %d bytes%n", multipart.size());

        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("resource", "/images/{path}");
        rest.put("path", "/images/post");
        rest.put("httpMethod", "POST");
        rest.put("headers", Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        rest.put("requestContext", Map.of("requestId", "benchmark", "identity", Map.of("sourceIp", "203.0.113.7")));
        rest.put("body", Base64.getEncoder().encodeToString(multipart.toByteArray()));
        rest.put("isBase64Encoded", true);
        event = Json.write(rest);

        UploadPolicy policy = UploadPolicy.defaults(AllowedPaths.defaults());
        // The upload check decodes each image once, as every host does.
        ImageUploadService uploads = new ImageUploadService(
                policy,
                new MetadataExtractorImageInspector(),
                new dev.skyhook.adapters.local.image.ImageIoImageCodec(),
                new dev.skyhook.core.service.RenderBudget(new dev.skyhook.core.policy.RenderLimits(
                        2, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(60))),
                new DiscardingStore(),
                new NoSigner());
        api = new HttpApi(new ImageRoutes(uploads, uploads, policy).routes(), AccessLog.discarding());
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public ApiResponse parseAndCheckThreeJpegs() {
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(event);
        ApiResponse response = api.handle(
                ApiGatewayEvents.toRequest(parsed, "benchmark", Instant.EPOCH).request());
        if (response.status() != 200) {
            throw new IllegalStateException(new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    /** A photo-like JPEG (noise compresses badly, as real detail does): 1800x1550 at quality 0.75 is about 1.7 MB. */
    private static byte[] noisyJpeg(int width, int height, Random random) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.75f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static final class DiscardingStore implements BlobStore {
        @Override
        public void put(BlobKey key, InputStream content, long length, String contentType) {}

        @Override
        public Optional<BlobInfo> stat(BlobKey key) {
            return Optional.empty();
        }

        @Override
        public Optional<BlobContent> open(BlobKey key) {
            return Optional.empty();
        }

        @Override
        public void delete(BlobKey key) {}

        @Override
        public List<BlobKey> list(String prefix) {
            return List.of();
        }

        @Override
        public List<ListedBlob> listWithSizes(String prefix, int limit) {
            return List.of();
        }

        @Override
        public URI publicUrl(BlobKey key) {
            return URI.create("https://bucket.s3.us-east-1.amazonaws.com/" + key.value());
        }
    }

    private static final class NoSigner implements BlobUrlSigner {
        @Override
        public SignedRequest signGet(BlobKey key, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SignedRequest signPut(BlobKey key, String contentType, long contentLength, Duration ttl) {
            throw new UnsupportedOperationException();
        }
    }
}
