package dev.skyhook.hosts.api.files;

import dev.skyhook.core.policy.FileQuota;
import java.util.Map;
import java.util.Objects;

/**
 * The per-user file quota, from {@code FILES_QUOTA_BYTES} (default 1 GiB) and
 * {@code FILES_QUOTA_COUNT} (default 1000 files, at most {@value FileQuota#MAX_FILES_LIMIT}).
 */
public record FileSettings(FileQuota quota) {
    public static final String QUOTA_BYTES = "FILES_QUOTA_BYTES";
    public static final String QUOTA_COUNT = "FILES_QUOTA_COUNT";

    public FileSettings {
        Objects.requireNonNull(quota, "quota");
    }

    public static FileSettings defaults() {
        return new FileSettings(FileQuota.defaults());
    }

    public static FileSettings fromEnvironment(Map<String, String> env) {
        long bytes = number(env, QUOTA_BYTES, FileQuota.DEFAULT_MAX_BYTES, Long.MAX_VALUE);
        long count = number(env, QUOTA_COUNT, FileQuota.DEFAULT_MAX_FILES, FileQuota.MAX_FILES_LIMIT);
        return new FileSettings(new FileQuota(bytes, (int) count));
    }

    private static long number(Map<String, String> env, String variable, long fallback, long max) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String range = max == Long.MAX_VALUE ? "a positive whole number" : "a whole number from 1 to " + max;
        throw new IllegalArgumentException(variable + " must be " + range + ", was '" + value + "'");
    }
}
