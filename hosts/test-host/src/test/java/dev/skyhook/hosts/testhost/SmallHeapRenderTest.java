package dev.skyhook.hosts.testhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four concurrent uncached variants of a 49-megapixel JPEG with an EXIF rotation, in a JVM with a
 * 512 MiB heap: each full-size render needs about 300 MB, so without the render budget two at once
 * end in an OutOfMemoryError and a 500. With it every answer is a 200 or a 503 with Retry-After.
 */
class SmallHeapRenderTest {
    @Test
    void fourConcurrent49MegapixelVariantsAt512MiBAreServedOrRefusedNeverAnOutOfMemoryError(@TempDir Path dir)
            throws Exception {
        Path jpeg = dir.resolve("49mp.jpg");
        Files.write(jpeg, rotated49MegapixelJpeg());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapRenders.class.getName(),
                        jpeg.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try {
            assertThat(child.waitFor(5, TimeUnit.MINUTES))
                    .as("the child finished")
                    .isTrue();
        } finally {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            child.destroyForcibly();
        }

        System.out.println(output);
        assertThat(output).doesNotContain("OutOfMemoryError").contains("max heap");
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.startsWith("status 200")))
                .as(output)
                .isNotEmpty();
    }

    /** 7000x7000 with EXIF orientation 6, about 300 KB: a small upload that is large decoded. */
    private static byte[] rotated49MegapixelJpeg() throws IOException {
        BufferedImage image = new BufferedImage(7000, 7000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 7000, 7000);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 3500, 2333);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", plain);
        byte[] bytes = plain.toByteArray();
        // EXIF orientation 6 right after SOI, as TestImages.jpegWithOrientation writes it.
        byte[] exif = {
            (byte) 0xFF,
            (byte) 0xE1,
            0,
            34,
            'E',
            'x',
            'i',
            'f',
            0,
            0,
            'M',
            'M',
            0,
            42,
            0,
            0,
            0,
            8,
            0,
            1,
            0x01,
            0x12,
            0,
            3,
            0,
            0,
            0,
            1,
            0,
            6,
            0,
            0,
            0,
            0,
            0,
            0
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, 2);
        out.write(exif);
        out.write(bytes, 2, bytes.length - 2);
        return out.toByteArray();
    }
}
