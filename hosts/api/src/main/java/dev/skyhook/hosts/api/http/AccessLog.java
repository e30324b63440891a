package dev.skyhook.hosts.api.http;

import dev.skyhook.hosts.api.json.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JSON line per request with API Gateway's access-log fields plus {@code latencyMs}, written the
 * same way by every host. Missing values are {@code "-"}, as API Gateway writes them.
 */
public final class AccessLog {
    /** API Gateway's {@code $context.requestTime} format. */
    private static final DateTimeFormatter REQUEST_TIME =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Consumer<String> sink;

    public AccessLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Lines to standard output: CloudWatch Logs in Lambda, the console locally. */
    public static AccessLog toStandardOutput() {
        // Looked up per line, so a System.setOut after start still takes the lines.
        return new AccessLog(line -> System.out.println(line));
    }

    public static AccessLog discarding() {
        return new AccessLog(line -> { });
    }

    public void record(ApiRequest request, String resourcePath, ApiResponse response, long latencyMs) {
        RequestContext context = request.context();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", context.requestId());
        line.put("ip", orDash(context.sourceIp()));
        line.put("caller", orDash(context.caller()));
        line.put("user", orDash(context.user()));
        line.put("requestTime", REQUEST_TIME.format(context.receivedAt()));
        line.put("httpMethod", request.method());
        line.put("resourcePath", resourcePath);
        line.put("status", response.status());
        line.put("protocol", context.protocol());
        line.put("responseLength", response.content().length() < 0 ? "-" : response.content().length());
        line.put("latencyMs", latencyMs);
        sink.accept(Json.writeString(line));
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
