package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.UploadPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageVariablesTest {
    private static UploadPolicy uploads(Map<String, String> variables) {
        return Settings.fromVariables(variables).images().uploads(UploadPolicy.defaults(AllowedPaths.defaults()));
    }

    @Test
    void uploadsAreJpegPngGifAndWebpUnlessListed() {
        assertThat(uploads(Map.of()).formats())
                .containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP);
        assertThat(uploads(Map.of("IMAGE_UPLOAD_FORMATS", "jpeg, PNG,webp,avif,"))
                        .formats())
                .containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF);
    }

    @Test
    void unknownFormatsAndHeicAreRefused() {
        assertThatThrownBy(() -> uploads(Map.of("IMAGE_UPLOAD_FORMATS", "jpeg,svg")))
                .hasMessageContaining("IMAGE_UPLOAD_FORMATS")
                .hasMessageContaining("svg");
        assertThatThrownBy(() -> uploads(Map.of("IMAGE_UPLOAD_FORMATS", "jpeg,heic")))
                .hasMessageContaining("heic");
        assertThatThrownBy(() -> uploads(Map.of("IMAGE_UPLOAD_FORMATS", " , ")))
                .hasMessageContaining("IMAGE_UPLOAD_FORMATS");
    }

    @Test
    void theCodecIsChosenByItsVariables() {
        assertThat(Settings.defaults().imageCodec())
                .isEqualTo(new ImageCodecs.Settings(ImageCodecs.Kind.AUTO, Optional.empty(), 0));
        assertThat(Settings.fromVariables(Map.of(
                                "IMAGE_CODEC", "ImageIO", "LIBVIPS_PATH", "/opt/vips.so", "VIPS_CONCURRENCY", "2"))
                        .imageCodec())
                .isEqualTo(new ImageCodecs.Settings(ImageCodecs.Kind.IMAGEIO, Optional.of(Path.of("/opt/vips.so")), 2));
        assertThatThrownBy(() -> Settings.fromVariables(Map.of("IMAGE_CODEC", "magick")))
                .hasMessageContaining("IMAGE_CODEC");
        assertThatThrownBy(() -> Settings.fromVariables(Map.of("VIPS_CONCURRENCY", "-1")))
                .hasMessageContaining("VIPS_CONCURRENCY");
    }
}
