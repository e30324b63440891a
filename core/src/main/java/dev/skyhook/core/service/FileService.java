package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import dev.skyhook.core.port.in.GetFileUrlUseCase;
import dev.skyhook.core.port.in.UploadFileCommand;
import dev.skyhook.core.port.in.UploadFileUseCase;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import java.time.Duration;
import java.util.Objects;

/**
 * Files by name with time-limited download URLs (the seed's {@code app_s3.py}). Files live under
 * {@value #PREFIX} so a name can never reach images or variants. Unlike the seed, a URL is only
 * signed for a file that exists.
 */
public final class FileService implements UploadFileUseCase, GetFileUrlUseCase {
    public static final String PREFIX = "files/";
    public static final Duration DEFAULT_URL_TTL = Duration.ofHours(1);

    private final BlobStore store;
    private final BlobUrlSigner signer;
    private final Duration urlTtl;

    public FileService(BlobStore store, BlobUrlSigner signer, Duration urlTtl) {
        this.store = Objects.requireNonNull(store, "store");
        this.signer = Objects.requireNonNull(signer, "signer");
        if (urlTtl.isNegative() || urlTtl.isZero()) {
            throw new IllegalArgumentException("download URLs must be valid for some time");
        }
        this.urlTtl = urlTtl;
    }

    @Override
    public void upload(UploadFileCommand command) {
        store.put(keyOf(command.name()), command.content(), command.contentType());
    }

    @Override
    public SignedRequest downloadUrl(String filename) {
        BlobKey name = UploadFileCommand.fileName(filename);
        BlobKey key = keyOf(name);
        if (store.stat(key).isEmpty()) {
            throw DomainException.notFound("File '" + name + "' not found");
        }
        return signer.signGet(key, urlTtl);
    }

    /** The store key of a file name. */
    public static BlobKey keyOf(BlobKey name) {
        return new BlobKey(PREFIX + name.value());
    }
}
