package dev.skyhook.adapters.local.image;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few functions of libvips' C API the codec calls, through Java's FFM API. libvips' options are
 * C varargs ({@code name, value, ..., NULL}); {@link #call} builds (and caches) one downcall handle per
 * distinct signature from the Java types of the arguments: {@code Integer} and {@code Boolean} are C
 * {@code int} (gint, gboolean, enums), {@code Long} is {@code size_t}, {@code Double} is {@code double},
 * {@code String} a NUL-terminated copy, {@link MemorySegment} a pointer.
 *
 * <p>Loaded once a process: libvips is initialised with its operation cache off (every render is new
 * work; a cache would only hold memory), the operations marked unsafe for untrusted input blocked, and
 * its worker threads set from configuration.
 */
final class Libvips {
    /** The library file of {@code @img/sharp-libvips-linux-*} 1.3.5. */
    static final String LIBRARY_FILE = "libvips-cpp.so.8.18.8";

    // Enumerations of libvips 8.18 (vips/enumtypes.h), as passed through varargs.
    static final int SIZE_FORCE = 3;
    static final int EXTEND_BACKGROUND = 5;
    static final int FAIL_ON_ERROR = 2;
    static final int KEEP_NONE = 0;
    static final int SUBSAMPLE_ON = 1;
    static final int INTERPRETATION_B_W = 1;
    static final int INTERPRETATION_SRGB = 22;
    static final int INTERPRETATION_GREY16 = 26;
    static final int FORMAT_UCHAR = 0;
    static final int HEIF_COMPRESSION_AV1 = 4;
    static final int ACCESS_SEQUENTIAL = 1;

    private static final Linker LINKER = Linker.nativeLinker();

    private final SymbolLookup symbols;
    private final Map<String, MethodHandle> handles = new ConcurrentHashMap<>();
    private final String version;

    private Libvips(SymbolLookup symbols, int concurrency) {
        this.symbols = symbols;
        LibvipsLog.install(this); // before init, which may warn too
        if ((int) call("vips_init", JAVA_INT, "skyhook") != 0) {
            throw new IllegalStateException("vips_init failed: " + takeError());
        }
        call("vips_cache_set_max", null, 0);
        call("vips_cache_set_max_mem", null, 0L);
        call("vips_cache_set_max_files", null, 0);
        call("vips_block_untrusted_set", null, true);
        if (concurrency > 0) {
            call("vips_concurrency_set", null, concurrency);
        }
        this.version = call("vips_version", JAVA_INT, 0) + "." + call("vips_version", JAVA_INT, 1) + "."
                + call("vips_version", JAVA_INT, 2);
    }

    /**
     * Opens the library at {@code file} and initialises it.
     *
     * @param concurrency libvips' worker threads per operation; 0 leaves libvips' default (its own
     *     {@code VIPS_CONCURRENCY} variable, else the number of cores)
     * @throws IllegalStateException or {@link IllegalArgumentException} when the library does not load here
     */
    static Libvips open(Path file, int concurrency) {
        return new Libvips(SymbolLookup.libraryLookup(file, Arena.global()), concurrency);
    }

    String version() {
        return version;
    }

    int concurrency() {
        return (int) call("vips_concurrency_get", JAVA_INT);
    }

    /**
     * Calls {@code function} with {@code fixed} leading arguments and {@code args}; when
     * {@code variadic}, the arguments past the fixed ones are name/value pairs, and the closing
     * {@code NULL} is added here.
     *
     * @param returns the return layout, {@code null} for {@code void}
     */
    Object call(String function, MemoryLayout returns, Object... args) {
        return invoke(function, returns, -1, args);
    }

    /** A libvips operation: {@code fixed} arguments, then option name/value pairs and the closing NULL; 0 is success. */
    int operation(String function, int fixed, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = MemorySegment.NULL;
        return (int) invoke(function, JAVA_INT, fixed, all);
    }

    private Object invoke(String function, MemoryLayout returns, int firstVariadic, Object[] args) {
        try (Arena arena = Arena.ofConfined()) {
            List<MemoryLayout> layouts = new ArrayList<>(args.length);
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case Integer value -> {
                        layouts.add(JAVA_INT);
                        values[i] = value;
                    }
                    case Boolean value -> {
                        layouts.add(JAVA_INT);
                        values[i] = value ? 1 : 0;
                    }
                    case Long value -> {
                        layouts.add(JAVA_LONG);
                        values[i] = value;
                    }
                    case Double value -> {
                        layouts.add(JAVA_DOUBLE);
                        values[i] = value;
                    }
                    case String value -> {
                        layouts.add(ADDRESS);
                        values[i] = arena.allocateFrom(value);
                    }
                    case MemorySegment value -> {
                        layouts.add(ADDRESS);
                        values[i] = value;
                    }
                    default -> throw new IllegalArgumentException("no C type for " + args[i].getClass());
                }
            }
            MethodHandle handle = handle(function, returns, firstVariadic, layouts);
            return handle.invokeWithArguments(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(function + " failed", e);
        }
    }

    private MethodHandle handle(String function, MemoryLayout returns, int firstVariadic, List<MemoryLayout> layouts) {
        String key = function + '/' + returns + '/' + firstVariadic + '/' + layouts;
        return handles.computeIfAbsent(key, k -> {
            MemoryLayout[] arguments = layouts.toArray(MemoryLayout[]::new);
            FunctionDescriptor descriptor =
                    returns == null ? FunctionDescriptor.ofVoid(arguments) : FunctionDescriptor.of(returns, arguments);
            MemorySegment symbol =
                    symbols.find(function).orElseThrow(() -> new IllegalStateException("libvips has no " + function));
            return firstVariadic < 0
                    ? LINKER.downcallHandle(symbol, descriptor)
                    : LINKER.downcallHandle(symbol, descriptor, Linker.Option.firstVariadicArg(firstVariadic));
        });
    }

    // Images and their memory

    /** The image in {@code bytes} with its header read and no pixels decoded yet, or NULL (see {@link #takeError}). */
    MemorySegment imageFromBuffer(MemorySegment bytes) {
        return (MemorySegment) invoke("vips_image_new_from_buffer", ADDRESS, 3, new Object[] {
            bytes, bytes.byteSize(), "", "access", ACCESS_SEQUENTIAL, MemorySegment.NULL
        });
    }

    int width(MemorySegment image) {
        return (int) call("vips_image_get_width", JAVA_INT, image);
    }

    int height(MemorySegment image) {
        return (int) call("vips_image_get_height", JAVA_INT, image);
    }

    int bandFormat(MemorySegment image) {
        return (int) call("vips_image_get_format", JAVA_INT, image);
    }

    int interpretation(MemorySegment image) {
        return (int) call("vips_image_get_interpretation", JAVA_INT, image);
    }

    boolean hasAlpha(MemorySegment image) {
        return (int) call("vips_image_hasalpha", JAVA_INT, image) != 0;
    }

    /** Whether the image has the metadata field {@code name}. */
    boolean has(MemorySegment image, String name) {
        return (long) call("vips_image_get_typeof", JAVA_LONG, image, name) != 0;
    }

    /** Tells every computation on {@code image} (and the images it is made from) to stop at the next tile. */
    void kill(MemorySegment image) {
        call("vips_image_set_kill", null, image, true);
    }

    void unref(MemorySegment object) {
        if (!object.equals(MemorySegment.NULL)) {
            call("g_object_unref", null, object);
        }
    }

    void free(MemorySegment memory) {
        if (!memory.equals(MemorySegment.NULL)) {
            call("g_free", null, memory);
        }
    }

    /** A new VipsArrayDouble; the caller gives it back with {@link #unrefArea}. */
    MemorySegment doubles(Arena arena, double... values) {
        MemorySegment array = arena.allocateFrom(JAVA_DOUBLE, values);
        return (MemorySegment) call("vips_array_double_new", ADDRESS, array, values.length);
    }

    void unrefArea(MemorySegment area) {
        if (!area.equals(MemorySegment.NULL)) {
            call("vips_area_unref", null, area);
        }
    }

    /** The loader libvips would pick for these bytes ("jpegload_buffer", ...), or empty. */
    String loaderFor(MemorySegment bytes) {
        MemorySegment name = (MemorySegment) call("vips_foreign_find_load_buffer", ADDRESS, bytes, bytes.byteSize());
        if (name.equals(MemorySegment.NULL)) {
            takeError();
            return "";
        }
        return name.reinterpret(256).getString(0);
    }

    /** libvips' error messages since the last call (its buffer is process-wide), then cleared. */
    String takeError() {
        MemorySegment copy = (MemorySegment) call("vips_error_buffer_copy", ADDRESS);
        if (copy.equals(MemorySegment.NULL)) {
            return "";
        }
        try {
            return copy.reinterpret(64 * 1024).getString(0).strip();
        } finally {
            free(copy);
        }
    }

    /** Bytes libvips has allocated for pixels now (its tracked allocations). */
    long trackedBytes() {
        return (long) call("vips_tracked_get_mem", JAVA_LONG);
    }

    /** Allocations of libvips' own that are live now. */
    int trackedAllocations() {
        return (int) call("vips_tracked_get_allocs", JAVA_INT);
    }
}
