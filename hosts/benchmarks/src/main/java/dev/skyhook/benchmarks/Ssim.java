package dev.skyhook.benchmarks;

import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageCodec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03) on luma (BT.601) of
 * each image against a reference of the same size, with its byte count.
 * <pre>java -cp benchmarks.jar dev.skyhook.benchmarks.Ssim reference.png candidate...</pre>
 * Candidates ImageIO cannot read (AVIF, WebP) are decoded through the libvips codec ({@code LIBVIPS_PATH}).
 */
public final class Ssim {
    private Ssim() {}

    public static void main(String[] args) throws Exception {
        double[][] reference = luma(read(Path.of(args[0])));
        for (int i = 1; i < args.length; i++) {
            Path candidate = Path.of(args[i]);
            System.out.printf(
                    Locale.ROOT,
                    "%s\t%d\t%.4f%n",
                    candidate.getFileName(),
                    Files.size(candidate),
                    ssim(reference, luma(read(candidate))));
        }
    }

    private static BufferedImage read(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image != null && !file.toString().endsWith(".webp")) {
            return image;
        }
        ImageCodec libvips = ImageCodecs.load(
                dev.skyhook.hosts.assembly.Settings.fromVariables(System.getenv())
                        .imageCodec(),
                UploadPolicy.DEFAULT_MAX_PIXELS);
        var facts = new dev.skyhook.adapters.local.image.MetadataExtractorImageInspector()
                .inspect(new ByteArrayInputStream(bytes))
                .image()
                .orElseThrow();
        int w = (int) facts.width();
        int h = (int) facts.height();
        byte[] png = libvips.render(bytes, 1, new VariantSpec(w, h, w, h, 100, ImageFormat.PNG), Deadline.none());
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    public static double[][] luma(BufferedImage image) {
        double[][] y = new double[image.getHeight()][image.getWidth()];
        for (int row = 0; row < image.getHeight(); row++) {
            for (int col = 0; col < image.getWidth(); col++) {
                int rgb = image.getRGB(col, row);
                y[row][col] = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
            }
        }
        return y;
    }

    public static double ssim(double[][] a, double[][] b) {
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException(
                    "sizes differ: " + a[0].length + "x" + a.length + " and " + b[0].length + "x" + b.length);
        }
        int radius = 5;
        double[] weights = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = Math.exp(-(i * i) / (2 * 1.5 * 1.5));
            sum += weights[i + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int count = 0;
        for (int y = radius; y < a.length - radius; y++) {
            for (int x = radius; x < a[0].length - radius; x++) {
                double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    for (int dx = -radius; dx <= radius; dx++) {
                        double w = weights[dy + radius] * weights[dx + radius];
                        double va = a[y + dy][x + dx];
                        double vb = b[y + dy][x + dx];
                        ma += w * va;
                        mb += w * vb;
                        saa += w * va * va;
                        sbb += w * vb * vb;
                        sab += w * va * vb;
                    }
                }
                double varA = saa - ma * ma;
                double varB = sbb - mb * mb;
                double cov = sab - ma * mb;
                total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (varA + varB + c2));
                count++;
            }
        }
        return total / count;
    }
}
