package dev.skyhook.benchmarks;

import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageCodec;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The work of sharp's peer benchmark ({@code bench.js}) through one of the project's codecs, measured
 * the same way so the two can run interleaved: one warm process, 2 warm-ups then 15 timed runs of each
 * operation, the median reported; the outputs are written beside for byte and SSIM comparisons.
 * <pre>java -cp benchmarks.jar dev.skyhook.benchmarks.CodecSideBySide libvips|imageio src.jpg [outdir] [ops...]</pre>
 * Operations: {@code reencode_q90}, {@code resize400_q90} (the defaults), and {@code resize400_webp},
 * {@code resize400_avif} at {@code -Dquality=N} (default 90 for JPEG, 80 and 60 for WebP and AVIF).
 */
public final class CodecSideBySide {
    private static final int WARMUP = 2;
    private static final int RUNS = 15;

    private CodecSideBySide() {}

    public static void main(String[] args) throws Exception {
        ImageCodecs.Kind kind = ImageCodecs.Kind.valueOf(args[0].toUpperCase(Locale.ROOT));
        byte[] source = Files.readAllBytes(Path.of(args[1]));
        Path out = Path.of(args.length > 2 ? args[2] : ".");
        List<String> ops =
                args.length > 3 ? List.of(args).subList(3, args.length) : List.of("reencode_q90", "resize400_q90");
        ImageCodecs.Settings environment = dev.skyhook.hosts.assembly.Settings.fromVariables(System.getenv())
                .imageCodec(); // LIBVIPS_PATH, VIPS_CONCURRENCY
        ImageCodec codec = ImageCodecs.load(
                new ImageCodecs.Settings(kind, environment.library(), environment.concurrency()),
                UploadPolicy.DEFAULT_MAX_PIXELS);
        ImageFacts facts = new MetadataExtractorImageInspector()
                .inspect(new ByteArrayInputStream(source))
                .image()
                .orElseThrow();
        Map<String, VariantSpec> specs = new LinkedHashMap<>();
        for (String op : ops) {
            int box = op.startsWith("resize400") ? 400 : 0;
            ImageFormat format =
                    op.endsWith("webp") ? ImageFormat.WEBP : op.endsWith("avif") ? ImageFormat.AVIF : ImageFormat.JPEG;
            int quality = Integer.getInteger(
                    "quality." + format.extension(),
                    format == ImageFormat.WEBP ? 80 : format == ImageFormat.AVIF ? 60 : 90);
            specs.put(
                    op,
                    VariantSpec.fit(
                            facts.uprightWidth(), facts.uprightHeight(), box, 0, ImageFit.INSIDE, quality, format));
        }
        StringBuilder json = new StringBuilder("{\"codec\":\"" + kind.name().toLowerCase(Locale.ROOT) + "\",\"java\":\""
                + System.getProperty("java.vm.vendor") + " " + Runtime.version() + "\",\"results\":{");
        String separator = "";
        for (Map.Entry<String, VariantSpec> op : specs.entrySet()) {
            byte[] result = null;
            for (int i = 0; i < WARMUP; i++) {
                result = codec.render(source, facts.orientation(), op.getValue(), Deadline.none());
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                long started = System.nanoTime();
                result = codec.render(source, facts.orientation(), op.getValue(), Deadline.none());
                times.add((System.nanoTime() - started) / 1e6);
            }
            String name = kind.name().toLowerCase(Locale.ROOT) + "_" + op.getKey() + "."
                    + op.getValue().format().extension();
            Files.write(out.resolve(name), result);
            List<Double> sorted = times.stream().sorted().toList();
            double median = (sorted.get(RUNS / 2) + sorted.get((RUNS - 1) / 2)) / 2;
            json.append(separator)
                    .append(String.format(
                            Locale.ROOT,
                            "\"%s\":{\"median_ms\":%.2f,\"min_ms\":%.2f,\"out_bytes\":%d,\"file\":\"%s\"}",
                            op.getKey(),
                            median,
                            sorted.getFirst(),
                            result.length,
                            name));
            separator = ",";
        }
        json.append("},\"rss_mb\":").append(rssMegabytes()).append('}');
        System.out.println(json);
    }

    private static long rssMegabytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
