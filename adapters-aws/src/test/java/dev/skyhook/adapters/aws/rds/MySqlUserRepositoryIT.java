package dev.skyhook.adapters.aws.rds;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.contract.UserRepositoryContract;
import dev.skyhook.core.port.out.UserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The users contract on a real MariaDB server, through the same pool the Lambda host builds. */
class MySqlUserRepositoryIT extends UserRepositoryContract {
    private static HikariDataSource dataSource;
    private static UserRepository users;

    @BeforeAll
    static void startDatabase() {
        dataSource = MySqlDatabase.pool(MariaDbServer.shared().createDatabase("users"));
        DatabaseMigrations.migrate(dataSource);
        users = new JdbcUserRepository(dataSource);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Override
    protected UserRepository repository() {
        return users;
    }
}
