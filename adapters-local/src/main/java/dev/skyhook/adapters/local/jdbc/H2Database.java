package dev.skyhook.adapters.local.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.local.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** An embedded H2 database in MySQL mode, so the MySQL migrations and SQL run on it unchanged. */
public final class H2Database {
    private static final String OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

    private H2Database() {}

    /**
     * A database kept in {@code directory} that survives restarts. Each commit is written out before it
     * returns (H2 otherwise waits up to 500 ms), so a user the API answered 201 for is still there after
     * the process is killed. H2 creates its files with the process's umask (usually {@code rw-r--r--}),
     * so the folder is made owner-only ({@code rwx------}) before H2 opens it: nobody else can reach them.
     */
    public static HikariDataSource inDirectory(Path directory) {
        try {
            OwnerOnlyFiles.directory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database folder " + directory, e);
        }
        Path file = directory.toAbsolutePath().resolve("skyhook");
        return pool("jdbc:h2:file:" + file + OPTIONS + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", "skyhook-h2");
    }

    /** A database that lives as long as the pool; {@code name} keeps separate ones apart. */
    public static HikariDataSource inMemory(String name) {
        return pool("jdbc:h2:mem:" + name + OPTIONS + ";DB_CLOSE_DELAY=-1", "skyhook-h2-" + name);
    }

    private static HikariDataSource pool(String url, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setPoolName(poolName);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
