package dev.skyhook.hosts.assembly;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one random generator of the graph: ride ids, unicorn tie-breaks and upload keys all come from
 * it, so one {@link #reseed()} after a SnapStart restore covers them all. Without it, every
 * environment restored from one snapshot would start from the same generator state. Built on first
 * use: the functions that draw nothing (hello, users, files) do not pay for it in their cold start.
 */
public final class Randomness {
    private final Supplier<SecureRandom> source;
    private final AtomicInteger reseeds = new AtomicInteger();
    private volatile SecureRandom random;

    public Randomness(Supplier<SecureRandom> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A {@link SecureRandom} of the platform's default kind, built on first use. */
    public static Randomness secure() {
        return new Randomness(SecureRandom::new);
    }

    public SecureRandom secureRandom() {
        SecureRandom built = random;
        if (built == null) {
            synchronized (this) {
                built = random;
                if (built == null) {
                    built = Objects.requireNonNull(source.get(), "source returned null");
                    random = built;
                }
            }
        }
        return built;
    }

    /** Whether the generator exists yet. */
    boolean built() {
        return random != null;
    }

    /** Version 4 UUIDs drawn from this generator (not from the JDK's own static one, which no hook can reach). */
    public Supplier<UUID> uuids() {
        return () -> {
            byte[] bytes = new byte[16];
            secureRandom().nextBytes(bytes);
            bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
            bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        };
    }

    /**
     * Mixes fresh entropy from the operating system into the generator (it supplements, never
     * replaces, the seed). A generator not built yet has no state to share: it is seeded when built.
     */
    public void reseed() {
        SecureRandom built = random;
        if (built != null) {
            built.setSeed(freshSeed());
            built.setSeed(System.nanoTime());
        }
        reseeds.incrementAndGet();
    }

    /** How many times the generator was reseeded: 0 until a restore. */
    public int reseeds() {
        return reseeds.get();
    }

    private static byte[] freshSeed() {
        try {
            // /dev/urandom: never blocks, even right after a restore.
            return SecureRandom.getInstance("NativePRNGNonBlocking").generateSeed(32);
        } catch (NoSuchAlgorithmException notOnThisPlatform) {
            return new SecureRandom().generateSeed(32);
        }
    }
}
