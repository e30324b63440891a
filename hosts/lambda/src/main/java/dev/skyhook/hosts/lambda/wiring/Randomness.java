package dev.skyhook.hosts.lambda.wiring;

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
 * environment restored from one snapshot would start from the same generator state.
 */
public final class Randomness {
    private final SecureRandom random;
    private final AtomicInteger reseeds = new AtomicInteger();

    public Randomness(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public SecureRandom secureRandom() {
        return random;
    }

    /** Version 4 UUIDs drawn from this generator (not from the JDK's own static one, which no hook can reach). */
    public Supplier<UUID> uuids() {
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
            bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        };
    }

    /** Mixes fresh entropy from the operating system into the generator (it supplements, never replaces, the seed). */
    public void reseed() {
        random.setSeed(freshSeed());
        random.setSeed(System.nanoTime());
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
