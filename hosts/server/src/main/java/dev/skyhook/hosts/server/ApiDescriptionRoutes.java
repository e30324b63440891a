package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /openapi.yaml}: the API's OpenAPI description (docs/openapi.yaml, copied onto the class path by
 * the build), for client generators and API tools pointed at a running server.
 */
final class ApiDescriptionRoutes {
    private final byte[] description;

    ApiDescriptionRoutes() {
        // Read once at start: a build without the file fails the server's start, not a request.
        try (InputStream in = ApiDescriptionRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the class path");
            }
            description = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Route> routes() {
        return List.of(Route.of(
                "GET",
                "/openapi.yaml",
                RouteFamily.GENERAL,
                (request, path) -> new ApiResponse(
                        200,
                        Headers.builder()
                                .add("Content-Type", "application/yaml; charset=utf-8")
                                .add("Cache-Control", "no-cache")
                                .add("X-Content-Type-Options", "nosniff")
                                .build(),
                        description)));
    }
}
