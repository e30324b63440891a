package dev.skyhook.adapters.local.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders only their owner can read: {@code rw-------} files in {@code rwx------} folders, with
 * the mode given when the file is created (never written first and restricted afterwards, which leaves a
 * moment when anyone can open it and keep the descriptor). On a file system without POSIX permissions
 * the folder's own access rules apply; that is logged once.
 */
public final class OwnerOnlyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final AtomicBoolean WARNED_NOT_POSIX = new AtomicBoolean();

    private OwnerOnlyFiles() {}

    /**
     * {@code directory} and any missing parents, created {@code rwx------}. An existing {@code directory} that
     * others can enter (made by an older version, or by hand) is narrowed to {@code rwx------}, and that is logged;
     * parents that already exist are left as they are.
     */
    public static Path directory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        if (!isPosix(absolute)) {
            Files.createDirectories(absolute);
            return directory;
        }
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        narrow(absolute, DIRECTORY);
        return directory;
    }

    /** The attribute that creates a file {@code rw-------}, or none where {@code where}'s file system has no POSIX modes. */
    public static FileAttribute<?>[] fileMode(Path where) {
        return isPosix(where)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** The attribute that creates a folder {@code rwx------}, or none where there are no POSIX modes. */
    public static FileAttribute<?>[] directoryMode(Path where) {
        return isPosix(where)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
                : new FileAttribute<?>[0];
    }

    /** Opens {@code file} with {@code options}; when they create it, it is created {@code rw-------}. */
    public static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        return FileChannel.open(file, options, fileMode(file.toAbsolutePath().getParent()));
    }

    /**
     * Creates {@code file} holding exactly {@code content}, owner-only, or fails with
     * {@link FileAlreadyExistsException}. Readers never see it half-written: the bytes go to a private
     * temporary file in the same folder, which is then linked under the final name (atomic, and never
     * replacing a file another process made first).
     */
    public static void createNew(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", fileMode(folder));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                // No hard links here (some network and FAT file systems): a move that refuses to replace.
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Narrows an existing file or folder that group or others can reach to {@code wanted} (an older version
     * wrote it readable), logging what changed. Returns whether it had to.
     */
    public static boolean narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!isPosix(path)) {
            return false;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (current.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
            return false;
        }
        Files.setPosixFilePermissions(path, wanted);
        LOG.warn(
                "{} was {}: now {} (only its owner may read it)",
                path,
                PosixFilePermissions.toString(current),
                PosixFilePermissions.toString(wanted));
        return true;
    }

    /** Whether {@code path}'s file system has POSIX modes; logs once when it has not. */
    public static boolean isPosix(Path path) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix && WARNED_NOT_POSIX.compareAndSet(false, true)) {
            LOG.warn(
                    "{} is on a file system without POSIX permissions: secrets and stored files there are protected"
                            + " only by the access rules of their folder",
                    path);
        }
        return posix;
    }
}
