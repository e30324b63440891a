package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** How the S3 clients talk to an S3-compatible store over plain HTTP (S3Proxy here). */
class S3ClientsIT {
    private static final Duration BODY_DELAY = Duration.ofMillis(300);

    /**
     * A client that writes each piece of its body a little late (a loaded machine, a process just
     * restored from a snapshot) still stores objects, empty or not: the store has no piece left to
     * answer before.
     */
    @Test
    void storesObjectsWhoseBodiesAreWrittenSlowly() {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("late-body");
        try (SdkHttpClient late = new LateBodies(UrlConnectionHttpClient.create());
                S3Clients clients = S3Clients.create(bucket.settings(), bucket.credentials(), late)) {
            S3BlobStore store = new S3BlobStore(clients.client(), bucket.settings());
            BlobKey empty = new BlobKey("late/empty.txt");

            store.put(empty, new byte[0], "text/plain");
            store.put(new BlobKey("late/one.txt"), new byte[] {1}, "text/plain");
            store.put(new BlobKey("late/stream.txt"), readOnce(new byte[] {1, 2, 3}), 3, "text/plain");

            assertThat(store.stat(empty).orElseThrow().length()).isZero();
            assertThat(store.listWithSizes("late/", 10)).hasSize(3);
        }
    }

    /** A stream too long to be read into memory and sent whole goes in signed pieces, and arrives whole. */
    @Test
    void storesALongStreamThatCannotBeReadTwice() throws IOException {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("once");
        byte[] content = new byte[S3BlobStore.WHOLE_STREAM_LIMIT + 1];
        new Random(7).nextBytes(content);
        try (S3Clients clients = S3Clients.create(bucket.settings(), bucket.credentials())) {
            S3BlobStore store = new S3BlobStore(clients.client(), bucket.settings());
            store.put(new BlobKey("once/big.bin"), readOnce(content), content.length, "application/octet-stream");

            try (BlobContent stored = store.open(new BlobKey("once/big.bin")).orElseThrow()) {
                assertThat(stored.stream().readAllBytes()).isEqualTo(content);
            }
        }
    }

    /** A stream that ends before its stated length stores nothing: the store keeps exactly that many bytes or none. */
    @Test
    void refusesAStreamShorterThanItsLength() {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("short");
        try (S3Clients clients = S3Clients.create(bucket.settings(), bucket.credentials())) {
            S3BlobStore store = new S3BlobStore(clients.client(), bucket.settings());
            BlobKey key = new BlobKey("short/cut.bin");

            assertThatThrownBy(() -> store.put(key, readOnce(new byte[3]), 5, "application/octet-stream"))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                    .hasMessageContaining("ended after 3 of 5");
            assertThat(store.stat(key)).isEmpty();
        }
    }

    /** A stream that cannot be reset, as a request body's is. */
    private static InputStream readOnce(byte[] content) {
        return new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** Starts each request body {@link #BODY_DELAY} after its headers. */
    private record LateBodies(SdkHttpClient delegate) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            HttpExecuteRequest.Builder late = HttpExecuteRequest.builder().request(request.httpRequest());
            request.contentStreamProvider()
                    .ifPresent(body -> late.contentStreamProvider(() -> new LateStream(body.newStream())));
            return delegate.prepareRequest(late.build());
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static final class LateStream extends FilterInputStream {
        LateStream(InputStream content) {
            super(content);
        }

        @Override
        public int read() throws IOException {
            waitBeforeEachRead();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            waitBeforeEachRead();
            return super.read(buffer, offset, length);
        }

        private void waitBeforeEachRead() throws InterruptedIOException {
            try {
                Thread.sleep(BODY_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while delaying the body");
            }
        }
    }
}
