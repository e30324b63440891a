package dev.skyhook.adapters.aws.testing;

import dev.skyhook.adapters.aws.s3.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 API server for tests: S3Proxy in-process on a free loopback port, objects in memory.
 * It checks SigV4 signatures, presigned URLs included (tampered, re-pointed and expired ones get
 * 403), with the fixed {@link #ACCESS_KEY} and {@link #SECRET_KEY}. Objects survive
 * {@link #stop()} and {@link #start()}, which reopen the same port.
 */
public final class S3ProxyServer {
    public static final String ACCESS_KEY = "skyhook-test-access";
    public static final String SECRET_KEY = "skyhook-test-secret";
    /** Short enough that a test of an outage does not wait long, long enough for a loaded machine. */
    private static final Duration TEST_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private static final Duration TEST_READ_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer shared;

    private final BlobStore objects = new TransientNio2BlobStore();
    private S3Proxy proxy;
    private int port;

    private S3ProxyServer() {}

    /** One server for the whole test JVM, stopped when the JVM exits. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            shared = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly, "s3proxy-stop"));
        }
        return shared;
    }

    /** A server of its own, for tests that stop and start it. */
    public static S3ProxyServer startNew() {
        S3ProxyServer server = new S3ProxyServer();
        server.start();
        return server;
    }

    /** Starts the server again after {@link #stop()}, on the same port and with the same objects. */
    public synchronized void start() {
        if (proxy != null) {
            throw new IllegalStateException("S3Proxy is already running on port " + port);
        }
        // S3Proxy cannot be restarted once stopped, so each start builds a new one over the same objects.
        S3Proxy started = S3Proxy.builder()
                .blobStore(objects)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Stop at once, as in an outage, instead of waiting for idle keep-alive connections.
                .stopTimeout(0)
                .build();
        try {
            started.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(started.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + started.getState());
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        proxy = started;
        port = started.getPort();
    }

    /** Stops answering: clients then get connection refused, as when S3 cannot be reached. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        }
        proxy = null;
    }

    /** Creates a fresh, empty bucket and returns what the adapters need to use it. */
    public S3TestBucket createBucket(String prefix) {
        String bucket = prefix + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        objects.createContainer(bucket);
        return new S3TestBucket(settingsFor(bucket), credentials());
    }

    /** Settings for {@code bucket} on this server, whether or not it exists. */
    public S3Settings settingsFor(String bucket) {
        return S3Settings.of(bucket, S3Settings.DEFAULT_REGION, Optional.of(endpoint()), Optional.empty())
                .withTimeouts(TEST_CONNECT_TIMEOUT, TEST_READ_TIMEOUT);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    public synchronized URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // The JVM is exiting; the server's threads die with it.
        }
    }
}
