package dev.skyhook.hosts.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API on loopback, as the Runtime Interface Client sees it in a Lambda sandbox:
 * {@code invocation/next} hands out queued events, {@code invocation/{id}/response} (or {@code /error})
 * takes the answers, {@code init/error} a failed init. Stamps with {@link System#nanoTime()} when the
 * client first asks for an event (its init is over) and when each answer arrives. The lambda
 * module's tests and the cold-start benchmark both run the real client against it.
 *
 * <p>SnapStart's lifecycle too, as the client (2.10.1) follows it when
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}: at the end of init it runs the
 * {@code beforeCheckpoint} hooks and calls {@code GET restore/next}; Lambda snapshots the environment
 * while that call waits and answers it (200) in every copy restored from the snapshot, whose client
 * then runs the {@code afterRestore} hooks (or reports {@code POST restore/error} and exits) and polls
 * {@code invocation/next}. Here the first {@code restore/next} call waits, {@link #snapshotPoint()}
 * says when it came; the caller checkpoints the process, then {@link #snapshotTaken()} drops that
 * call, and every later {@code restore/next} (a restored copy's) is answered at once. The restored
 * copies all reach this one server: the address is in the snapshot.
 */
public final class LoopbackRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An answer and when it arrived. */
    public record Answer(String body, long receivedNanos) {}

    private record Invocation(String requestId, byte[] event) {}

    /** One execution environment: the process started first, or one restored copy. */
    private static final class Environment {
        final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
        final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    }

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final Set<Thread> waitingForEvents = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Long> snapshotPoint = new CompletableFuture<>();
    private final CountDownLatch snapshotTaken = new CountDownLatch(1);
    private final AtomicInteger restores = new AtomicInteger();
    private volatile Environment environment = new Environment();
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

    /** When the current environment's client first polled for an event: the end of its init, or of its restore. */
    public CompletableFuture<Long> firstPoll() {
        return environment.firstPoll;
    }

    /** When the current (restored) environment's client called {@code restore/next}, before its {@code afterRestore} hooks. */
    public CompletableFuture<Long> restoreNext() {
        return environment.restoreNext;
    }

    /** When the client, its {@code beforeCheckpoint} hooks run, first called {@code restore/next}: checkpoint now. */
    public CompletableFuture<Long> snapshotPoint() {
        return snapshotPoint;
    }

    /** The process was checkpointed (and is gone): its waiting {@code restore/next} is dropped, later ones are answered. */
    public void snapshotTaken() {
        snapshotTaken.countDown();
    }

    /** How many restored copies were told to go on. */
    public int restores() {
        return restores.get();
    }

    /**
     * The next client to call is a new environment (a restored copy): requests of the previous one
     * that still wait for an event are dropped, so no event goes to a process that is gone.
     */
    public void newEnvironment() {
        environment = new Environment();
        waitingForEvents.forEach(Thread::interrupt);
    }

    private void serve(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Environment current = environment;
        if (path.equals("invocation/next")) {
            current.firstPoll.complete(now);
            nextEvent(exchange);
            return;
        }
        if (path.equals("restore/next")) {
            restoreNext(exchange, current, now);
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (path.equals("init/error") || path.equals("restore/error")) {
            IllegalStateException failure = new IllegalStateException((path.equals("init/error")
                            ? "the function's init failed: "
                            : "the function's afterRestore hooks failed: ")
                    + text);
            current.firstPoll.completeExceptionally(failure);
            snapshotPoint.completeExceptionally(failure);
            answers.values().forEach(answer -> answer.completeExceptionally(failure));
        } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
            answer(path).complete(new Answer(text, now));
        } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
            answer(path).completeExceptionally(new IllegalStateException("the function failed: " + text));
        }
        reply(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private void nextEvent(HttpExchange exchange) throws IOException {
        Invocation next;
        waitingForEvents.add(Thread.currentThread());
        try {
            next = pending.take();
        } catch (InterruptedException e) {
            // Its environment is gone (see newEnvironment): nobody reads this answer.
            exchange.close();
            return;
        } finally {
            waitingForEvents.remove(Thread.currentThread());
            Thread.interrupted();
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId);
        exchange.getResponseHeaders()
                .add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        exchange.getResponseHeaders()
                .add(
                        "Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:000000000000:function:skyhook-cold-start");
        // The client's native part reads this header unconditionally.
        exchange.getResponseHeaders()
                .add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, next.event);
    }

    private void restoreNext(HttpExchange exchange, Environment current, long now) throws IOException {
        if (snapshotTaken.getCount() > 0) {
            // The snapshot phase: the call waits while the process is checkpointed, and ends with it.
            snapshotPoint.complete(now);
            try {
                snapshotTaken.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        restores.incrementAndGet();
        current.restoreNext.complete(now);
        reply(exchange, 200, new byte[0]);
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
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() throws InterruptedException {
        snapshotTaken.countDown();
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
