package dev.skyhook.hosts.api.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.UploadPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageSettingsTest {
    @Test
    void uploadsAreJpegPngGifAndWebpUnlessListed() {
        UploadPolicy defaults = ImageSettings.defaults().uploads(UploadPolicy.defaults(AllowedPaths.defaults()));
        UploadPolicy withAvif = ImageSettings.fromEnvironment(Map.of("IMAGE_UPLOAD_FORMATS", "jpeg, PNG,webp,avif,"))
            .uploads(UploadPolicy.defaults(AllowedPaths.defaults()));

        assertThat(defaults.formats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP);
        assertThat(withAvif.formats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF);
    }

    @Test
    void unknownFormatsAndHeicAreRefused() {
        assertThatThrownBy(() -> ImageSettings.fromEnvironment(Map.of("IMAGE_UPLOAD_FORMATS", "jpeg,svg")))
            .hasMessageContaining("IMAGE_UPLOAD_FORMATS").hasMessageContaining("svg");
        assertThatThrownBy(() -> ImageSettings.fromEnvironment(Map.of("IMAGE_UPLOAD_FORMATS", "jpeg,heic")))
            .hasMessageContaining("heic");
        assertThatThrownBy(() -> ImageSettings.fromEnvironment(Map.of("IMAGE_UPLOAD_FORMATS", " , ")))
            .hasMessageContaining("IMAGE_UPLOAD_FORMATS");
    }
}
