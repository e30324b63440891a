package dev.skyhook.adapters.local.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * A migration that has run somewhere must never change: Flyway compares each applied migration's
 * checksum at every start and refuses to migrate a database whose history differs. A new change is a
 * new migration; these are the checksums of the released ones.
 */
class ReleasedMigrationsTest {
    private static final Map<String, Integer> RELEASED = Map.of(
            "1", 274549167,
            "2", -376187371,
            "3", 285267347);

    @Test
    void releasedMigrationsKeepTheirChecksums() {
        Flyway flyway = Flyway.configure()
                .dataSource("jdbc:h2:mem:released-migrations;MODE=MySQL", "sa", "")
                .locations("classpath:db/migration")
                .load();
        Map<String, Integer> checksums = new LinkedHashMap<>();
        for (MigrationInfo migration : flyway.info().all()) {
            checksums.put(migration.getVersion().getVersion(), migration.getChecksum());
        }

        assertThat(checksums).containsAllEntriesOf(RELEASED);
    }
}
