package dev.skyhook.hosts.lambda.logging;

import dev.skyhook.hosts.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * The Lambda host's log lines: one JSON object per line on standard error (CloudWatch Logs keeps a
 * multi-line stack trace as one event this way), each with the request id of the invocation under
 * way. A Lambda execution environment runs one invocation at a time, so the id is process-wide:
 * lines written by pool or SDK threads during the invocation carry it too. Outside an invocation
 * (init, a SnapStart restore) the id is {@code "-"}, as in the access log.
 */
public final class LogLines {
    private static final String NO_REQUEST = "-";

    private static volatile String requestId = NO_REQUEST;
    /** INFO until the composition root applies the configured level (and refuses a bad one). */
    private static volatile Level threshold = Level.INFO;

    private LogLines() {}

    public static void startInvocation(String awsRequestId) {
        requestId = awsRequestId == null || awsRequestId.isEmpty() ? NO_REQUEST : awsRequestId;
    }

    public static void endInvocation() {
        requestId = NO_REQUEST;
    }

    public static String requestId() {
        return requestId;
    }

    /**
     * Lambda's own log-level setting ({@code AWS_LAMBDA_LOG_LEVEL}) wins over {@code LOG_LEVEL};
     * INFO by default. A value that names no level is refused (the composition root reads it at
     * init, so the function stops there rather than log at a level nobody chose).
     */
    public static Level levelFrom(Map<String, String> env) {
        String variable = env.containsKey("AWS_LAMBDA_LOG_LEVEL") ? "AWS_LAMBDA_LOG_LEVEL" : "LOG_LEVEL";
        String name = Optional.ofNullable(env.get(variable))
                .map(value -> value.strip().toUpperCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .orElse("INFO");
        return switch (name) {
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN", "WARNING" -> Level.WARN;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.DEBUG;
            case "TRACE" -> Level.TRACE;
            default ->
                throw new IllegalArgumentException(
                        variable + " must be ERROR, WARN, INFO, DEBUG or TRACE, was '" + env.get(variable) + "'");
        };
    }

    /** The lowest level written from now on (tests turn everything on to look for leaks). */
    public static void useLevel(Level level) {
        threshold = level;
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    static void write(Level level, String logger, String message, Throwable error) {
        if (!enabled(level)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level.name());
        line.put("requestId", requestId);
        line.put("logger", logger);
        line.put("message", message == null ? "" : message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("error", trace.toString());
        }
        // Looked up per line, so a System.setErr after start still takes the lines.
        System.err.println(Json.writeString(line));
    }
}
