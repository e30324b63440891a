package dev.skyhook.hosts.assembly;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3BlobUrlSigner;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.s3.S3Settings;
import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.adapters.local.files.OwnerOnlyFiles;
import dev.skyhook.adapters.local.jdbc.DatabaseHealth;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.adapters.local.jdbc.H2Database;
import dev.skyhook.adapters.local.jdbc.JdbcRideRepository;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.adapters.local.signing.HmacBlobUrlSigner;
import dev.skyhook.adapters.local.signing.SigningSecrets;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.BlobUrlVerifier;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ports of the local server: users and rides in one database (the embedded H2 in the data
 * directory, or MySQL when {@code DB_HOST} is set), blobs in the data directory with HMAC-signed
 * URLs served by the server itself (or in a bucket when {@code BUCKET_NAME} is set), and secrets
 * generated once and kept in the data directory where none is configured.
 */
public final class LocalAdapters implements Adapters, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAdapters.class);

    private final Settings settings;
    private final Settings.LocalServer server;
    private final Lazy<HikariDataSource> database;
    private final Lazy<UserRepository> users;
    private final Lazy<RideRepository> rides;
    private final Lazy<Blobs> blobs;
    private final Lazy<byte[]> urlSigningSecret;

    /** Where blobs live and how their URLs are signed; {@code verifier} is present when this server checks its own signed URLs. */
    private record Blobs(
            BlobStore store,
            BlobUrlSigner signer,
            Optional<BlobUrlVerifier> verifier,
            BooleanSupplier health,
            AutoCloseable clients) {}

    /** Prepares the data directory ({@code rwx------}) before anything writes in it. */
    public LocalAdapters(Settings settings, Settings.LocalServer server) {
        this.settings = settings;
        this.server = server;
        try {
            OwnerOnlyFiles.directory(server.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare the data directory "
                            + server.dataDirectory().toAbsolutePath(),
                    e);
        }
        this.database = Lazy.of(this::openDatabase);
        this.users = Lazy.of(() -> new JdbcUserRepository(database.get()));
        // Rides share the users' database (H2 here, or MySQL): the same migrations create both tables.
        this.rides = Lazy.of(() -> new JdbcRideRepository(database.get()));
        this.blobs = Lazy.of(this::openBlobs);
        this.urlSigningSecret = Lazy.of(() -> SigningSecrets.configuredOrKept(
                settings.urlSigningSecret().orElse(null), server.dataDirectory().resolve("url-signing.key")));
    }

    private HikariDataSource openDatabase() {
        if (settings.mySql().isPresent()) {
            MySqlSettings mysql = settings.mySql().get();
            LOG.info("Users in MySQL at {}", mysql);
            HikariDataSource pool = MySqlDatabase.pool(mysql);
            if (server.migrateMySql()) {
                migrate(pool);
            }
            return pool;
        }
        LOG.info(
                "Users in the embedded H2 database in {}",
                server.dataDirectory().toAbsolutePath().normalize());
        HikariDataSource pool = H2Database.inDirectory(server.dataDirectory());
        migrate(pool);
        return pool;
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

    private Blobs openBlobs() {
        if (settings.s3().isPresent()) {
            S3Settings s3 = settings.s3().get();
            LOG.info("Blobs in S3 bucket {} ({})", s3.bucket(), s3.region());
            S3Clients clients = S3Clients.create(s3);
            S3BlobStore store = new S3BlobStore(clients.client(), s3);
            return new Blobs(
                    store, new S3BlobUrlSigner(clients.presigner(), s3), Optional.empty(), store::isReachable, clients);
        }
        LOG.info("Blobs in {}", blobDirectory().toAbsolutePath().normalize());
        HmacBlobUrlSigner signer = new HmacBlobUrlSigner(
                urlSigningSecret.get(), URI.create(server.baseUrl() + "/signed"), Clock.systemUTC());
        FileSystemBlobStore store = new FileSystemBlobStore(blobDirectory(), server.publicBaseUrl());
        return new Blobs(store, signer, Optional.of(signer), store::isReachable, () -> {});
    }

    private java.nio.file.Path blobDirectory() {
        return server.dataDirectory().resolve("blobs");
    }

    /** The database of users and rides. */
    public HikariDataSource database() {
        return database.get();
    }

    /** Present when blobs are in the data directory: the server checks the signatures of their URLs itself (S3 checks its own). */
    public Optional<BlobUrlVerifier> localVerifier() {
        return blobs.get().verifier();
    }

    @Override
    public UserRepository users() {
        return users.get();
    }

    @Override
    public RideRepository rides() {
        return rides.get();
    }

    @Override
    public BlobStore blobs() {
        return blobs.get().store();
    }

    @Override
    public BlobUrlSigner blobUrlSigner() {
        return blobs.get().signer();
    }

    @Override
    public byte[] urlSigningSecret() {
        return urlSigningSecret.get();
    }

    /** Every backing store, in a stable order; rides share the users' database. */
    @Override
    public Map<String, BooleanSupplier> health() {
        DataSource db = database.get();
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("users", () -> DatabaseHealth.isReachable(db));
        checks.put("rides", () -> DatabaseHealth.isReachable(db));
        checks.put("blobs", blobs.get().health());
        return checks;
    }

    /** Closes the pool and the bucket's clients, whichever were built. */
    @Override
    public void close() throws Exception {
        if (blobs.built()) {
            blobs.get().clients().close();
        }
        if (database.built()) {
            database.get().close();
        }
    }
}
