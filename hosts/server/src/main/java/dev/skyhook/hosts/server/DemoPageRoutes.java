package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.ErrorFormat;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The demo page: {@code GET /} and its assets under {@code /demo/}, plain files from the class path
 * ({@code demo/}), and {@code GET /demo/session}, what the page needs to know about this server.
 *
 * <p>The session hands out the demo API key only when it is the generated demo key ({@code API_KEYS}
 * unset, the key the server prints at start anyway) and only to a caller on this machine: a loopback
 * address and a loopback {@code Host} (so a page on another site, re-pointing its name at 127.0.0.1,
 * cannot read it either). Keys chosen with {@code API_KEYS} never leave the server; the visitor types one.
 */
final class DemoPageRoutes {
    /** Served files: name under {@code /demo/} (the page itself at {@code /}) and content type. */
    private static final Map<String, String> ASSETS = Map.of(
        "index.html", "text/html; charset=utf-8",
        "app.css", "text/css; charset=utf-8",
        "app.js", "text/javascript; charset=utf-8");
    private static final Pattern LOOPBACK_NAME = Pattern.compile("(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])(:\\d{1,5})?");
    /** Scripts, styles and data from this server only; images also from the store's public URLs (a bucket, a CDN). */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob: http: https:; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * What the page is told.
     *
     * @param demoApiKey the generated demo key, when {@code API_KEYS} is unset
     * @param apiKeysOn whether uploads need a key at all ({@code API_KEYS=} turns keys off)
     * @param demoTokens whether {@code POST /auth/demo-token} is served
     * @param publicBaseUrl the base of stored image URLs, to find an upload's key in its URL
     * @param uploadFolders the allowed upload folders
     * @param imageUrlSigning whether {@code /img} URLs need a signature the page cannot make
     */
    record Session(Optional<String> demoApiKey, boolean apiKeysOn, boolean demoTokens, String publicBaseUrl,
                   List<String> uploadFolders, boolean imageUrlSigning) {
        Session {
            uploadFolders = uploadFolders.stream().sorted().toList();
        }
    }

    private final Session session;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    DemoPageRoutes(Session session) {
        this.session = session;
        // Read once at start: a missing file fails the server's start, not a visitor's request.
        ASSETS.keySet().forEach(name -> files.put(name, resource(name)));
    }

    List<Route> routes() {
        return List.of(
            Route.of("GET", "/", ErrorFormat.DEFAULT, (request, path) -> file("index.html")),
            Route.of("GET", "/demo/session", ErrorFormat.DEFAULT, (request, path) -> session(request)),
            Route.of("GET", "/demo/{file}", ErrorFormat.DEFAULT, (request, path) -> asset(path.get("file"))));
    }

    /** The page's assets; the page itself only at {@code /}, so it has one address. */
    private ApiResponse asset(String name) {
        if (!files.containsKey(name) || name.equals("index.html")) {
            throw HttpError.notFound("No demo file " + name);
        }
        return file(name);
    }

    private ApiResponse file(String name) {
        return new ApiResponse(200, Headers.builder()
            .add("Content-Type", ASSETS.get(name))
            .add("Cache-Control", "no-cache")
            .add("X-Content-Type-Options", "nosniff")
            .add("Referrer-Policy", "no-referrer")
            .add("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .build(), files.get(name));
    }

    private ApiResponse session(ApiRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiKeysOn", session.apiKeysOn());
        if (session.apiKeysOn() && session.demoApiKey().isPresent() && fromThisMachine(request)) {
            body.put("apiKey", session.demoApiKey().get());
        }
        body.put("demoTokens", session.demoTokens());
        body.put("publicBaseUrl", session.publicBaseUrl());
        body.put("uploadFolders", session.uploadFolders());
        body.put("imageUrlSigning", session.imageUrlSigning());
        return ApiResponse.json(200, body).withHeader("Cache-Control", "no-store");
    }

    static boolean fromThisMachine(ApiRequest request) {
        String host = request.headers().first("Host").orElse("").toLowerCase(Locale.ROOT);
        return isLoopbackAddress(request.context().sourceIp()) && LOOPBACK_NAME.matcher(host).matches();
    }

    private static boolean isLoopbackAddress(String ip) {
        // Only literal addresses: the host wrote them, and looking up a name could leave the machine.
        if (ip == null || !ip.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoPageRoutes.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo page file missing from the class path: demo/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
