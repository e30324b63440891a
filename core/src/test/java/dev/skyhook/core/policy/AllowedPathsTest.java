package dev.skyhook.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.BlobKey;
import org.junit.jupiter.api.Test;

class AllowedPathsTest {
    private final UploadPolicy policy = UploadPolicy.defaults(AllowedPaths.defaults());

    @Test
    void holdsKeysWhoseFirstSegmentIsAnUploadFolder() {
        assertThat(AllowedPaths.defaults().holds(new BlobKey("post/1.jpg"))).isTrue();
        assertThat(AllowedPaths.defaults().holds(new BlobKey("post"))).isFalse();
        assertThat(AllowedPaths.defaults().holds(new BlobKey("postscript/1.jpg")))
                .isFalse();
        assertThat(AllowedPaths.defaults().holds(new BlobKey("files/post/1.jpg")))
                .isFalse();
    }

    @Test
    void uploadsAndVariantsArePublicAndFilesAreNot() {
        assertThat(policy.isPublic(new BlobKey("banner/1.png"))).isTrue();
        assertThat(policy.isPublic(new BlobKey("ProcessedImages/banner/1.png/w400-hauto-inside.png")))
                .isTrue();
        assertThat(policy.isPublic(new BlobKey("files/banner/1.png"))).isFalse();
    }
}
