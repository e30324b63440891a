package dev.skyhook.adapters.local.jdbc;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** The versioned schema migrations under {@code db/migration}, the same files for MySQL and H2. */
public final class DatabaseMigrations {
    private DatabaseMigrations() {}

    /** Brings the schema up to the newest version; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "Database migration failed: " + e.getMessage(), e);
        }
    }
}
