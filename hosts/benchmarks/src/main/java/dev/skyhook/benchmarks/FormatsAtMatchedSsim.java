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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Bytes of the 400-px WebP and AVIF variants against the JPEG's at the same SSIM, through the libvips
 * codec as the service renders them. For each photo: the JPEG at q50, q75 and q90; WebP and AVIF at
 * q40..100, 2 apart from 84 to 96 where q90's SSIM is matched (q on JPEG's scale, as requests carry it;
 * wider steps overstate the bytes by interpolating across a bend); each one's SSIM against the photo's Lanczos-3
 * reference ({@code ref_NAME.png} beside it) and its render time (median of 3). Prints one TSV row a
 * render, then per JPEG quality the WebP and AVIF bytes at the JPEG's SSIM (linear between the two
 * qualities around it) as a fraction of the JPEG's, per photo and the median.
 * <pre>java -cp benchmarks.jar dev.skyhook.benchmarks.FormatsAtMatchedSsim photo...</pre>
 */
public final class FormatsAtMatchedSsim {
    private static final int WIDTH = 400;
    private static final int[] JPEG_QUALITIES = {50, 75, 90};
    private static final int[] SWEEP_QUALITIES = {40, 50, 60, 70, 75, 80, 84, 86, 88, 90, 92, 94, 96, 100};
    private static final int RUNS = 3;

    private FormatsAtMatchedSsim() {}

    public record Render(String photo, ImageFormat format, int quality, int bytes, double ssim, double millis) {}

    public static void main(String[] args) throws Exception {
        ImageCodecs.Settings environment = dev.skyhook.hosts.assembly.Settings.fromVariables(System.getenv())
                .imageCodec();
        ImageCodec codec = ImageCodecs.load(
                new ImageCodecs.Settings(ImageCodecs.Kind.LIBVIPS, environment.library(), environment.concurrency()),
                UploadPolicy.DEFAULT_MAX_PIXELS);
        Map<ImageFormat, int[]> qualities = new LinkedHashMap<>();
        qualities.put(ImageFormat.JPEG, JPEG_QUALITIES);
        qualities.put(ImageFormat.WEBP, SWEEP_QUALITIES);
        qualities.put(ImageFormat.AVIF, SWEEP_QUALITIES);
        List<Render> renders =
                renders(codec, codec, Arrays.stream(args).map(Path::of).toList(), qualities);
        System.out.println("photo\tformat\tq\tbytes\tssim\tms");
        for (Render render : renders) {
            System.out.printf(
                    Locale.ROOT,
                    "%s\t%s\t%d\t%d\t%.4f\t%.1f%n",
                    render.photo(),
                    render.format().extension(),
                    render.quality(),
                    render.bytes(),
                    render.ssim(),
                    render.millis());
        }
        System.out.println();
        for (int jpegQuality : JPEG_QUALITIES) {
            for (ImageFormat format : List.of(ImageFormat.WEBP, ImageFormat.AVIF)) {
                Map<String, Double> ratios = bytesAtJpegSsim(renders, jpegQuality, format);
                StringBuilder line = new StringBuilder();
                ratios.forEach((name, ratio) -> line.append(String.format(Locale.ROOT, " %s %.3f", name, ratio)));
                System.out.printf(
                        Locale.ROOT,
                        "at JPEG q%d's SSIM, %s/JPEG bytes: median %.3f;%s%n",
                        jpegQuality,
                        format.extension(),
                        median(List.copyOf(ratios.values())),
                        line);
            }
        }
    }

    /**
     * Each photo's 400-px variant in each format at each of its qualities, rendered by {@code codec}
     * (median time of 3), with its SSIM against the photo's reference ({@code ref_NAME.png} beside it);
     * {@code reader} decodes for the SSIM.
     */
    public static List<Render> renders(
            ImageCodec codec, ImageCodec reader, List<Path> photos, Map<ImageFormat, int[]> qualities)
            throws Exception {
        List<Render> renders = new ArrayList<>();
        for (Path photo : photos) {
            String name = photo.getFileName().toString();
            byte[] source = Files.readAllBytes(photo);
            double[][] reference = luma(reader, Files.readAllBytes(photo.resolveSibling("ref_" + name + ".png")));
            ImageFacts facts = new MetadataExtractorImageInspector()
                    .inspect(new ByteArrayInputStream(source))
                    .image()
                    .orElseThrow();
            for (Map.Entry<ImageFormat, int[]> format : qualities.entrySet()) {
                for (int quality : format.getValue()) {
                    VariantSpec spec = VariantSpec.fit(
                            facts.uprightWidth(),
                            facts.uprightHeight(),
                            WIDTH,
                            0,
                            ImageFit.INSIDE,
                            quality,
                            format.getKey());
                    double[] times = new double[RUNS];
                    byte[] out = null;
                    for (int i = 0; i < RUNS; i++) {
                        long started = System.nanoTime();
                        out = codec.render(source, facts.orientation(), spec, Deadline.none());
                        times[i] = (System.nanoTime() - started) / 1e6;
                    }
                    Arrays.sort(times);
                    renders.add(new Render(
                            name,
                            format.getKey(),
                            quality,
                            out.length,
                            Ssim.ssim(reference, luma(reader, out)),
                            times[RUNS / 2]));
                }
            }
        }
        return renders;
    }

    /** Per photo (in order), the bytes of {@code format} at the SSIM of the JPEG at {@code jpegQuality}, over the JPEG's. */
    public static Map<String, Double> bytesAtJpegSsim(List<Render> renders, int jpegQuality, ImageFormat format) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Render jpeg : renders) {
            if (jpeg.format() == ImageFormat.JPEG && jpeg.quality() == jpegQuality) {
                List<Render> sweep = renders.stream()
                        .filter(r -> r.photo().equals(jpeg.photo()) && r.format() == format)
                        .toList();
                ratios.put(jpeg.photo(), bytesAt(sweep, jpeg.ssim()) / jpeg.bytes());
            }
        }
        return ratios;
    }

    /** The bytes at {@code ssim}, linear between the two renders around it (NaN if none reaches it). */
    public static double bytesAt(List<Render> sweep, double ssim) {
        for (int i = 1; i < sweep.size(); i++) {
            Render low = sweep.get(i - 1);
            Render high = sweep.get(i);
            if (low.ssim() < ssim && ssim <= high.ssim()) {
                return low.bytes() + (ssim - low.ssim()) / (high.ssim() - low.ssim()) * (high.bytes() - low.bytes());
            }
        }
        return sweep.getFirst().ssim() >= ssim ? sweep.getFirst().bytes() : Double.NaN;
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Luma of any format the codec reads: rendered to a PNG of the same size, read by ImageIO. */
    public static double[][] luma(ImageCodec codec, byte[] image) throws Exception {
        ImageFacts facts = new MetadataExtractorImageInspector()
                .inspect(new ByteArrayInputStream(image))
                .image()
                .orElseThrow();
        int w = (int) facts.width();
        int h = (int) facts.height();
        byte[] png = codec.render(image, 1, new VariantSpec(w, h, w, h, 100, ImageFormat.PNG), Deadline.none());
        return Ssim.luma(ImageIO.read(new ByteArrayInputStream(png)));
    }
}
