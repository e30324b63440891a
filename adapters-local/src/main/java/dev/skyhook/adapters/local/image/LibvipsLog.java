package dev.skyhook.adapters.local.image;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * libvips' warnings (GLib's log: "VIPS-WARNING **: error in tile 0 x 8", "read gave 100 warnings")
 * go to the logger {@code libvips} instead of raw lines on the process's stderr. Each is logged at
 * once on the thread that raised it (nothing is queued), one line of at most {@value #MAX_CHARS}
 * characters, and at most {@value #MAX_LINES_PER_MINUTE} a minute: a damaged upload can raise
 * hundreds, and what the request failed on is in its own error already. Past the bound, the count of
 * lines left out is logged with the next line that is let through.
 */
final class LibvipsLog {
    static final int MAX_LINES_PER_MINUTE = 60;
    static final int MAX_CHARS = 500;

    private static final Logger LOG = LoggerFactory.getLogger("libvips");
    private static final Window WINDOW = new Window(MAX_LINES_PER_MINUTE, 60_000);
    private static final AtomicLong RECEIVED = new AtomicLong();
    // GLib's levels (GLogLevelFlags)
    private static final int LEVEL_ERROR = 1 << 2;
    private static final int LEVEL_CRITICAL = 1 << 3;
    private static final int LEVEL_WARNING = 1 << 4;
    private static final int LEVEL_MESSAGE = 1 << 5;

    private static MemorySegment handler;

    private LibvipsLog() {}

    /** Makes this class GLib's default log handler in the library {@code vips} was opened from. */
    static synchronized void install(Libvips vips) {
        if (handler == null) {
            try {
                handler = Linker.nativeLinker()
                        .upcallStub(
                                MethodHandles.lookup()
                                        .findStatic(
                                                LibvipsLog.class,
                                                "onMessage",
                                                MethodType.methodType(
                                                        void.class,
                                                        MemorySegment.class,
                                                        int.class,
                                                        MemorySegment.class,
                                                        MemorySegment.class)),
                                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
                                Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            vips.call("g_log_set_default_handler", ADDRESS, handler, MemorySegment.NULL);
        } catch (IllegalStateException e) {
            // another build of the library (LIBVIPS_PATH) may not reach GLib's symbols: its messages stay on stderr
            LOG.info("libvips' messages stay on stderr: {}", e.getMessage());
        }
    }

    /** Messages received from GLib since the start (for the tests), logged or not. */
    static long received() {
        return RECEIVED.get();
    }

    /** GLib's GLogFunc: called on libvips' own threads too, so it must never throw. */
    private static void onMessage(MemorySegment domain, int level, MemorySegment message, MemorySegment data) {
        try {
            RECEIVED.incrementAndGet();
            // GLib's own handler hides info and debug messages (libvips writes several per render):
            // they are debug lines here, and the level is checked before any work or rate counting.
            Level logged = (level & (LEVEL_ERROR | LEVEL_CRITICAL)) != 0
                    ? Level.ERROR
                    : (level & LEVEL_WARNING) != 0
                            ? Level.WARN
                            : (level & LEVEL_MESSAGE) != 0 ? Level.INFO : Level.DEBUG;
            if (!LOG.isEnabledForLevel(logged)) {
                return;
            }
            String text = line(message);
            if (text.isEmpty()) {
                return;
            }
            long leftOut = WINDOW.admit(System.currentTimeMillis());
            if (leftOut < 0) {
                return;
            }
            String line = leftOut > 0 ? text + " (" + leftOut + " earlier lines not logged)" : text;
            LOG.atLevel(logged).log("{}", line);
        } catch (Throwable e) {
            // a log line is not worth a crash of the process (an upcall that throws ends the JVM)
        }
    }

    private static String line(MemorySegment message) {
        if (message.equals(MemorySegment.NULL)) {
            return "";
        }
        String text = message.reinterpret(Long.MAX_VALUE).getString(0).strip();
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
        return cut.replaceAll("\\s*\\R\\s*", " | ");
    }

    /** At most {@code max} lines in each window of {@code millis}; counts what it turns away. */
    static final class Window {
        private final int max;
        private final long millis;
        private long start = Long.MIN_VALUE;
        private int admitted;
        private long leftOut;

        Window(int max, long millis) {
            this.max = max;
            this.millis = millis;
        }

        /** -1 to leave the line out; else how many lines were left out before it (0 mostly). */
        synchronized long admit(long now) {
            if (start == Long.MIN_VALUE || now - start >= millis) {
                start = now;
                admitted = 0;
            }
            if (admitted >= max) {
                leftOut++;
                return -1;
            }
            admitted++;
            long before = leftOut;
            leftOut = 0;
            return before;
        }
    }
}
