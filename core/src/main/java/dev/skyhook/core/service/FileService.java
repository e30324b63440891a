package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.port.in.UploadFileCommand;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Files by name with time-limited download URLs (the original function's {@code app_s3.py}), each owner's under
 * its own prefix ({@link FileOwner#keyPrefix()}), so a name can never reach images, variants or
 * another owner's files. Unlike the original, a URL is only signed for a file that exists.
 *
 * <p>The quota is checked and the file stored under one lock per owner, so concurrent uploads of
 * one owner in this process are taken one at a time and never pass the quota together. Processes
 * that share a store (Lambda containers) do not share the lock: there an owner can exceed the quota
 * by at most one file (of at most the per-file limit) per other process uploading for the same owner
 * at that moment.
 */
public final class FileService {
    public static final Duration DEFAULT_URL_TTL = Duration.ofHours(1);

    private final BlobStore store;
    private final BlobUrlSigner signer;
    private final Duration urlTtl;
    private final FileQuota quota;
    private final OwnerLocks locks = new OwnerLocks();

    public FileService(BlobStore store, BlobUrlSigner signer, Duration urlTtl, FileQuota quota) {
        this.store = Objects.requireNonNull(store, "store");
        this.signer = Objects.requireNonNull(signer, "signer");
        if (urlTtl.isNegative() || urlTtl.isZero()) {
            throw new IllegalArgumentException("download URLs must be valid for some time");
        }
        this.urlTtl = urlTtl;
        this.quota = Objects.requireNonNull(quota, "quota");
    }

    /**
     * Stores the file, replacing the owner's file of the same name (as S3 does); {@code QUOTA_EXCEEDED},
     * with nothing stored, when it would take the owner past the file quota.
     */
    public void upload(UploadFileCommand command) {
        FileOwner owner = command.owner();
        BlobKey key = owner.keyOf(command.name());
        locks.run(owner, () -> {
            // One more than the limit: enough to tell "over it" without listing an unbounded number of files.
            List<ListedBlob> stored = store.listWithSizes(owner.keyPrefix(), quota.maxFiles() + 1);
            FileQuota.Usage used = new FileQuota.Usage(
                    stored.size(), stored.stream().mapToLong(ListedBlob::length).sum());
            OptionalLong replaced = stored.stream()
                    .filter(blob -> blob.key().equals(key))
                    .mapToLong(ListedBlob::length)
                    .findFirst();
            quota.admit(used, replaced, command.content().length(), command.name());
            store.put(key, command.content(), command.contentType());
        });
    }

    /**
     * A time-limited download URL for one of {@code owner}'s files; {@code NOT_FOUND} when the owner
     * has no file of that name, whoever else has.
     */
    public SignedRequest downloadUrl(FileOwner owner, String filename) {
        BlobKey name = UploadFileCommand.fileName(filename);
        BlobKey key = owner.keyOf(name);
        if (store.stat(key).isEmpty()) {
            // The same answer whether another owner has a file of this name or nobody has.
            throw DomainException.notFound("File '" + name + "' not found");
        }
        return signer.signGet(key, urlTtl);
    }

    /** One lock per owner with an upload in progress; an owner's entry goes when its last upload ends. */
    private static final class OwnerLocks {
        private static final class Entry {
            final ReentrantLock lock = new ReentrantLock();
            int holders;
        }

        private final ConcurrentHashMap<FileOwner, Entry> entries = new ConcurrentHashMap<>();

        void run(FileOwner owner, Runnable action) {
            Entry entry = entries.compute(owner, (k, existing) -> {
                Entry e = existing == null ? new Entry() : existing;
                e.holders++;
                return e;
            });
            entry.lock.lock();
            try {
                action.run();
            } finally {
                entry.lock.unlock();
                entries.compute(owner, (k, e) -> --e.holders == 0 ? null : e);
            }
        }
    }
}
