package dev.skyhook.core.model;

import dev.skyhook.core.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The signed-in user a file belongs to, by the name the host verified (Cognito's
 * {@code cognito:username}, or the local server's token), and the one key segment that holds that
 * user's files: {@code files/<segment>/<name>}.
 *
 * <p>The segment is the SHA-256 of the name's UTF-8 bytes in lower-case hex. Whatever the name holds
 * ({@code /}, {@code ..}, control characters, ten thousand characters) the segment is 64 characters
 * of {@code [0-9a-f]}: an owner's keys never leave the owner's prefix nor reach into another's, it
 * fits every store (S3's 1024-byte keys, a file system's 255-byte names), and lower case alone keeps
 * owners apart on a case-insensitive file system too (Base64 of the name would be readable but grows
 * with the name and mixes cases). The name is hashed exactly as given, not normalised: the identity
 * provider decides which names are the same user, and two accounts whose names differ only in
 * Unicode normalisation or case must not share files.
 */
public final class FileOwner {
    /** Where every owner's files live. */
    public static final String FILES_PREFIX = "files/";
    /** The bytes of {@code files/<segment>/} in front of every file name. */
    public static final int KEY_PREFIX_BYTES = FILES_PREFIX.length() + 64 + 1;

    private final String username;
    private final String segment;

    private FileOwner(String username) {
        this.username = username;
        this.segment = HexFormat.of().formatHex(sha256(username.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The owner named {@code username}. A name that is empty or not well-formed Unicode (a lone
     * surrogate, which UTF-8 cannot encode and would turn into {@code ?}, so that two names would
     * share one segment) owns nothing: refused naming {@code user}.
     */
    public static FileOwner of(String username) {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw DomainException.invalid("user", "the signed-in user has no name");
        }
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < username.length()
                    && Character.isLowSurrogate(username.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw DomainException.invalid("user", "the signed-in user's name is not well-formed Unicode");
            }
        }
        return new FileOwner(username);
    }

    public String username() {
        return username;
    }

    /** 64 lower-case hex digits: the owner's one segment of every key. */
    public String segment() {
        return segment;
    }

    /** {@code files/<segment>/}: every key of this owner starts with it, and no other owner's does. */
    public String keyPrefix() {
        return FILES_PREFIX + segment + "/";
    }

    /** The store key of this owner's file {@code name}. */
    public BlobKey keyOf(BlobKey name) {
        return new BlobKey(keyPrefix() + name.value());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileOwner that && username.equals(that.username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    /** The segment, not the name: a name may hold characters that would make a log line lie. */
    @Override
    public String toString() {
        return "FileOwner[" + segment + "]";
    }
}
