package dev.skyhook.adapters.aws.rds;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.JdbcRideRepository;
import dev.skyhook.core.contract.RideRepositoryContract;
import dev.skyhook.core.port.out.RideRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rides contract on a real MariaDB server: the same migration and SQL as on H2. */
class MySqlRideRepositoryIT extends RideRepositoryContract {
    private static HikariDataSource dataSource;
    private static RideRepository rides;

    @BeforeAll
    static void startDatabase() {
        dataSource = MySqlDatabase.pool(MariaDbServer.shared().createDatabase("rides"));
        DatabaseMigrations.migrate(dataSource);
        rides = new JdbcRideRepository(dataSource);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Override
    protected RideRepository repository() {
        return rides;
    }
}
