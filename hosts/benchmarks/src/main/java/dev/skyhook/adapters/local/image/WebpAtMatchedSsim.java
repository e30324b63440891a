package dev.skyhook.adapters.local.image;

import dev.skyhook.benchmarks.FormatsAtMatchedSsim;
import dev.skyhook.benchmarks.FormatsAtMatchedSsim.Render;
import dev.skyhook.benchmarks.Ssim;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WebP encoder settings that libvips' {@code webpsave} exposes, compared by bytes at the JPEG's SSIM
 * on the 400-px variants of {@code formats-at-matched-ssim.sh}'s photos (references {@code ref_NAME.png}
 * beside each), and by render time. Prints, per setting and JPEG quality, the median WebP/JPEG bytes
 * at matched SSIM and the median render time. In the codec's package, to build codecs with other settings.
 * <pre>java -cp benchmarks.jar dev.skyhook.adapters.local.image.WebpAtMatchedSsim photo...</pre>
 */
public final class WebpAtMatchedSsim {
    private static final int WIDTH = 400;
    private static final int[] JPEG_QUALITIES = {50, 75, 90};
    /** On JPEG's scale, as requests carry it; 2 apart around q90's SSIM, where the target is read. */
    private static final int[] WEBP_QUALITIES = {40, 50, 60, 70, 75, 80, 84, 86, 88, 90, 92, 94, 96, 100};

    private static final int RUNS = 3;

    private WebpAtMatchedSsim() {}

    public static void main(String[] args) throws Exception {
        ImageCodecs.Settings environment = dev.skyhook.hosts.assembly.Settings.fromVariables(System.getenv())
                .imageCodec();
        ImageCodecs.load(
                new ImageCodecs.Settings(ImageCodecs.Kind.LIBVIPS, environment.library(), environment.concurrency()),
                UploadPolicy.DEFAULT_MAX_PIXELS);
        var loaded = ImageCodecs.loadedLibvips(environment.library().orElseGet(ImageCodecs::findLibrary));
        Map<String, List<Object>> settings = new LinkedHashMap<>();
        settings.put("shipped (effort 4)", List.of());
        settings.put("effort 6", List.of("effort", 6));
        settings.put("smart_subsample (sharp YUV)", List.of("smart_subsample", true));
        settings.put("preset photo", List.of("preset", 2));
        settings.put("smart_deblock", List.of("smart_deblock", true));
        settings.put("effort 6 + smart_subsample", List.of("effort", 6, "smart_subsample", true));
        settings.put("effort 6 + smart_deblock", List.of("effort", 6, "smart_deblock", true));
        LibvipsImageCodec shipped = new LibvipsImageCodec(
                loaded.vips(), loaded.stopper(), UploadPolicy.DEFAULT_MAX_PIXELS, LibvipsImageCodec.Encoders.SHIPPED);
        System.out.println("setting\tat JPEG q\tWebP/JPEG bytes (median)\tper photo\tWebP render ms (median)");
        for (var setting : settings.entrySet()) {
            LibvipsImageCodec codec = new LibvipsImageCodec(
                    loaded.vips(),
                    loaded.stopper(),
                    UploadPolicy.DEFAULT_MAX_PIXELS,
                    new LibvipsImageCodec.Encoders(
                            LibvipsImageCodec::avifEffort, LibvipsImageCodec.AVIF_MAX_PIXELS, setting.getValue()));
            List<Render> renders = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            for (String arg : args) {
                Path photo = Path.of(arg);
                String name = photo.getFileName().toString();
                byte[] source = Files.readAllBytes(photo);
                double[][] reference = FormatsAtMatchedSsim.luma(
                        shipped, Files.readAllBytes(photo.resolveSibling("ref_" + name + ".png")));
                ImageFacts facts = new MetadataExtractorImageInspector()
                        .inspect(new ByteArrayInputStream(source))
                        .image()
                        .orElseThrow();
                for (ImageFormat format : List.of(ImageFormat.JPEG, ImageFormat.WEBP)) {
                    for (int quality : format == ImageFormat.JPEG ? JPEG_QUALITIES : WEBP_QUALITIES) {
                        VariantSpec spec = VariantSpec.fit(
                                facts.uprightWidth(),
                                facts.uprightHeight(),
                                WIDTH,
                                0,
                                ImageFit.INSIDE,
                                quality,
                                format);
                        double[] runs = new double[RUNS];
                        byte[] out = null;
                        for (int i = 0; i < RUNS; i++) {
                            long started = System.nanoTime();
                            out = codec.render(source, facts.orientation(), spec, Deadline.none());
                            runs[i] = (System.nanoTime() - started) / 1e6;
                        }
                        java.util.Arrays.sort(runs);
                        if (format == ImageFormat.WEBP) {
                            times.add(runs[RUNS / 2]);
                        }
                        renders.add(new Render(
                                name,
                                format,
                                quality,
                                out.length,
                                Ssim.ssim(reference, FormatsAtMatchedSsim.luma(shipped, out)),
                                runs[RUNS / 2]));
                    }
                }
            }
            for (int jpegQuality : JPEG_QUALITIES) {
                List<Double> ratios = new ArrayList<>();
                StringBuilder line = new StringBuilder();
                for (String arg : args) {
                    String name = Path.of(arg).getFileName().toString();
                    Render jpeg = renders.stream()
                            .filter(r -> r.photo().equals(name)
                                    && r.format() == ImageFormat.JPEG
                                    && r.quality() == jpegQuality)
                            .findFirst()
                            .orElseThrow();
                    double bytes = FormatsAtMatchedSsim.bytesAt(
                            renders.stream()
                                    .filter(r -> r.photo().equals(name) && r.format() == ImageFormat.WEBP)
                                    .toList(),
                            jpeg.ssim());
                    ratios.add(bytes / jpeg.bytes());
                    line.append(String.format(Locale.ROOT, " %.3f", bytes / jpeg.bytes()));
                }
                System.out.printf(
                        Locale.ROOT,
                        "%s\tq%d\t%.3f\t%s\t%.1f%n",
                        setting.getKey(),
                        jpegQuality,
                        FormatsAtMatchedSsim.median(ratios),
                        line.toString().strip(),
                        FormatsAtMatchedSsim.median(times));
            }
        }
    }
}
