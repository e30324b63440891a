package dev.skyhook.core.policy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The folders uploads may go to (the original upload API's allow-list: {@code profile,post,banner}). */
public final class AllowedPaths {
    /** The original upload API's message, which its clients already show. */
    public static final String INVALID_PATH = "Invalid path";

    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private final Set<String> folders;

    private AllowedPaths(Set<String> folders) {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("at least one upload folder must be allowed");
        }
        for (String folder : folders) {
            if (!FOLDER.matcher(folder).matches()) {
                throw new IllegalArgumentException(
                        "upload folder '" + folder + "' must be letters, digits, '-' or '_'");
            }
        }
        this.folders = Set.copyOf(folders);
    }

    /** From a comma-separated list such as {@code ALLOWED_PATHS}; blanks around names are ignored. */
    public static AllowedPaths parse(String commaSeparated) {
        Set<String> folders = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(folders::add);
        return new AllowedPaths(folders);
    }

    public static AllowedPaths defaults() {
        return parse("profile,post,banner");
    }

    /** The folder itself when allowed; otherwise the original's 400 "Invalid path". Exact match only. */
    public String require(String folder) {
        if (folder == null || !folders.contains(folder)) {
            throw DomainException.invalid("path", INVALID_PATH);
        }
        return folder;
    }

    /** Whether {@code key} lies in an upload folder (its first segment is one of them). */
    public boolean holds(BlobKey key) {
        int slash = key.value().indexOf('/');
        return slash > 0 && folders.contains(key.value().substring(0, slash));
    }

    public Set<String> folders() {
        return folders;
    }
}
