package dev.skyhook.hosts.server;

import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends the acceptance suite's requests over real HTTP with {@code java.net.http}. A user signs in
 * as the Wild Rydes client does: the raw ID token in {@code Authorization}, no {@code Bearer}.
 * Requests that client refuses to write (a lying {@code Content-Length}, {@code Transfer-Encoding}, a
 * malformed escape)
 * are written byte for byte on a socket instead, as a hostile client would.
 */
final class HttpHostClient implements HostClient {
    /** Framing headers the JDK client always writes itself. */
    private static final Set<String> FRAMING =
            Set.of("content-length", "transfer-encoding", "connection", "host", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    HttpHostClient(URI base) {
        this.base = base;
    }

    @Override
    public HostResponse send(HostRequest request) throws Exception {
        if (request.headers().keySet().stream().anyMatch(name -> FRAMING.contains(name.toLowerCase(Locale.ROOT)))
                || !isValidUri(request.target())) {
            return sendRaw(request);
        }
        HttpRequest.BodyPublisher body = request.body().length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        // The target is already percent-encoded: appended as text, it reaches the server as written.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString() + request.target()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), body);
        request.headers().forEach(builder::header);
        request.user().ifPresent(user -> builder.setHeader("Authorization", TestJwts.valid(user)));
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new HostResponse(response.statusCode(), response.headers().map(), response.body());
    }

    /** {@code java.net.URI} refuses malformed escapes ({@code %zz}) that a client can still write. */
    private static boolean isValidUri(String target) {
        try {
            URI.create(target);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One request on its own connection, headers exactly as given; the first response read back. */
    private HostResponse sendRaw(HostRequest request) throws IOException {
        StringBuilder head = new StringBuilder(request.method() + " " + request.target() + " HTTP/1.1\r\n")
                .append("Host: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\n")
                .append("Connection: close\r\n");
        request.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        request.user()
                .ifPresent(user -> head.append("Authorization: ")
                        .append(TestJwts.valid(user))
                        .append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            // No half-close: Netty would take it for a closed connection and drop the answer. Connection: close ends
            // it.
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(received);
            } catch (java.net.SocketException reset) {
                // The server may close as soon as it has answered; what arrived is the answer.
            }
            // A request smuggled behind this one would be served concurrently: give it time to land before stores are
            // counted.
            Thread.sleep(300);
            return parse(received.toByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static HostResponse parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), n -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
        String length = first(headers, "Content-Length");
        if (length != null) {
            return new HostResponse(status, headers, Arrays.copyOf(rest, Integer.parseInt(length)));
        }
        if ("chunked".equalsIgnoreCase(first(headers, "Transfer-Encoding"))) {
            return new HostResponse(status, headers, dechunk(rest));
        }
        return new HostResponse(status, headers, rest);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = new String(chunked, StandardCharsets.ISO_8859_1).indexOf("\r\n", at);
            int size = Integer.parseInt(
                    new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
