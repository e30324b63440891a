package dev.skyhook.benchmarks.warm;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.hosts.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Warm invocations of one function in this process, one after the other, as the original
 * functions' benchmark kit measures theirs ({@code bench.js}, {@code bench.py}): the handler is built once
 * (the function's init), invoked for a warm-up period, then for a measured period; one JSON line
 * with calls per second, latency percentiles and this process's CPU time per call goes to the
 * result file. The process runs under the JVM flags {@code warm.sh} gives it (Lambda's by default).
 *
 * <p>Usage: {@code WarmInvocations HANDLER_CLASS EVENT.json SECONDS WARMUP_SECONDS RESULT.json [--fresh-idempotency-key]}.
 * The event's {@code requestContext.requestId} is fresh per call; with {@code --fresh-idempotency-key}
 * so is an {@code Idempotency-Key} header (every call a new keyed booking).
 */
public final class WarmInvocations {
    private static final String REQUEST_ID = "warm-request-id-placeholder";
    private static final String IDEMPOTENCY_KEY = "warm-idempotency-key-placeholder";
    private static final String STATUS_FIELD = "\"statusCode\":";

    private WarmInvocations() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println(
                    "usage: WarmInvocations HANDLER_CLASS EVENT.json SECONDS WARMUP_SECONDS RESULT.json [--fresh-idempotency-key]");
            System.exit(2);
        }
        String handlerClass = args[0];
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) Json.parse(Files.readString(Path.of(args[1])));
        double seconds = Double.parseDouble(args[2]);
        double warmupSeconds = Double.parseDouble(args[3]);
        Path result = Path.of(args[4]);
        boolean freshKey = args.length > 5 && args[5].equals("--fresh-idempotency-key");

        String template = template(event, freshKey);
        long initStarted = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler)
                Class.forName(handlerClass).getConstructor().newInstance();
        double initMillis = (System.nanoTime() - initStarted) / 1e6;

        // The first call loads what the first request needs (its HTTP client's classes, a connection): the rest of a
        // cold start after init.
        long firstStarted = System.nanoTime();
        int expected = invoke(handler, template);
        double firstCallMillis = (System.nanoTime() - firstStarted) / 1e6;
        int warmupCalls = 1;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            invoke(handler, template);
            warmupCalls++;
        }
        if (expected / 100 != 2) {
            throw new IllegalStateException(handlerClass + " answered " + expected + " to " + args[1]);
        }

        List<Long> latencies = new ArrayList<>();
        int unexpected = 0;
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        long end = started + (long) (seconds * 1e9);
        long now;
        do {
            long sent = System.nanoTime();
            if (invoke(handler, template) != expected) {
                unexpected++;
            }
            now = System.nanoTime();
            latencies.add(now - sent);
        } while (now < end);
        double elapsed = (now - started) / 1e9;
        long cpu = processCpuNanos() - cpuBefore;

        List<Long> sorted = latencies.stream().sorted().toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("handler", handlerClass);
        out.put("event", Path.of(args[1]).getFileName().toString());
        out.put("freshIdempotencyKey", freshKey);
        out.put("jdk", System.getProperty("java.runtime.version"));
        out.put(
                "jvmFlags",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.put("initMs", round(initMillis));
        out.put("firstCallMs", round(firstCallMillis));
        out.put("warmupCalls", warmupCalls);
        out.put("durationS", round(elapsed));
        out.put("calls", latencies.size());
        out.put("status", expected);
        out.put("unexpectedStatus", unexpected);
        out.put("callsPerS", round(latencies.size() / elapsed));
        out.put("p50Ms", round(percentile(sorted, 50) / 1e6));
        out.put("p90Ms", round(percentile(sorted, 90) / 1e6));
        out.put("p99Ms", round(percentile(sorted, 99) / 1e6));
        out.put("cpuMsPerCall", round(cpu / 1e6 / latencies.size()));
        String line = Json.writeString(out);
        Files.writeString(result, line + "\n");
        System.err.println(line);
        // Answers other than the warm-up's (a store's hiccup under load) are counted in the result, not fatal.
        System.exit(0);
    }

    /**
     * The event as the runtime client hands it over: bytes, serialised once; per call only the
     * request id (and the idempotency key) are replaced, so the driver's own work stays small.
     */
    static String template(Map<String, Object> event, boolean freshKey) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        @SuppressWarnings("unchecked")
        Map<String, Object> context =
                new LinkedHashMap<>((Map<String, Object>) event.getOrDefault("requestContext", Map.of()));
        context.put("requestId", REQUEST_ID);
        copy.put("requestContext", context);
        if (freshKey) {
            @SuppressWarnings("unchecked")
            Map<String, Object> headers =
                    new LinkedHashMap<>((Map<String, Object>) event.getOrDefault("headers", Map.of()));
            headers.put("Idempotency-Key", IDEMPOTENCY_KEY);
            copy.put("headers", headers);
            if (event.get("multiValueHeaders") instanceof Map<?, ?> multi) {
                Map<Object, Object> multiValue = new LinkedHashMap<>(multi);
                multiValue.put("Idempotency-Key", List.of(IDEMPOTENCY_KEY));
                copy.put("multiValueHeaders", multiValue);
            }
        }
        return Json.writeString(copy);
    }

    private static int invoke(RequestStreamHandler handler, String template) throws Exception {
        String event = template.replace(REQUEST_ID, UUID.randomUUID().toString())
                .replace(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer, new WarmContext());
        return statusCode(answer.toString(StandardCharsets.UTF_8));
    }

    /** The answer's {@code "statusCode":NNN}, or -1. */
    static int statusCode(String answer) {
        int at = answer.indexOf(STATUS_FIELD);
        if (at < 0 || at + STATUS_FIELD.length() + 3 > answer.length()) {
            return -1;
        }
        try {
            return Integer.parseInt(answer, at + STATUS_FIELD.length(), at + STATUS_FIELD.length() + 3, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
    }

    /** What Lambda passes each invocation: a fresh request id. */
    private static final class WarmContext implements Context {
        private final String requestId = UUID.randomUUID().toString();

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/skyhook-warm";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "skyhook-warm";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:skyhook-warm";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.write(message, 0, message.length);
                }
            };
        }
    }
}
