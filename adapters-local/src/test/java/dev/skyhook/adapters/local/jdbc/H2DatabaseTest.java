package dev.skyhook.adapters.local.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.core.model.User;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2DatabaseTest {
    @TempDir
    Path directory;

    @Test
    void aFileDatabaseKeepsUsersAcrossRestartsAndMigratesOnlyOnce() {
        User kim;
        try (HikariDataSource first = H2Database.inDirectory(directory)) {
            assertThat(DatabaseMigrations.migrate(first)).isPositive();
            kim = new JdbcUserRepository(first).add("Kim", 31);
        }
        try (HikariDataSource second = H2Database.inDirectory(directory)) {
            assertThat(DatabaseMigrations.migrate(second)).isZero();
            assertThat(new JdbcUserRepository(second).findById(kim.id())).contains(kim);
        }
    }
}
