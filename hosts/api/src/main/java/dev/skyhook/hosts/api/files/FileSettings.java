package dev.skyhook.hosts.api.files;

import dev.skyhook.core.policy.FileQuota;
import java.util.Objects;

/**
 * The per-user file quota, from {@code FILES_QUOTA_BYTES} (default 1 GiB) and
 * {@code FILES_QUOTA_COUNT} (default 1000 files, at most {@value FileQuota#MAX_FILES_LIMIT}).
 */
public record FileSettings(FileQuota quota) {
    public FileSettings {
        Objects.requireNonNull(quota, "quota");
    }

    public static FileSettings defaults() {
        return new FileSettings(FileQuota.defaults());
    }
}
