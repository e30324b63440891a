package dev.skyhook.adapters.local.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.core.contract.RideRepositoryContract;
import dev.skyhook.core.port.out.RideRepository;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The rides contract on H2, including 50 concurrent retries of one keyed booking. */
class H2RideRepositoryTest extends RideRepositoryContract {
    private HikariDataSource dataSource;

    @Override
    protected RideRepository repository() {
        dataSource = H2Database.inMemory("rides-" + UUID.randomUUID());
        DatabaseMigrations.migrate(dataSource);
        return new JdbcRideRepository(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }
}
