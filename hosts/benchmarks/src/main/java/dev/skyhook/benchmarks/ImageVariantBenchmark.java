package dev.skyhook.benchmarks;

import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.adapters.local.image.ImageIoImageCodec;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.hosts.api.images.InlineLimit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Image delivery on one photo (a 12 MP JPEG made by {@code image-peers.sh}, passed as
 * {@code -p photo=...}), in a warm JVM: a 400-px q90 variant and a q90 re-encode through the
 * ImageIO codec, and a cache hit through the variant use case on the filesystem store. The
 * script runs the same work with libvips and ImageMagick beside it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class ImageVariantBenchmark {
    @Param("target/photo-12mp.jpg")
    public String photo;

    private byte[] source;
    private final ImageIoImageCodec codec = new ImageIoImageCodec();
    private ImageVariantService service;
    private GetImageVariantCommand cached;

    private VariantSpec variant400;
    private VariantSpec reencode90;
    private final RenderBudget budget =
            new RenderBudget(new RenderLimits(2, Duration.ofSeconds(2), Duration.ofSeconds(60)));

    @Setup
    public void setUp() throws IOException {
        source = Files.readAllBytes(Path.of(photo));
        ImageFacts facts = new MetadataExtractorImageInspector()
                .inspect(new java.io.ByteArrayInputStream(source))
                .image()
                .orElseThrow();
        variant400 = VariantSpec.fit(
                facts.uprightWidth(), facts.uprightHeight(), 400, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG);
        reencode90 = VariantSpec.fit(
                facts.uprightWidth(), facts.uprightHeight(), 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG);
        System.out.printf(
                "%nsource %d bytes; variant 400px q90 %d bytes; re-encode q90 %d bytes%n",
                source.length,
                codec.render(source, 1, variant400, Deadline.none()).length,
                codec.render(source, 1, reencode90, Deadline.none()).length);
        Path root = Files.createTempDirectory("skyhook-bench");
        FileSystemBlobStore store = new FileSystemBlobStore(root, URI.create("http://localhost/blobs"));
        store.put(new BlobKey("post/photo.jpg"), source, "image/jpeg");
        service = new ImageVariantService(
                UploadPolicy.defaults(AllowedPaths.defaults()),
                new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES),
                new MetadataExtractorImageInspector(),
                codec,
                store,
                budget);
        cached = new GetImageVariantCommand(
                new BlobKey("post/photo.jpg"),
                400,
                0,
                ImageFit.INSIDE,
                ImageVariantPolicy.DEFAULT_QUALITY,
                VariantFormat.sourceFormat());
        service.variant(cached);
    }

    @Benchmark
    public byte[] variant400q90() {
        return codec.render(source, 1, variant400, Deadline.none());
    }

    @Benchmark
    public byte[] reencodeQ90() {
        return codec.render(source, 1, reencode90, Deadline.none());
    }

    @Benchmark
    public ImageVariant cacheHit() {
        return service.variant(cached);
    }
}
