package dev.skyhook.core.fake;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.port.out.BlobStore;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a store and fails its Nth write (1-based) as an unreachable store would. */
public final class FailingBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final int failingWrite;
    private final AtomicInteger writes = new AtomicInteger();

    public FailingBlobStore(BlobStore delegate, int failingWrite) {
        this.delegate = delegate;
        this.failingWrite = failingWrite;
    }

    @Override
    public void put(BlobKey key, InputStream content, long length, String contentType) {
        if (writes.incrementAndGet() == failingWrite) {
            throw new DomainException(ErrorCode.STORE_UNAVAILABLE, "injected failure on write " + failingWrite);
        }
        delegate.put(key, content, length, contentType);
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        return delegate.stat(key);
    }

    @Override
    public Optional<BlobContent> open(BlobKey key) {
        return delegate.open(key);
    }

    @Override
    public void delete(BlobKey key) {
        delegate.delete(key);
    }

    @Override
    public List<BlobKey> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public List<ListedBlob> listWithSizes(String prefix, int limit) {
        return delegate.listWithSizes(prefix, limit);
    }

    @Override
    public URI publicUrl(BlobKey key) {
        return delegate.publicUrl(key);
    }
}
