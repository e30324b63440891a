package dev.skyhook.adapters.local.image;

import dev.skyhook.core.port.out.ImageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the image codec once, at start: libvips where its library loads, else ImageIO (pure Java),
 * with a log line saying which and why. Settings:
 * <ul>
 *   <li>{@code IMAGE_CODEC}: {@code auto} (default: libvips if it loads,
 *       else ImageIO), {@code libvips} (fail at start if it does not load), {@code imageio}.</li>
 *   <li>{@code LIBVIPS_PATH}: the library file to load, instead of looking
 *       for it.</li>
 *   <li>{@code VIPS_CONCURRENCY}: libvips' worker threads per render
 *       (default: the number of cores).</li>
 * </ul>
 * Without {@code LIBVIPS_PATH}, the library {@code native/linux-<os.arch>/libvips-cpp.so.8.18.8} is
 * looked for next to the code (beside the class folder or jar, or one folder up: the Lambda
 * package's root), then on the class path; one inside a jar is copied to a private temporary folder,
 * loaded from there and deleted when the JVM exits.
 */
public final class ImageCodecs {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCodecs.class);
    private static final String RELATIVE_PATH =
            "native/linux-" + System.getProperty("os.arch") + "/" + Libvips.LIBRARY_FILE;
    /** libvips is initialised once a process, and watched by one thread, whatever the number of codecs built on it. */
    private static final Map<Path, Loaded> LOADED = new ConcurrentHashMap<>();

    record Loaded(Libvips vips, NativeRenderStopper stopper) {}

    /** The library loaded from {@code library} by {@link #load}, for codecs built with other settings (benchmarks). */
    static Loaded loadedLibvips(Path library) {
        return java.util.Objects.requireNonNull(LOADED.get(library), "libvips was not loaded from " + library);
    }

    private ImageCodecs() {}

    public enum Kind {
        AUTO,
        LIBVIPS,
        IMAGEIO
    }

    /** The codec settings ({@code IMAGE_CODEC}, {@code LIBVIPS_PATH}, {@code VIPS_CONCURRENCY}), read by the hosts' settings. */
    public record Settings(Kind kind, Optional<Path> library, int concurrency) {
        public Settings {
            if (concurrency < 0) {
                throw new IllegalArgumentException("VIPS_CONCURRENCY must be 0 (libvips' default) or more");
            }
        }
    }

    public static ImageCodec load(Settings settings, long maxPixels) {
        if (settings.kind() == Kind.IMAGEIO) {
            LOG.info("Image codec: ImageIO (IMAGE_CODEC=imageio)");
            return new ImageIoImageCodec(maxPixels);
        }
        try {
            Path library = settings.library().orElseGet(ImageCodecs::findLibrary);
            Loaded loaded = LOADED.computeIfAbsent(library, file -> {
                Libvips vips = Libvips.open(file, settings.concurrency());
                return new Loaded(vips, new NativeRenderStopper(vips));
            });
            LibvipsImageCodec codec = new LibvipsImageCodec(loaded.vips(), loaded.stopper(), maxPixels);
            codec.warmUp();
            LOG.info(
                    "Image codec: libvips {} from {} ({} threads a render)",
                    loaded.vips().version(),
                    library,
                    loaded.vips().concurrency());
            return codec;
        } catch (RuntimeException | LinkageError e) {
            if (settings.kind() == Kind.LIBVIPS) {
                throw new IllegalStateException("IMAGE_CODEC=libvips, but libvips does not load: " + e.getMessage(), e);
            }
            LOG.info("Image codec: ImageIO, because libvips does not load here ({})", e.getMessage());
            return new ImageIoImageCodec(maxPixels);
        }
    }

    /** The library next to the code, else on the class path (copied out of a jar). */
    static Path findLibrary() {
        for (Path folder : codeFolders()) {
            Path candidate = folder.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        URL resource = ImageCodecs.class.getClassLoader().getResource(RELATIVE_PATH);
        if (resource == null) {
            throw new IllegalStateException(
                    "no " + RELATIVE_PATH + " beside the code or on the class path, and no LIBVIPS_PATH");
        }
        if ("file".equals(resource.getProtocol())) {
            try {
                return Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return copyOut(resource);
    }

    /** The class folder or jar of this code, its folder and the one above. */
    private static List<Path> codeFolders() {
        List<Path> folders = new ArrayList<>();
        try {
            Path code = Path.of(ImageCodecs.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path folder = Files.isDirectory(code) ? code : code.getParent();
                    folder != null && folders.size() < 3;
                    folder = folder.getParent()) {
                folders.add(folder);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (a custom class loader): the class path is the only place left.
        }
        return folders;
    }

    /** dlopen needs a file: a copy in a folder only this user can read, deleted when the JVM exits. */
    private static Path copyOut(URL resource) {
        try {
            Path folder = Files.createTempDirectory(
                    "skyhook-libvips-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = folder.resolve(Libvips.LIBRARY_FILE);
            try (InputStream in = resource.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            file.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy libvips out of " + resource, e);
        }
    }
}
