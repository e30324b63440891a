package dev.skyhook.hosts.api.http;

import dev.skyhook.hosts.json.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JSON line per request with API Gateway's access-log fields plus {@code latencyMs}, written the
 * same way by every host. Missing values are {@code "-"}, as API Gateway writes them.
 */
public final class AccessLog {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

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
        return new AccessLog(line -> {});
    }

    public void record(ApiRequest request, String resourcePath, ApiResponse response, long latencyMs) {
        RequestContext context = request.context();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", context.requestId());
        line.put("ip", orDash(context.sourceIp()));
        line.put("caller", orDash(context.caller()));
        line.put("user", orDash(context.user()));
        line.put("requestTime", requestTime(context.receivedAt()));
        line.put("httpMethod", request.method());
        line.put("resourcePath", resourcePath);
        line.put("status", response.status());
        line.put("protocol", context.protocol());
        line.put(
                "responseLength",
                response.content().length() < 0 ? "-" : response.content().length());
        line.put("latencyMs", latencyMs);
        sink.accept(Json.writeString(line));
    }

    /**
     * API Gateway's {@code $context.requestTime}, {@code dd/MMM/yyyy:HH:mm:ss +0000} in UTC. Written by hand:
     * a {@code DateTimeFormatter} with month names loads the JDK's locale data on the first request,
     * 10-20 ms of CPU in every Lambda cold start.
     */
    static String requestTime(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(26);
        twoDigits(text, utc.getDayOfMonth())
                .append('/')
                .append(MONTHS[utc.getMonthValue() - 1])
                .append('/')
                .append(utc.getYear());
        twoDigits(text.append(':'), utc.getHour());
        twoDigits(text.append(':'), utc.getMinute());
        twoDigits(text.append(':'), utc.getSecond());
        return text.append(" +0000").toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
