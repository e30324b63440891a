package dev.skyhook.hosts.api.http;

import java.util.Objects;

/** One method on one path template, with the error body shape its clients expect. */
public record Route(String method, PathTemplate path, Endpoint endpoint, ErrorFormat errors) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(errors, "errors");
    }

    public static Route of(String method, String path, ErrorFormat errors, Endpoint endpoint) {
        return new Route(method, PathTemplate.of(path), endpoint, errors);
    }
}
