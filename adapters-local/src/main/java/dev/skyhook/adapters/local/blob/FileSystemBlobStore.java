package dev.skyhook.adapters.local.blob;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as plain files under {@code root/objects/<key>}, their content type beside them under
 * {@code root/types/<key>}. Every write goes to {@code root/tmp} first, is flushed to disk, and is
 * then moved into place atomically: a reader, or the store after a crash, sees the old blob or the
 * new one, never part of one. Leftover temporary files are removed when the store opens.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final int MAX_SEGMENT_BYTES = 255;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final Path objects;
    private final Path types;
    private final Path tmp;
    private final String publicBaseUrl;

    public FileSystemBlobStore(Path root, URI publicBaseUrl) {
        Path base = root.toAbsolutePath().normalize();
        this.objects = base.resolve("objects");
        this.types = base.resolve("types");
        this.tmp = base.resolve("tmp");
        String url = publicBaseUrl.toString();
        this.publicBaseUrl = url.endsWith("/") ? url : url + "/";
        try {
            Files.createDirectories(objects);
            Files.createDirectories(types);
            Files.createDirectories(tmp);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "cannot open the blob directory " + base + ": " + e.getMessage(), e);
        }
    }

    /** Whether blobs can be written now, for a health check: the store's directories are there and writable. */
    public boolean isReachable() {
        return Stream.of(objects, types, tmp).allMatch(directory -> Files.isDirectory(directory) && Files.isWritable(directory));
    }

    @Override
    public void put(BlobKey key, InputStream content, long length, String contentType) {
        Path target = pathOf(objects, key);
        Path typeFile = pathOf(types, key);
        Path staged = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            writeExactly(staged, content, length);
            Files.createDirectories(target.getParent());
            Files.createDirectories(typeFile.getParent());
            // The type first: a crash between the two moves leaves the old bytes with the new type at
            // worst, never bytes that are half old and half new.
            replace(typeFile, contentType.getBytes(StandardCharsets.UTF_8));
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileSystemException e) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "key '" + key + "' cannot be stored here: " + e.getReason(), e);
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not store " + key + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staged);
        }
    }

    private void writeExactly(Path staged, InputStream content, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            long copied = content.transferTo(new BoundedOutputStream(out, length));
            if (copied != length) {
                throw DomainException.invalid("file", "the content ended after " + copied + " of " + length + " bytes");
            }
            channel.force(true);
        }
    }

    private void replace(Path target, byte[] bytes) throws IOException {
        Path staged = tmp.resolve(UUID.randomUUID() + ".type");
        try {
            Files.write(staged, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteQuietly(staged);
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        Path file = pathOf(objects, key);
        try {
            return Optional.of(new BlobInfo(key, Files.size(file), contentTypeOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BlobContent> open(BlobKey key) {
        Path file = pathOf(objects, key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            // Size and stream from one open file: a concurrent replace cannot mix two versions.
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return Optional.of(new BlobContent(new BlobInfo(key, channel.size(), contentTypeOf(key)), Channels.newInputStream(channel)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(BlobKey key) {
        try {
            Files.deleteIfExists(pathOf(objects, key));
            Files.deleteIfExists(pathOf(types, key));
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not delete " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<BlobKey> list(String prefix) {
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile)
                .map(file -> objects.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"))
                .filter(key -> key.startsWith(prefix))
                .sorted()
                .map(BlobKey::new)
                .toList();
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not list blobs: " + e.getMessage(), e);
        }
    }

    /** Walks only the directory the prefix names (an owner's, say), not the whole store. */
    @Override
    public List<ListedBlob> listWithSizes(String prefix, int limit) {
        String directoryPart = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        Path directory = objects.resolve(directoryPart).normalize();
        if (!directory.startsWith(objects) || !Files.isDirectory(directory)) {
            return List.of();
        }
        Map<String, Long> sizes = new TreeMap<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = objects.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    if (attributes.isRegularFile() && key.startsWith(prefix)) {
                        sizes.put(key, attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // replaced or deleted while we walked
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "could not list blobs under " + prefix + ": " + e.getMessage(), e);
        }
        return sizes.entrySet().stream().limit(limit).map(entry -> new ListedBlob(new BlobKey(entry.getKey()), entry.getValue())).toList();
    }

    @Override
    public URI publicUrl(BlobKey key) {
        StringBuilder path = new StringBuilder(publicBaseUrl);
        String[] segments = key.value().split("/");
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/").append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(path.toString());
    }

    private String contentTypeOf(BlobKey key) throws IOException {
        try {
            return Files.readString(pathOf(types, key), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return DEFAULT_TYPE;
        }
    }

    private static Path pathOf(Path root, BlobKey key) {
        for (String segment : key.value().split("/")) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw DomainException.invalid("key", "each part of a key must be at most " + MAX_SEGMENT_BYTES + " bytes here");
            }
        }
        Path path = root.resolve(key.value()).normalize();
        if (!path.startsWith(root)) {
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
