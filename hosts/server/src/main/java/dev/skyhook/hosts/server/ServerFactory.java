package dev.skyhook.hosts.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.local.jdbc.DatabaseHealth;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.H2Database;
import dev.skyhook.adapters.local.jdbc.JdbcRideRepository;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.users.UserRoutes;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
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

    @Singleton
    RiderTokens riderTokens(ServerSettings settings) {
        return RiderTokens.fromSettings(settings.jwtSecret(), settings.dataDirectory());
    }

    /** Built at start (not on the first request) so a broken database or migration fails fast. */
    @Context
    HttpApi httpApi(HikariDataSource dataSource, AccessLog accessLog, ServerSettings settings, RiderTokens riders) {
        UserService users = new UserService(new JdbcUserRepository(dataSource));
        // Rides share the users' database (H2 here, or MySQL): the same migrations create both tables.
        RideService rides = new RideService(new JdbcRideRepository(dataSource),
            new RideAssignment(Fleet.wildRydes(), settings.rides().unicornBusyFor()), Clock.systemUTC(), new SecureRandom());
        List<Route> demoTokens = List.of();
        if (settings.demoTokens()) {
            demoTokens = new DemoTokenRoutes(riders).routes();
            LOG.info("Demo rider tokens: curl -X POST localhost:<port>/auth/demo-token -H 'Content-Type: application/json'"
                + " -d '{\"username\":\"the_username\"}' (DEMO_TOKENS=false turns this off)");
        }
        return new HttpApi(HttpApi.concat(
            new GreetingRoutes(new GreetingService()).routes(),
            new UserRoutes(users, users, users).routes(),
            new RideRoutes(rides, rides).routes(),
            demoTokens,
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
