package dev.skyhook.hosts.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.local.jdbc.DatabaseHealth;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.H2Database;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.users.UserRoutes;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that reads configuration and the only place that knows
 * which adapters back the API. Everything is built with {@code new}; Micronaut only holds the
 * result and closes the pool on shutdown.
 */
@Factory
class ServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ServerFactory.class);

    @Singleton
    ServerSettings settings(Environment environment) {
        return ServerSettings.from(environment);
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(ServerSettings settings) {
        if (settings.mySql().isPresent()) {
            LOG.info("Users in MySQL at {}", settings.mySql().get());
            HikariDataSource pool = MySqlDatabase.pool(settings.mySql().get());
            if (settings.migrateMySql()) {
                migrate(pool);
            }
            return pool;
        }
        LOG.info("Users in the embedded H2 database in {}", settings.dataDirectory().toAbsolutePath().normalize());
        HikariDataSource pool = H2Database.inDirectory(settings.dataDirectory());
        migrate(pool);
        return pool;
    }

    @Singleton
    AccessLog accessLog() {
        return AccessLog.toStandardOutput();
    }

    /** Built at start (not on the first request) so a broken database or migration fails fast. */
    @Context
    HttpApi httpApi(HikariDataSource dataSource, AccessLog accessLog) {
        UserService users = new UserService(new JdbcUserRepository(dataSource));
        return new HttpApi(HttpApi.concat(
            new GreetingRoutes(new GreetingService()).routes(),
            new UserRoutes(users, users, users).routes(),
            new HealthRoutes(Map.of("users", () -> DatabaseHealth.isReachable(dataSource))).routes()), accessLog);
    }

    private static void migrate(HikariDataSource pool) {
        try {
            int applied = DatabaseMigrations.migrate(pool);
            LOG.info("Database schema up to date ({} migrations applied)", applied);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
