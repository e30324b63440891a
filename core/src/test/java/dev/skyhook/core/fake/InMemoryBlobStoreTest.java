package dev.skyhook.core.fake;

import dev.skyhook.core.contract.BlobStoreContract;
import dev.skyhook.core.port.out.BlobStore;

class InMemoryBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore store() {
        return new InMemoryBlobStore();
    }
}
