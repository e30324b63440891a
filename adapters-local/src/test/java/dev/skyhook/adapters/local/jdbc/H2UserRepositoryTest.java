package dev.skyhook.adapters.local.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.core.contract.UserRepositoryContract;
import dev.skyhook.core.port.out.UserRepository;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class H2UserRepositoryTest extends UserRepositoryContract {
    private HikariDataSource dataSource;

    @Override
    protected UserRepository repository() {
        dataSource = H2Database.inMemory("users-" + UUID.randomUUID());
        DatabaseMigrations.migrate(dataSource);
        return new JdbcUserRepository(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }
}
