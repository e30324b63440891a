package dev.skyhook.adapters.local.image;

import dev.skyhook.benchmarks.FormatsAtMatchedSsim;
import dev.skyhook.benchmarks.FormatsAtMatchedSsim.Render;
import dev.skyhook.core.model.ImageFormat;
import java.nio.file.Path;
import java.util.Arrays;
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
    private static final int[] JPEG_QUALITIES = {50, 75, 90};
    /** On JPEG's scale, as requests carry it; 2 apart around q90's SSIM, where the target is read. */
    private static final int[] WEBP_QUALITIES = {40, 50, 60, 70, 75, 80, 84, 86, 88, 90, 92, 94, 96, 100};

    private WebpAtMatchedSsim() {}

    public static void main(String[] args) throws Exception {
        ImageCodecs.Loaded loaded = BenchmarkLibvips.load();
        Map<String, List<Object>> settings = new LinkedHashMap<>();
        settings.put("shipped (effort 4)", List.of());
        settings.put("effort 6", List.of("effort", 6));
        settings.put("smart_subsample (sharp YUV)", List.of("smart_subsample", true));
        settings.put("preset photo", List.of("preset", 2));
        settings.put("smart_deblock", List.of("smart_deblock", true));
        settings.put("effort 6 + smart_subsample", List.of("effort", 6, "smart_subsample", true));
        settings.put("effort 6 + smart_deblock", List.of("effort", 6, "smart_deblock", true));
        LibvipsImageCodec shipped = BenchmarkLibvips.codec(loaded, LibvipsImageCodec.Encoders.SHIPPED);
        List<Path> photos = Arrays.stream(args).map(Path::of).toList();
        Map<ImageFormat, int[]> qualities = new LinkedHashMap<>();
        qualities.put(ImageFormat.JPEG, JPEG_QUALITIES);
        qualities.put(ImageFormat.WEBP, WEBP_QUALITIES);
        System.out.println("setting\tat JPEG q\tWebP/JPEG bytes (median)\tper photo\tWebP render ms (median)");
        for (var setting : settings.entrySet()) {
            LibvipsImageCodec codec = BenchmarkLibvips.codec(
                    loaded,
                    new LibvipsImageCodec.Encoders(
                            LibvipsImageCodec::avifEffort, LibvipsImageCodec.AVIF_MAX_PIXELS, setting.getValue()));
            List<Render> renders = FormatsAtMatchedSsim.renders(codec, shipped, photos, qualities);
            List<Double> webpTimes = renders.stream()
                    .filter(render -> render.format() == ImageFormat.WEBP)
                    .map(Render::millis)
                    .toList();
            for (int jpegQuality : JPEG_QUALITIES) {
                Map<String, Double> ratios =
                        FormatsAtMatchedSsim.bytesAtJpegSsim(renders, jpegQuality, ImageFormat.WEBP);
                StringBuilder line = new StringBuilder();
                ratios.values().forEach(ratio -> line.append(String.format(Locale.ROOT, " %.3f", ratio)));
                System.out.printf(
                        Locale.ROOT,
                        "%s\tq%d\t%.3f\t%s\t%.1f%n",
                        setting.getKey(),
                        jpegQuality,
                        FormatsAtMatchedSsim.median(List.copyOf(ratios.values())),
                        line.toString().strip(),
                        FormatsAtMatchedSsim.median(webpTimes));
            }
        }
    }
}
