package dev.skyhook.hosts.api.http;

import java.util.Objects;

/** One method on one path template, in the family whose error shape its clients read. */
public record Route(String method, PathTemplate path, Endpoint endpoint, RouteFamily family) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(family, "family");
    }

    public static Route of(String method, String path, RouteFamily family, Endpoint endpoint) {
        return new Route(method, PathTemplate.of(path), endpoint, family);
    }
}
