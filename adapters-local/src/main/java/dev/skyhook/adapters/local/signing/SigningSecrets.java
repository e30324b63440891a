package dev.skyhook.adapters.local.signing;

import dev.skyhook.adapters.local.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local secrets (URL signing key, demo API key, JWT key): the configured one, or one generated once and
 * kept in the data directory, in a file only its owner can read from the moment it exists.
 */
public final class SigningSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(SigningSecrets.class);
    private static final int GENERATED_BYTES = 32;
    /**
     * SHA-256 of keys that early versions of the project committed to its repository: anyone can read them, so a
     * data directory that still holds one gets a fresh key instead.
     */
    private static final Set<String> BURNED = Set.of(
            "bae230973a8bf8a769bc817d2b34c2c783ad5fc154d5e0d4a499d235366e9053",
            "62b29d7dadd057b179fef1419f01fee4745aad2b7ff5ccabef2f02eb01706fcf");

    private SigningSecrets() {}

    public static byte[] configuredOrKept(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < HmacBlobUrlSigner.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "URL_SIGNING_SECRET must be at least " + HmacBlobUrlSigner.MIN_SECRET_BYTES + " bytes");
            }
            return bytes;
        }
        try {
            OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                try {
                    OwnerOnlyFiles.createNew(file, fresh());
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it first: use theirs.
                }
            }
            OwnerOnlyFiles.narrow(file, OwnerOnlyFiles.FILE);
            byte[] kept = read(file);
            if (BURNED.contains(sha256(kept))) {
                LOG.warn(
                        "{} holds a key that was published with the project's source: replacing it with a fresh one",
                        file);
                return replace(file);
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    file + " is not a key this server wrote (not Base64): delete it to have a new one made", e);
        }
    }

    /** A new key under the same name, swapped in whole; the old file is never rewritten in place. */
    private static byte[] replace(Path file) throws IOException {
        Path next = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".new");
        OwnerOnlyFiles.createNew(next, fresh());
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return read(file);
    }

    private static byte[] fresh() {
        byte[] key = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encode(key);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
