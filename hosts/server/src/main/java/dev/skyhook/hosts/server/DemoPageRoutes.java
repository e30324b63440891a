package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo page: {@code GET /} and its assets under {@code /demo/}, plain files from the class path
 * ({@code demo/}), and {@code GET /demo/session}, what the page needs to know about this server.
 *
 * <p>The session hands out the demo API key only when it is the generated demo key ({@code API_KEYS}
 * unset, the key the server prints at start anyway) and only to a caller on this machine
 * ({@link ThisMachine}). Keys chosen with {@code API_KEYS} never leave the server; the visitor types one.
 * Demo tokens are offered under the same rule.
 */
final class DemoPageRoutes {
    /** Served files: name under {@code /demo/} (the page itself at {@code /}) and content type. */
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8");
    /** Scripts, styles and data from this server only; images also from the store's public URLs (a bucket, a CDN). */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data: blob: http: https:; "
                    + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * What the page is told.
     *
     * @param demoApiKey the generated demo key, when {@code API_KEYS} is unset
     * @param apiKeysOn whether uploads need a key at all ({@code API_KEYS=} turns keys off)
     * @param demoTokens whether {@code POST /auth/demo-token} is served (to callers on this machine)
     * @param publicBaseUrl the base of stored image URLs, to find an upload's key in its URL
     * @param uploadFolders the allowed upload folders
     * @param imageUrlSigning whether {@code /img} URLs need a signature the page cannot make
     */
    record Session(
            Optional<String> demoApiKey,
            boolean apiKeysOn,
            boolean demoTokens,
            String publicBaseUrl,
            List<String> uploadFolders,
            boolean imageUrlSigning) {
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
                Route.of("GET", "/", RouteFamily.GENERAL, (request, path) -> file("index.html")),
                Route.of("GET", "/demo/session", RouteFamily.GENERAL, (request, path) -> session(request)),
                Route.of("GET", "/demo/{file}", RouteFamily.GENERAL, (request, path) -> asset(path.get("file"))));
    }

    /** The page's assets; the page itself only at {@code /}, so it has one address. */
    private ApiResponse asset(String name) {
        if (!files.containsKey(name) || name.equals("index.html")) {
            throw HttpError.notFound("No demo file " + name);
        }
        return file(name);
    }

    private ApiResponse file(String name) {
        return new ApiResponse(
                200,
                Headers.builder()
                        .add("Content-Type", ASSETS.get(name))
                        .add("Cache-Control", "no-cache")
                        .add("X-Content-Type-Options", "nosniff")
                        .add("Referrer-Policy", "no-referrer")
                        .add("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .build(),
                files.get(name));
    }

    private ApiResponse session(ApiRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiKeysOn", session.apiKeysOn());
        boolean thisMachine = ThisMachine.isCaller(request);
        if (session.apiKeysOn() && session.demoApiKey().isPresent() && thisMachine) {
            body.put("apiKey", session.demoApiKey().get());
        }
        body.put("demoTokens", session.demoTokens() && thisMachine);
        body.put("publicBaseUrl", session.publicBaseUrl());
        body.put("uploadFolders", session.uploadFolders());
        body.put("imageUrlSigning", session.imageUrlSigning());
        return ApiResponse.json(200, body).withHeader("Cache-Control", "no-store");
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
