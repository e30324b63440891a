package dev.skyhook.adapters.local.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The local signing secret: the configured one, or one generated once and kept in the data directory. */
public final class SigningSecrets {
    private SigningSecrets() {}

    public static byte[] configuredOrKept(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < HmacBlobUrlSigner.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("URL_SIGNING_SECRET must be at least " + HmacBlobUrlSigner.MIN_SECRET_BYTES + " bytes");
            }
            return bytes;
        }
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    trySetOwnerOnly(file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it first: use theirs.
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing secret " + file, e);
        }
    }

    private static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX filesystem: the data directory's own permissions apply.
        }
    }
}
