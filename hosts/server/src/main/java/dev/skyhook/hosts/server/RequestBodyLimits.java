package dev.skyhook.hosts.server;

import java.time.Duration;

/**
 * How long a request body may take and how many uploads run at once, so that slow or stalled
 * clients cannot hold the server's threads and connections.
 *
 * @param timeout {@code BODY_TIMEOUT_SECONDS}: the time every body gets from the end of the request's
 *     headers, before the minimum rate counts
 * @param minBytesPerSecond {@code BODY_MIN_BYTES_PER_SECOND}: every byte received extends the time by
 *     {@code 1 / minBytesPerSecond} seconds, so a body that keeps this average rate is never cut off;
 *     0 makes {@code timeout} a deadline for the whole body
 * @param concurrentUploads {@code MAX_CONCURRENT_UPLOADS}: uploads handled at once; more get 503 at once
 */
record RequestBodyLimits(Duration timeout, long minBytesPerSecond, int concurrentUploads) {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final long DEFAULT_MIN_BYTES_PER_SECOND = 16 * 1024;
    private static final long MAX_MIN_BYTES_PER_SECOND = 1L << 30;
    private static final Duration MAX_EXTRA = Duration.ofDays(1);

    RequestBodyLimits {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_EXTRA) > 0) {
            throw new IllegalArgumentException("BODY_TIMEOUT_SECONDS must be between 1 and " + MAX_EXTRA.toSeconds());
        }
        if (minBytesPerSecond < 0 || minBytesPerSecond > MAX_MIN_BYTES_PER_SECOND) {
            throw new IllegalArgumentException(
                    "BODY_MIN_BYTES_PER_SECOND must be between 0 and " + MAX_MIN_BYTES_PER_SECOND);
        }
        if (concurrentUploads < 1) {
            throw new IllegalArgumentException("MAX_CONCURRENT_UPLOADS must be positive");
        }
    }

    /** Two uploads per core, at least two: uploads mostly wait for the network, but each may hold its body in memory. */
    static int defaultConcurrentUploads() {
        return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** How long a body that has sent {@code received} bytes so far may have taken; at most a day more than the timeout. */
    Duration allowedFor(long received) {
        if (minBytesPerSecond == 0) {
            return timeout;
        }
        double extraNanos = received * 1e9 / minBytesPerSecond;
        return timeout.plusNanos((long) Math.min(extraNanos, MAX_EXTRA.toNanos()));
    }
}
