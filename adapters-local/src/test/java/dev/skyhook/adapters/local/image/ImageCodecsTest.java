package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.local.image.ImageCodecs.Kind;
import dev.skyhook.adapters.local.image.ImageCodecs.Settings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageCodecsTest {
    private static final Path NOT_A_LIBRARY = Path.of("pom.xml");

    @Test
    void autoTakesLibvipsWhereItLoads() {
        assertThat(ImageCodecs.load(new Settings(Kind.AUTO, Optional.empty(), 0), 1000))
                .isInstanceOf(LibvipsImageCodec.class);
    }

    @Test
    void autoFallsBackToImageIoWhereLibvipsDoesNotLoad() {
        assertThat(ImageCodecs.load(new Settings(Kind.AUTO, Optional.of(NOT_A_LIBRARY), 0), 1000))
                .isInstanceOf(ImageIoImageCodec.class);
    }

    @Test
    void libvipsAskedForButMissingStopsTheStart() {
        assertThatThrownBy(() -> ImageCodecs.load(new Settings(Kind.LIBVIPS, Optional.of(NOT_A_LIBRARY), 0), 1000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IMAGE_CODEC=libvips");
    }

    @Test
    void imageIoAskedForIsImageIo() {
        assertThat(ImageCodecs.load(new Settings(Kind.IMAGEIO, Optional.empty(), 0), 1000))
                .isInstanceOf(ImageIoImageCodec.class);
    }

    @Test
    void theLibraryIsFoundBesideTheCode() {
        assertThat(ImageCodecs.findLibrary())
                .endsWith(Path.of("native", "linux-" + System.getProperty("os.arch"), Libvips.LIBRARY_FILE));
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new Settings(Kind.AUTO, Optional.empty(), -1))
                .hasMessageContaining("VIPS_CONCURRENCY");
    }
}
