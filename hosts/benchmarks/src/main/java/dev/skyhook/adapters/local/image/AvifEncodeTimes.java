package dev.skyhook.adapters.local.image;

import dev.skyhook.benchmarks.Ssim;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CPU and wall time of one render through the libvips codec, by output pixels, format and AV1 effort:
 * what bounds the CPU of one request, since nothing stops the AV1 encoder once it has started. The
 * process's CPU time (all threads, native included) is read before and after each render. Lives in the
 * codec's package to build codecs with a fixed AVIF effort.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.skyhook.adapters.local.image.AvifEncodeTimes
 *     photo.jpg [widths=500,1000,1600,2400,3840] [efforts=0,1,2,3,4,shipped] [formats=jpeg,webp,avif] [runs=1] [deadline-ms]</pre>
 *
 * Prints one TSV row a render: width, height, megapixels, format, effort, bytes, wall ms, CPU ms
 * (medians over the runs, after one warm-up render of the smallest size), and up to 2 megapixels the
 * SSIM of the variant against the same variant rendered as a PNG (what the encoder lost). With a
 * deadline, a render stopped by it shows 0 bytes and the time it took to stop.
 */
public final class AvifEncodeTimes {
    private static final long SSIM_MAX_PIXELS = 2_000_000;

    private AvifEncodeTimes() {}

    public static void main(String[] args) throws Exception {
        Path photo = Path.of(args[0]);
        int[] widths = ints(args.length > 1 ? args[1] : "500,1000,1600,2400,3840");
        String[] efforts = (args.length > 2 ? args[2] : "0,1,2,3,4,shipped").split(",");
        String[] formats = (args.length > 3 ? args[3] : "jpeg,webp,avif").split(",");
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        // With a deadline (ms), each render runs against it: the times show what the deadline stops.
        long deadlineMillis = args.length > 5 ? Long.parseLong(args[5]) : 0;
        byte[] source = Files.readAllBytes(photo);
        var facts = new MetadataExtractorImageInspector()
                .inspect(new java.io.ByteArrayInputStream(source))
                .image()
                .orElseThrow();
        ImageCodecs.Loaded loaded = BenchmarkLibvips.load();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("width\theight\tMP\tformat\teffort\tbytes\twall_ms\tcpu_ms\tssim");
        for (String format : formats) {
            ImageFormat output = ImageFormat.valueOf(format.toUpperCase(Locale.ROOT));
            for (String effort : output == ImageFormat.AVIF ? efforts : new String[] {"shipped"}) {
                LibvipsImageCodec codec = BenchmarkLibvips.codec(
                        loaded,
                        effort.equals("shipped")
                                ? LibvipsImageCodec.Encoders.SHIPPED
                                : new LibvipsImageCodec.Encoders(
                                        pixels -> Integer.parseInt(effort), Long.MAX_VALUE, List.of()));
                codec.render(source, facts.orientation(), spec(facts, 64, output), Deadline.none());
                for (int width : widths) {
                    VariantSpec spec = spec(facts, width, output);
                    double[] wall = new double[runs];
                    double[] cpu = new double[runs];
                    byte[] out = null;
                    for (int i = 0; i < runs; i++) {
                        long cpuBefore = os.getProcessCpuTime();
                        long started = System.nanoTime();
                        try {
                            out = codec.render(
                                    source,
                                    facts.orientation(),
                                    spec,
                                    deadlineMillis > 0
                                            ? Deadline.after(java.time.Duration.ofMillis(deadlineMillis))
                                            : Deadline.none());
                        } catch (dev.skyhook.core.error.DomainException stopped) {
                            out = new byte[0]; // stopped at the deadline: 0 bytes in the table
                        }
                        wall[i] = (System.nanoTime() - started) / 1e6;
                        cpu[i] = (os.getProcessCpuTime() - cpuBefore) / 1e6;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%d\t%d\t%.2f\t%s\t%s\t%d\t%.0f\t%.0f\t%s%n",
                            spec.width(),
                            spec.height(),
                            spec.pixels() / 1e6,
                            format,
                            output == ImageFormat.AVIF && effort.equals("shipped")
                                    ? "shipped:" + LibvipsImageCodec.avifEffort(spec.pixels())
                                    : effort,
                            out.length,
                            median(wall),
                            median(cpu),
                            spec.pixels() <= SSIM_MAX_PIXELS && out.length > 0
                                    ? String.format(Locale.ROOT, "%.4f", ssim(codec, source, facts, spec, out))
                                    : "");
                }
            }
        }
    }

    /** SSIM against the same variant losslessly (the resize alone), on luma. */
    private static double ssim(
            LibvipsImageCodec codec,
            byte[] source,
            dev.skyhook.core.model.ImageFacts facts,
            VariantSpec spec,
            byte[] encoded)
            throws java.io.IOException {
        VariantSpec lossless = new VariantSpec(
                spec.width(), spec.height(), spec.pictureWidth(), spec.pictureHeight(), 100, ImageFormat.PNG);
        byte[] reference = codec.render(source, facts.orientation(), lossless, Deadline.none());
        byte[] decoded = codec.render(encoded, 1, lossless, Deadline.none());
        return Ssim.ssim(luma(reference), luma(decoded));
    }

    private static double[][] luma(byte[] png) throws java.io.IOException {
        return Ssim.luma(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)));
    }

    private static VariantSpec spec(dev.skyhook.core.model.ImageFacts facts, int width, ImageFormat format) {
        return VariantSpec.fit(facts.uprightWidth(), facts.uprightHeight(), width, 0, ImageFit.INSIDE, 90, format);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
