package dev.skyhook.hosts.lambda.testing;

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
 * The Lambda Runtime API on loopback, as the Runtime Interface Client sees it in a Lambda sandbox:
 * {@code invocation/next} hands out queued events, {@code invocation/{id}/response} (or {@code /error})
 * takes the answers, {@code init/error} a failed init. Stamps with {@link System#nanoTime()} when the
 * client first asks for an event (its init is over) and when each answer arrives. The lambda
 * module's tests and the cold-start benchmark both run the real client against it.
 */
public final class LoopbackRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An answer and when it arrived. */
    public record Answer(String body, long receivedNanos) {}

    private record Invocation(String requestId, byte[] event) {}

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpServer server;

    public LoopbackRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes with the function's answer, or fails with its error. */
    public CompletableFuture<Answer> invoke(String requestId, String event) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Invocation(requestId, event.getBytes(StandardCharsets.UTF_8)));
        return answer;
    }

    /** When the client first polled for an event: the end of its init phase. */
    public CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    private void serve(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("invocation/next")) {
            firstPoll.complete(now);
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
                "arn:aws:lambda:us-east-1:000000000000:function:skyhook-cold-start");
            // The client's native part reads this header unconditionally.
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply(exchange, 200, next.event);
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (path.equals("init/error")) {
            firstPoll.completeExceptionally(new IllegalStateException("the function's init failed: " + text));
            answers.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException("init failed: " + text)));
        } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
            answer(path).complete(new Answer(text, now));
        } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
            answer(path).completeExceptionally(new IllegalStateException("the function failed: " + text));
        }
        reply(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<Answer> answer(String path) {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        CompletableFuture<Answer> answer = answers.get(requestId);
        if (answer == null) {
            throw new IllegalStateException("an answer for an unknown request " + requestId);
        }
        return answer;
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
