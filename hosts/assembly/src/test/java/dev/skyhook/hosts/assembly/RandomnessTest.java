package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RandomnessTest {
    /** Two environments restored from one snapshot: the same generator, in the same state. */
    private static Randomness restoredCopy() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed("the state in the snapshot".getBytes(StandardCharsets.UTF_8));
        Randomness randomness = new Randomness(() -> random);
        randomness.secureRandom(); // built before the snapshot, so in it
        return randomness;
    }

    private static byte[] next(Randomness randomness) {
        byte[] bytes = new byte[32];
        randomness.secureRandom().nextBytes(bytes);
        return bytes;
    }

    @Test
    void copiesOfOneSnapshotDrawTheSameNumbersUntilReseeded() throws Exception {
        Randomness first = restoredCopy();
        Randomness second = restoredCopy();
        assertThat(next(first)).isEqualTo(next(second));
        assertThat(first.uuids().get()).isEqualTo(second.uuids().get());

        first.reseed();
        second.reseed();

        assertThat(next(first)).isNotEqualTo(next(second));
        assertThat(first.uuids().get()).isNotEqualTo(second.uuids().get());
        assertThat(first.reseeds()).isEqualTo(1);
    }

    @Test
    void reseedingChangesWhatComesNext() throws Exception {
        Randomness untouched = restoredCopy();
        Randomness reseeded = restoredCopy();

        reseeded.reseed();

        assertThat(next(reseeded)).isNotEqualTo(next(untouched));
    }

    @Test
    void uuidsAreVersion4InTheIetfVariant() {
        UUID id = new Randomness(SecureRandom::new).uuids().get();

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void theGeneratorIsBuiltOnFirstUseOnlyAndAReseedBeforeThatBuildsNothing() {
        AtomicInteger built = new AtomicInteger();
        Randomness randomness = new Randomness(() -> {
            built.incrementAndGet();
            return new SecureRandom();
        });

        randomness.reseed();
        assertThat(built).hasValue(0);
        assertThat(randomness.built()).isFalse();

        randomness.uuids().get();
        randomness.secureRandom().nextInt();
        assertThat(built).hasValue(1);
        assertThat(randomness.reseeds()).isEqualTo(1);
    }
}
