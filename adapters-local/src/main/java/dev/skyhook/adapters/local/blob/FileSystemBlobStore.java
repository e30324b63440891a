package dev.skyhook.adapters.local.blob;

import dev.skyhook.adapters.local.files.OwnerOnlyFiles;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.port.out.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Each blob is one file, {@code root/keys/<key>}: a small {@link BlobHeader} (content type, length,
 * when it was stored) followed by the bytes. A write goes to {@code root/tmp} first, is flushed to
 * disk, and is then renamed over the old file in one atomic step, so a reader (which opens one file
 * and reads header and bytes from it) sees the old blob or the new one whole, with its own type,
 * never parts or metadata of two uploads; after a crash the store holds one of them as well.
 * Leftover temporary files are removed when the store opens.
 *
 * <p>Stored bytes may be private: on a POSIX file system the store's directories ({@code root}, which
 * belongs to the store, included) are made {@code rwx------} and its files {@code rw-------} from their
 * first byte; elsewhere they get the file system's defaults.
 *
 * <p>Earlier versions kept the bytes under {@code root/objects} and the type beside them under
 * {@code root/types}; such blobs are rewritten into this layout when the store opens, and the old
 * directories removed.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final int MAX_SEGMENT_BYTES = 255;
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Set<OpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Path keys;
    private final Path tmp;
    private final String publicBaseUrl;

    public FileSystemBlobStore(Path root, URI publicBaseUrl) {
        Path base = root.toAbsolutePath().normalize();
        this.keys = base.resolve("keys");
        this.tmp = base.resolve("tmp");
        String url = publicBaseUrl.toString();
        this.publicBaseUrl = url.endsWith("/") ? url : url + "/";
        try {
            for (Path directory : List.of(base, keys, tmp)) {
                // Also narrows a directory an older version left open to everyone.
                OwnerOnlyFiles.directory(directory);
            }
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
            migrateTypesBesideObjects(base);
        } catch (IOException e) {
            throw new DomainException(
                    ErrorCode.STORE_FAILURE, "cannot open the blob directory " + base + ": " + e.getMessage(), e);
        }
    }

    /** Whether blobs can be written now, for a health check: the store's directories are there and writable. */
    public boolean isReachable() {
        return Stream.of(keys, tmp).allMatch(directory -> Files.isDirectory(directory) && Files.isWritable(directory));
    }

    @Override
    public void put(BlobKey key, InputStream content, long length, String contentType) {
        Path target = pathOf(key);
        try {
            store(target, content, new BlobHeader(length, System.currentTimeMillis(), contentType), key.value());
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not store " + key + ": " + e.getMessage(), e);
        }
    }

    /** Writes header and content to a new file in {@code tmp}, flushes it, and renames it over {@code target}. */
    private void store(Path target, InputStream content, BlobHeader header, String key) throws IOException {
        Path staged = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(staged, NEW_FILE, OwnerOnlyFiles.fileMode(tmp));
                    OutputStream out = Channels.newOutputStream(channel)) {
                header.writeTo(channel);
                long copied = content.transferTo(new BoundedOutputStream(out, header.length()));
                if (copied != header.length()) {
                    throw DomainException.invalid(
                            "file", "the content ended after " + copied + " of " + header.length() + " bytes");
                }
                channel.force(true);
            }
            try {
                createDirectories(target.getParent());
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileSystemException e) {
                throw keyDoesNotFit(target, key).orElseThrow(() -> e);
            }
        } finally {
            deleteQuietly(staged);
        }
    }

    /** Keys are paths here: a key cannot name a folder of other keys, nor lie under another key. */
    private Optional<DomainException> keyDoesNotFit(Path target, String key) {
        String reason = null;
        if (Files.isDirectory(target)) {
            reason = "a folder of other blobs has that name";
        }
        for (Path parent = target.getParent();
                reason == null && parent.startsWith(keys) && !parent.equals(keys);
                parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                reason = "'"
                        + keys.relativize(parent)
                                .toString()
                                .replace(parent.getFileSystem().getSeparator(), "/") + "' is a blob";
            }
        }
        return Optional.ofNullable(reason)
                .map(why -> DomainException.invalid("key", "key '" + key + "' cannot be stored here: " + why));
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        return read(key, (header, channel) -> {
            channel.close();
            return info(key, header);
        });
    }

    @Override
    public Optional<BlobContent> open(BlobKey key) {
        return read(key, (header, channel) -> new BlobContent(info(key, header), Channels.newInputStream(channel)));
    }

    /** What the header says, with the time the blob was stored as its modification time. */
    private static BlobInfo info(BlobKey key, BlobHeader header) {
        return new BlobInfo(key, header.length(), header.contentType(), Instant.ofEpochMilli(header.storedAtMillis()));
    }

    private interface HeaderReader<T> {
        /** Takes over the channel, which stands at the first content byte. */
        T read(BlobHeader header, FileChannel channel) throws IOException;
    }

    /** Header and bytes from one open file: a replacement happening meanwhile cannot mix two versions. */
    private <T> Optional<T> read(BlobKey key, HeaderReader<T> reader) {
        Path file = pathOf(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted since
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not read " + key + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(reader.read(BlobHeader.readFrom(channel), channel));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(BlobKey key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not delete " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<BlobKey> list(String prefix) {
        try (Stream<Path> files = Files.walk(keys)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> keys.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/"))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .map(BlobKey::new)
                    .toList();
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not list blobs: " + e.getMessage(), e);
        }
    }

    /** Walks only the directory the prefix names (an owner's, say), not the whole store; sizes come from each blob's header. */
    @Override
    public List<ListedBlob> listWithSizes(String prefix, int limit) {
        String directoryPart = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        Path directory = keys.resolve(directoryPart).normalize();
        if (!directory.startsWith(keys) || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> names;
        try (Stream<Path> files = Files.walk(directory)) {
            names = files.filter(Files::isRegularFile)
                    .map(file -> keys.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/"))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException | IOException e) {
            throw new DomainException(
                    ErrorCode.STORE_FAILURE, "could not list blobs under " + prefix + ": " + e.getMessage(), e);
        }
        List<ListedBlob> listed = new ArrayList<>();
        for (String name : names) {
            if (listed.size() >= limit) {
                break;
            }
            BlobKey key = new BlobKey(name);
            stat(key)
                    .ifPresent(
                            info -> listed.add(new ListedBlob(key, info.length()))); // absent: deleted while we walked
        }
        return listed;
    }

    @Override
    public URI publicUrl(BlobKey key) {
        StringBuilder path = new StringBuilder(publicBaseUrl);
        String[] segments = key.value().split("/");
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/")
                    .append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        return URI.create(path.toString());
    }

    /**
     * Rewrites blobs kept by earlier versions (bytes under {@code objects/}, the type beside them under
     * {@code types/}) into one file each, keeping when they were stored, then removes the old tree.
     */
    private void migrateTypesBesideObjects(Path base) throws IOException {
        Path objects = base.resolve("objects");
        Path types = base.resolve("types");
        if (Files.isDirectory(objects)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(objects)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path old : files) {
                Path relative = objects.relativize(old);
                Path target = keys.resolve(relative);
                Path typeFile = types.resolve(relative);
                if (!Files.exists(target)) { // present: migrated before a crash cut this short
                    String type = Files.isRegularFile(typeFile)
                            ? Files.readString(typeFile, StandardCharsets.UTF_8)
                            : DEFAULT_TYPE;
                    BlobHeader header = new BlobHeader(
                            Files.size(old),
                            Files.getLastModifiedTime(old).toMillis(),
                            BlobHeader.fits(type) ? type : DEFAULT_TYPE);
                    try (InputStream in = Files.newInputStream(old)) {
                        store(target, in, header, relative.toString());
                    }
                }
                Files.delete(old);
            }
        }
        deleteTree(objects);
        deleteTree(types);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(directory)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.delete(path);
        }
    }

    private void createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory, OwnerOnlyFiles.directoryMode(keys));
    }

    private Path pathOf(BlobKey key) {
        for (String segment : key.value().split("/")) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw DomainException.invalid(
                        "key", "each part of a key must be at most " + MAX_SEGMENT_BYTES + " bytes here");
            }
        }
        Path path = keys.resolve(key.value()).normalize();
        if (!path.startsWith(keys)) {
            // BlobKey already refuses '..'; this guards the guard.
            throw DomainException.invalid("key", "key escapes the store");
        }
        return path;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover in tmp/ is removed the next time the store opens.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }

    /** Refuses to write more than the declared length: a longer stream is an error, not a bigger blob. */
    private static final class BoundedOutputStream extends OutputStream {
        private final OutputStream out;
        private long remaining;

        BoundedOutputStream(OutputStream out, long limit) {
            this.out = out;
            this.remaining = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > remaining) {
                throw DomainException.invalid("file", "the content is longer than its declared length");
            }
            out.write(bytes, offset, length);
            remaining -= length;
        }
    }
}
