package dev.skyhook.adapters.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool outlives the database: unavailable while it is down, working again once it is back. */
class MySqlRecoveryIT {
    private MariaDbServer server;
    private HikariDataSource dataSource;

    @AfterEach
    void tearDown() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void reportsUnavailableWhileStoppedAndRecoversWithoutANewPool() {
        server = MariaDbServer.startEmbedded();
        dataSource = MySqlDatabase.pool(server.createDatabase("recovery"));
        DatabaseMigrations.migrate(dataSource);
        JdbcUserRepository users = new JdbcUserRepository(dataSource);
        User before = users.add("Kim", 31);

        server.stop();
        assertThatThrownBy(() -> users.findById(before.id()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThatThrownBy(() -> users.add("Lee", 40))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));

        server.start();
        assertThat(users.findById(before.id())).contains(before);
        assertThat(users.add("Lee", 40).id()).isGreaterThan(before.id());
    }

    @Test
    void aPoolBuiltWhileTheDatabaseIsDownStartsAndWorksOnceItIsUp() {
        server = MariaDbServer.startEmbedded();
        var settings = server.createDatabase("late");
        server.stop();

        dataSource = MySqlDatabase.pool(settings);
        JdbcUserRepository users = new JdbcUserRepository(dataSource);
        assertThatThrownBy(() -> users.findById(1))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));

        server.start();
        DatabaseMigrations.migrate(dataSource);
        assertThat(users.add("Kim", 31).name()).isEqualTo("Kim");
    }
}
