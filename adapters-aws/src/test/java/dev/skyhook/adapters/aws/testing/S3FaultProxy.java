package dev.skyhook.adapters.aws.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * A fault-injecting HTTP proxy in front of an S3 API server (S3Proxy): requests that the current
 * rule picks are answered with S3's own {@code 503 SlowDown} error; the rest are relayed byte for
 * byte, so SigV4 signatures (which cover the {@code Host} header the client sent) still verify.
 * Point a client's endpoint at {@link #endpoint()}. One request per connection: the relayed request
 * asks the server to close afterwards ({@code Connection} is not signed).
 */
public final class S3FaultProxy implements AutoCloseable {
    /** What a request looked like when it reached the proxy, and whether it was answered with SlowDown. */
    public record Request(String method, String path, boolean slowedDown) {
        public boolean isPut() {
            return method.equals("PUT");
        }
    }

    private static final String SLOW_DOWN_XML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>%s</RequestId><HostId>skyhook-fault-proxy</HostId></Error>""";

    private final URI upstream;
    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "s3-fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> unhandled = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowDownsLeft = new AtomicInteger();
    private volatile BiPredicate<String, List<Request>> slowDownWhen = (method, earlier) -> false;

    private S3FaultProxy(URI upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
    }

    /** A proxy on a free loopback port relaying to {@code upstream} (an {@code http://host:port} endpoint). */
    public static S3FaultProxy inFrontOf(URI upstream) {
        try {
            S3FaultProxy proxy = new S3FaultProxy(upstream, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            proxy.connections.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** The next {@code count} requests, whatever they are, get SlowDown. */
    public void slowDownNext(int count) {
        slowDownsLeft.set(count);
    }

    /** A request gets SlowDown when the rule holds for its method and the requests before it, oldest first. */
    public void slowDownWhen(BiPredicate<String, List<Request>> rule) {
        slowDownWhen = rule;
    }

    /** Every request gets SlowDown, as during a long throttling episode. */
    public void slowDownAll() {
        slowDownWhen((method, earlier) -> true);
    }

    /** Every PUT after the first {@code count} PUTs that got through (a failure in the middle of a batch); the rest passes. */
    public void slowDownPutsAfter(int count) {
        slowDownWhen((method, earlier) -> method.equals("PUT")
                && earlier.stream().filter(r -> r.isPut() && !r.slowedDown()).count() >= count);
    }

    /** Relays everything again. */
    public void heal() {
        slowDownsLeft.set(0);
        slowDownWhen = (method, earlier) -> false;
    }

    /** Every request the proxy has seen, oldest first. */
    public List<Request> requests() {
        return List.copyOf(log);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            String method = requestLine[0];
            String path = requestLine[1];
            long length = contentLength(head);
            boolean slowDown;
            synchronized (this) {
                slowDown = slowDownsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                        || slowDownWhen.test(method, List.copyOf(log));
                log.add(new Request(method, path, slowDown));
            }
            if (slowDown) {
                if (header(head, "expect") == null) {
                    in.skipNBytes(length); // the client is sending the body regardless: take it first
                }
                answerSlowDown(client.getOutputStream(), method);
            } else {
                relay(head, length, in, client);
            }
        } catch (IOException e) {
            // The client or the server went away; the client sees a broken connection, as it would.
        } catch (RuntimeException e) {
            unhandled.add(e); // reported by close(), so a request the proxy cannot relay fails the test
        }
    }

    private void relay(List<String> head, long length, InputStream clientIn, Socket client) throws IOException {
        try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream toServer = server.getOutputStream();
            StringBuilder request = new StringBuilder();
            for (String line : head) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    request.append(line).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            toServer.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            // The body goes up on its own thread: with Expect: 100-continue the client waits for the
            // server's interim answer, which comes down below.
            Thread body = new Thread(
                    () -> {
                        try {
                            copy(clientIn, toServer, length);
                            toServer.flush();
                        } catch (IOException e) {
                            // the exchange broke; the response side sees it too
                        }
                    },
                    "s3-fault-proxy-body");
            body.setDaemon(true);
            body.start();
            server.getInputStream().transferTo(client.getOutputStream());
            client.getOutputStream().flush();
        } catch (SocketException e) {
            // connection reset by either side
        }
    }

    private static void answerSlowDown(OutputStream out, String method) throws IOException {
        byte[] body = SLOW_DOWN_XML.formatted(UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        boolean withBody = !method.equals("HEAD");
        String head = "HTTP/1.1 503 Slow Down\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + (withBody ? body.length : 0) + "\r\n"
                + "x-amz-request-id: skyhook-fault-proxy\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            previous = b;
        }
        return List.of();
    }

    private static long contentLength(List<String> head) {
        if (header(head, "transfer-encoding") != null) {
            throw new IllegalStateException("chunked request bodies are not supported by this proxy: " + head.get(0));
        }
        String length = header(head, "content-length");
        return length == null ? 0 : Long.parseLong(length.trim());
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the client sent " + (length - left) + " of " + length + " bytes");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    /** Stops the proxy; fails if it met a request it could not relay (the client then saw a dropped connection). */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        connections.shutdownNow();
        if (!unhandled.isEmpty()) {
            IllegalStateException failure =
                    new IllegalStateException("the fault proxy could not relay " + unhandled.size() + " request(s)");
            unhandled.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
