package dev.skyhook.hosts.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API as the real Runtime Interface Client sees it: it polls
 * {@code invocation/next} for events and posts each answer to {@code invocation/{id}/response}
 * (or {@code /error}); a failed init posts to {@code init/error}.
 */
final class FakeRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    private record Invocation(String requestId, byte[] event) {}

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event and returns the function's answer (or fails with its error). */
    CompletableFuture<String> invoke(String requestId, String event) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Invocation(requestId, event.getBytes(StandardCharsets.UTF_8)));
        return answer;
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("invocation/next")) {
            Invocation next;
            try {
                next = pending.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId);
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:skyhook");
            // The client's native part reads this header unconditionally: without it, it crashes.
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply(exchange, 200, next.event);
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (path.equals("init/error")) {
            initError.complete(text);
        } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
            answers.get(requestId(path)).complete(text);
        } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
            answers.get(requestId(path)).completeExceptionally(new AssertionError("function error: " + text));
        }
        reply(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId(String path) {
        return path.substring("invocation/".length(), path.lastIndexOf('/'));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
