package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.port.out.BlobStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** How S3 failures reach the core: as {@link DomainException} codes, never as SDK exceptions. */
class S3BlobStoreFailureIT {
    private static final BlobKey KEY = new BlobKey("post/a.jpg");
    private static final List<Consumer<BlobStore>> EVERY_OPERATION = List.of(
            store -> store.put(KEY, new byte[] {1}, "image/jpeg"),
            store -> store.stat(KEY),
            store -> store.open(KEY),
            store -> store.delete(KEY),
            store -> store.list("post/"),
            store -> store.listWithSizes("post/", 10));

    @Test
    void aStoreThatCannotBeReachedIsUnavailableQuickly() throws IOException {
        S3Settings closedPort = S3Settings.of(
                        "skyhook",
                        S3Settings.DEFAULT_REGION,
                        Optional.of(URI.create("http://127.0.0.1:" + closedPort())),
                        Optional.empty())
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));

        try (S3Clients clients = S3Clients.create(closedPort, S3ProxyServer.credentials())) {
            S3BlobStore store = new S3BlobStore(clients.client(), closedPort);
            long checked = System.nanoTime();
            assertThat(store.isReachable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - checked)).isLessThan(Duration.ofSeconds(5));
            for (Consumer<BlobStore> operation : EVERY_OPERATION) {
                long start = System.nanoTime();
                assertThat(failureOf(() -> operation.accept(store))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                // Three attempts with the standard backoff, each refused at once.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aStoppedServerIsUnavailableAndServesAgainOnceStarted() {
        S3ProxyServer server = S3ProxyServer.startNew();
        var bucket = server.createBucket("outage");
        try (S3Clients clients = bucket.openClients()) {
            S3BlobStore store = new S3BlobStore(clients.client(), bucket.settings());
            store.put(KEY, new byte[] {1, 2}, "image/jpeg");
            assertThat(store.isReachable()).isTrue();

            server.stop();
            assertThat(failureOf(() -> store.stat(KEY))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(store.isReachable()).isFalse();

            server.start();
            assertThat(store.stat(KEY).orElseThrow().length()).isEqualTo(2);
            assertThat(store.isReachable()).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void aMissingBucketIsAFailureThatRetryingWillNotFix() {
        S3Settings missingBucket = S3ProxyServer.shared().settingsFor("never-created");

        try (S3Clients clients = S3Clients.create(missingBucket, S3ProxyServer.credentials())) {
            S3BlobStore store = new S3BlobStore(clients.client(), missingBucket);
            assertThat(store.isReachable()).isFalse();
            // Not stat: the answer to a HEAD has no body to tell a missing bucket from a missing key.
            assertThat(failureOf(() -> store.put(KEY, new byte[] {1}, "image/jpeg")))
                    .isEqualTo(ErrorCode.STORE_FAILURE);
            assertThat(failureOf(() -> store.open(KEY))).isEqualTo(ErrorCode.STORE_FAILURE);
            assertThat(failureOf(() -> store.delete(KEY))).isEqualTo(ErrorCode.STORE_FAILURE);
            assertThat(failureOf(() -> store.list("post/"))).isEqualTo(ErrorCode.STORE_FAILURE);
            assertThat(failureOf(() -> store.listWithSizes("post/", 10))).isEqualTo(ErrorCode.STORE_FAILURE);
        }
    }

    @Test
    void wrongCredentialsAreAFailure() {
        var bucket = S3ProxyServer.shared().createBucket("denied");
        var wrongSecret = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "not-the-secret"));

        try (S3Clients clients = S3Clients.create(bucket.settings(), wrongSecret)) {
            S3BlobStore store = new S3BlobStore(clients.client(), bucket.settings());
            assertThat(failureOf(() -> store.put(KEY, new byte[] {1}, "image/jpeg")))
                    .isEqualTo(ErrorCode.STORE_FAILURE);
            assertThat(failureOf(() -> store.list("post/"))).isEqualTo(ErrorCode.STORE_FAILURE);
            assertThat(store.isReachable()).isFalse();
        }
    }

    private static ErrorCode failureOf(ThrowingCallable operation) {
        Throwable thrown = catchThrowable(operation);
        assertThat(thrown).isInstanceOf(DomainException.class);
        return ((DomainException) thrown).code();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
