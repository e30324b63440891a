package dev.skyhook.adapters.local.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(
                temp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not checked: the temporary folder's file system has no POSIX permissions");
    }

    @Test
    void foldersAreCreatedForTheOwnerOnlyWithEveryMissingParent() throws Exception {
        Path data = temp.resolve("a/b/data");

        OwnerOnlyFiles.directory(data);

        for (Path folder : new Path[] {temp.resolve("a"), temp.resolve("a/b"), data}) {
            assertThat(mode(folder)).as("%s", folder).isEqualTo("rwx------");
        }
    }

    @Test
    void aFolderOthersCouldEnterIsNarrowed() throws Exception {
        Path data = Files.createDirectory(
                temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask was

        OwnerOnlyFiles.directory(data);

        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void aNewFileHoldsItsWholeContentOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path file = temp.resolve("secret");

        OwnerOnlyFiles.createNew(file, "s3cr3t".getBytes(StandardCharsets.US_ASCII));

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("s3cr3t");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anExistingFileIsNeverReplaced() throws Exception {
        Path file = temp.resolve("secret");
        OwnerOnlyFiles.createNew(file, "first".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> OwnerOnlyFiles.createNew(file, "second".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readString(file)).isEqualTo("first");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void channelsCreateFilesOwnerOnly() throws Exception {
        Path file = temp.resolve("blob.part");

        try (FileChannel channel =
                OwnerOnlyFiles.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            assertThat(mode(file)).as("before the first byte").isEqualTo("rw-------");
        }
    }

    @Test
    void withoutPosixPermissionsFilesAreStillWrittenWholeAndNeverReplaced() throws Exception {
        // A zip file system has neither POSIX modes nor hard links: the fallbacks run.
        try (FileSystem zip = FileSystems.newFileSystem(
                URI.create("jar:" + temp.resolve("store.zip").toUri()), Map.of("create", "true"))) {
            Path data = zip.getPath("/data");
            OwnerOnlyFiles.directory(data);
            Path file = data.resolve("secret");

            OwnerOnlyFiles.createNew(file, "s3cr3t".getBytes(StandardCharsets.US_ASCII));

            assertThat(OwnerOnlyFiles.isPosix(data)).isFalse();
            assertThat(Files.readString(file)).isEqualTo("s3cr3t");
            assertThatThrownBy(() -> OwnerOnlyFiles.createNew(file, "other".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(FileAlreadyExistsException.class);
            assertThat(OwnerOnlyFiles.narrow(file, OwnerOnlyFiles.FILE)).isFalse();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
