package dev.skyhook.adapters.local.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
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

    /**
     * H2 gives its files no mode of its own: they get the process's umask, like any plain file (often
     * {@code rw-r--r--}). What keeps other users out is the folder, made {@code rwx------} before H2 opens it.
     */
    @Test
    void theDatabaseLivesInAFolderOnlyItsOwnerCanEnter() throws Exception {
        assumeTrue(
                directory.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not checked: no POSIX permissions here");
        Path data = directory.resolve("data");
        try (HikariDataSource database = H2Database.inDirectory(data)) {
            DatabaseMigrations.migrate(database);
            new JdbcUserRepository(database).add("Kim", 31);

            assertThat(mode(data)).isEqualTo("rwx------");
            Path plain = Files.createFile(data.resolve("plain"));
            try (Stream<Path> files = Files.list(data)) {
                List<Path> h2Files = files.filter(file -> !file.equals(plain)).toList();
                assertThat(h2Files)
                        .extracting(file -> file.getFileName().toString())
                        .contains("skyhook.mv.db");
                assertThat(h2Files)
                        .allSatisfy(
                                file -> assertThat(mode(file)).as("%s", file).isEqualTo(mode(plain)));
            }
        }
    }

    @Test
    void aDatabaseFolderOthersCouldEnterIsNarrowedBeforeH2OpensIt() throws Exception {
        assumeTrue(
                directory.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not checked: no POSIX permissions here");
        Path data = Files.createDirectory(directory.resolve("old-data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (HikariDataSource database = H2Database.inDirectory(data)) {
            DatabaseMigrations.migrate(database);
        }

        assertThat(mode(data)).isEqualTo("rwx------");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A demo database left by an older checkout (H2 2.4.240, migrated by Flyway 11) opens with the
     * current H2, keeps its rows, and takes the current migrations and new writes: it need not be deleted.
     * If a future H2 cannot read it, this fails, and the upgrade notes must say to delete it.
     */
    @Test
    void aDemoDatabaseWrittenByH2_2_4_opensMigratesAndKeepsItsRows() throws Exception {
        try (InputStream old = getClass().getResourceAsStream("written-by-h2-2.4.240/skyhook.mv.db")) {
            Files.copy(old, directory.resolve("skyhook.mv.db"));
        }
        try (HikariDataSource upgraded = H2Database.inDirectory(directory)) {
            assertThat(DatabaseMigrations.migrate(upgraded)).isNotNegative();
            assertThat(h2Version(upgraded)).as("the H2 that opened it").isNotEqualTo("2.4.240");

            JdbcUserRepository users = new JdbcUserRepository(upgraded);
            assertThat(users.findById(1)).contains(new User(1, "Kim", 31));
            assertThat(new JdbcRideRepository(upgraded).findById("r-written-by-h2-2-4"))
                    .contains(new Ride(
                            "r-written-by-h2-2-4",
                            "kim",
                            new Unicorn("Shadowfax", "White", "Male"),
                            Instant.parse("2026-11-30T12:00:00.123Z")));

            User added = users.add("Ada", 36);
            assertThat(added.id()).isEqualTo(2);
            assertThat(users.findById(2)).contains(added);
        }
    }

    private static String h2Version(HikariDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT H2VERSION()")) {
            result.next();
            return result.getString(1);
        }
    }
}
