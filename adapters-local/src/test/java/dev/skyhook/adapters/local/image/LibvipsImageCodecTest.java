package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageCodec;
import org.junit.jupiter.api.Test;

/** The codec contract on libvips, and what is libvips' own. */
class LibvipsImageCodecTest extends ImageCodecContractTest {
    /** The library the build fetched into target/native, found as the hosts find theirs. */
    static ImageCodec libvips() {
        return ImageCodecs.load(new ImageCodecs.Settings(ImageCodecs.Kind.LIBVIPS, java.util.Optional.empty(), 0),
            UploadPolicy.DEFAULT_MAX_PIXELS);
    }

    @Override
    protected ImageCodec codec() {
        return libvips();
    }

    @Test
    void itIsLibvips() {
        assertThat(codec).isInstanceOf(LibvipsImageCodec.class);
    }
}
