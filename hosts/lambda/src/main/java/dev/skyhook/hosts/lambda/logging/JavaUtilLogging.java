package dev.skyhook.hosts.lambda.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.event.Level;

/**
 * Sends {@code java.util.logging} records (the JDK's own, ImageIO plugins') into {@link LogLines}
 * instead of the default console handler's two-line text, so they carry the request id too.
 */
public final class JavaUtilLogging {
    private static final AtomicBoolean ROUTED = new AtomicBoolean();

    private JavaUtilLogging() {}

    public static void routeToLogLines() {
        if (!ROUTED.compareAndSet(false, true)) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new ToLogLines());
    }

    static Level levelOf(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        }
        if (value >= java.util.logging.Level.INFO.intValue()) {
            return Level.INFO;
        }
        return value >= java.util.logging.Level.FINE.intValue() ? Level.DEBUG : Level.TRACE;
    }

    private static final class ToLogLines extends Handler {
        private final SimpleFormatter messages = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record != null) {
                LogLines.write(
                        levelOf(record.getLevel()),
                        record.getLoggerName(),
                        messages.formatMessage(record),
                        record.getThrown());
            }
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {}
    }
}
