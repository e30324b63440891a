package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.AcceptDirectUploadUseCase;
import dev.skyhook.core.port.in.CheckStoredImageUseCase;
import dev.skyhook.core.port.in.RequestDirectUploadCommand;
import dev.skyhook.core.port.in.RequestDirectUploadUseCase;
import dev.skyhook.core.port.in.UploadImagesCommand;
import dev.skyhook.core.port.in.UploadImagesUseCase;
import dev.skyhook.core.port.in.UploadedFile;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Image uploads, all or nothing: every file is checked before anything is stored, and if the
 * store fails part-way what was already stored is removed again. The check reads the header (type,
 * pixels, JPEG scans) and then decodes the whole image at a small scale on the {@link RenderBudget},
 * so that a truncated or corrupt file is refused now rather than failing every later request.
 * Direct uploads get keys of their own, {@code {folder}/direct/{uuid}.{ext}} (the key is signed into the upload URL, so no client
 * can choose another): the store's notification of a new object tells by its key alone whether it
 * still needs the checks, and images {@code POST /images} already checked are never read again.
 */
public final class ImageUploadService
        implements UploadImagesUseCase, RequestDirectUploadUseCase, CheckStoredImageUseCase, AcceptDirectUploadUseCase {
    public static final Duration DIRECT_UPLOAD_TTL = Duration.ofMinutes(15);
    /** The sub-folder of an upload folder that direct (signed) uploads go to. */
    public static final String DIRECT_UPLOAD_FOLDER = "direct";

    private final UploadPolicy policy;
    private final ImageInspector inspector;
    private final ImageCodec codec;
    private final RenderBudget budget;
    private final BlobStore store;
    private final BlobUrlSigner signer;
    private final Supplier<UUID> ids;

    public ImageUploadService(
            UploadPolicy policy,
            ImageInspector inspector,
            ImageCodec codec,
            RenderBudget budget,
            BlobStore store,
            BlobUrlSigner signer,
            Supplier<UUID> ids) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.store = Objects.requireNonNull(store, "store");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public ImageUploadService(
            UploadPolicy policy,
            ImageInspector inspector,
            ImageCodec codec,
            RenderBudget budget,
            BlobStore store,
            BlobUrlSigner signer) {
        this(policy, inspector, codec, budget, store, signer, UUID::randomUUID);
    }

    private record Planned(BlobKey key, UploadedFile file, ImageFormat format) {}

    @Override
    public List<URI> upload(UploadImagesCommand command) {
        String folder = policy.paths().require(command.folder());
        List<UploadedFile> files = command.files();
        if (files.size() > policy.maxFiles()) {
            throw new DomainException(ErrorCode.TOO_LARGE, "at most " + policy.maxFiles() + " files per request");
        }
        long total = files.stream().mapToLong(f -> f.content().length).sum();
        if (total > policy.maxRequestBytes()) {
            throw new DomainException(
                    ErrorCode.TOO_LARGE,
                    "the files add up to " + total + " bytes; the limit is " + policy.maxRequestBytes()
                            + " bytes per request");
        }
        List<Planned> plan = new ArrayList<>();
        for (UploadedFile file : files) {
            policy.checkSize(file.filename(), file.content().length, policy.maxFileBytes());
            ImageFormat format = checkContent(file.filename(), () -> new ByteArrayInputStream(file.content()));
            plan.add(new Planned(newKey(folder, format), file, format));
        }
        storeAll(plan);
        return plan.stream().map(p -> store.publicUrl(p.key)).toList();
    }

    private void storeAll(List<Planned> plan) {
        List<BlobKey> attempted = new ArrayList<>();
        try {
            for (Planned planned : plan) {
                attempted.add(planned.key);
                store.put(planned.key, planned.file.content(), planned.format.mediaType());
            }
        } catch (RuntimeException failure) {
            for (BlobKey key : attempted) {
                try {
                    store.delete(key);
                } catch (RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    @Override
    public DirectUpload request(RequestDirectUploadCommand command) {
        String folder = policy.paths().require(command.folder());
        ImageFormat format = policy.formatForMediaType(command.contentType());
        policy.checkSize("(direct upload)", command.size(), policy.maxDirectUploadBytes());
        BlobKey key = newKey(folder + "/" + DIRECT_UPLOAD_FOLDER, format);
        return new DirectUpload(key, signer.signPut(key, format.mediaType(), command.size(), DIRECT_UPLOAD_TTL));
    }

    @Override
    public void accept(BlobKey key, InputStream content, long length, String contentType) {
        if (!isDirectUpload(key)) {
            throw DomainException.invalid(
                    "key", "direct uploads go to an upload folder's " + DIRECT_UPLOAD_FOLDER + "/");
        }
        store.put(key, content, length, contentType);
        Optional<Refusal> refusal;
        try {
            refusal = check(key).refusal();
        } catch (DomainException busy) {
            if (busy.code() == ErrorCode.NO_CAPACITY) {
                store.delete(key); // not checked, so not kept: the client may send it again
            }
            throw busy;
        }
        if (refusal.isPresent()) {
            throw new DomainException(refusal.get().code(), refusal.get().reason());
        }
    }

    /** Whether {@code key} is where a direct upload lands: {@code {upload folder}/direct/{name}}. */
    public boolean isDirectUpload(BlobKey key) {
        String[] segments = key.value().split("/", -1);
        return segments.length == 3 && policy.paths().holds(key) && segments[1].equals(DIRECT_UPLOAD_FOLDER);
    }

    @Override
    public Checked check(BlobKey key) {
        if (!isDirectUpload(key)) {
            // Variants and files share the store; uploads through POST /images were checked before they were stored.
            return Checked.notADirectUpload();
        }
        try {
            Optional<BlobInfo> info = store.stat(key);
            if (info.isEmpty()) {
                return Checked.kept(); // gone already: nothing left to refuse
            }
            policy.checkSize(key.value(), info.get().length(), policy.maxDirectUploadBytes());
            // Read from the store twice (header, then decode), never held in memory whole: direct uploads can be large.
            ImageFormat format = checkContent(
                    key.value(),
                    () -> store.open(key).orElseThrow(() -> DomainException.notFound(key + " is gone")).stream());
            if (!key.value().endsWith("." + format.extension())) {
                throw new DomainException(
                        ErrorCode.UNSUPPORTED_TYPE, key + " holds " + format + " but was signed for another type");
            }
            return Checked.kept();
        } catch (DomainException refusal) {
            if (refusal.code() == ErrorCode.STORE_UNAVAILABLE
                    || refusal.code() == ErrorCode.STORE_FAILURE
                    || refusal.code() == ErrorCode.NO_CAPACITY) {
                throw refusal; // let the event be retried rather than judge what could not be read or decoded
            }
            if (refusal.code() == ErrorCode.NOT_FOUND) {
                return Checked.kept();
            }
            store.delete(key);
            return Checked.refused(new Refusal(refusal.code(), refusal.getMessage()));
        }
    }

    /** Header checks first (cheap, and they keep bombs away from the decoder), then a full decode on the render pool. */
    private ImageFormat checkContent(String name, Supplier<InputStream> content) {
        Inspection inspection;
        try (InputStream in = content.get()) {
            inspection = inspector.inspect(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImageFormat format = policy.checkImage(name, inspection);
        try {
            budget.run(deadline -> {
                try (InputStream in = content.get()) {
                    codec.verify(in, deadline);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (DomainException refusal) {
            if (refusal.code() == ErrorCode.UNSUPPORTED_TYPE) {
                throw policy.damaged(name, format, refusal.getMessage());
            }
            throw refusal;
        }
        return format;
    }

    private BlobKey newKey(String folder, ImageFormat format) {
        return new BlobKey(folder + "/" + ids.get() + "." + format.extension());
    }
}
