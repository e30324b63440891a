package dev.skyhook.hosts.api.http;

import java.util.Map;

/** Turns one request into one response; throws {@code DomainException} or {@link HttpError} to refuse. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request, Map<String, String> pathVariables);
}
