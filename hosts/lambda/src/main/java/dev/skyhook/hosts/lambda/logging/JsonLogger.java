package dev.skyhook.hosts.lambda.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes {@link LogLines}. */
final class JsonLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    JsonLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLines.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLines.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLines.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLines.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLines.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable error) {
        LogLines.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), error);
    }
}
