package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.ErrorFormat;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Requests Micronaut refuses before they reach the API (body over {@code max-request-size},
 * malformed requests) answer in the API's error shape, {@code {"error": "..."}}, with an
 * {@code X-Request-Id}, and get their access-log line like every other request. Replaces
 * Micronaut's default processor, which would answer its own JSON or an HTML page.
 */
@Singleton
final class JsonErrorResponses implements ErrorResponseProcessor<byte[]> {
    private final AccessLog accessLog;

    JsonErrorResponses(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<byte[]> processResponse(ErrorContext error, MutableHttpResponse<?> response) {
        ApiRequest request = MicronautExchange.toApiWithoutBody(error.getRequest());
        int status = response.code();
        ApiResponse body = ErrorFormat.DEFAULT.render(status, message(error, response), Optional.empty(), request.context())
            .withHeader("X-Request-Id", request.context().requestId());
        accessLog.record(request, request.path(), body, 0); // refused before any work was done

        MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response;
        out.getHeaders().set("X-Request-Id", request.context().requestId());
        if (error.getRequest().getMethod() == HttpMethod.HEAD) {
            return out;
        }
        body.headers().first("Content-Type").ifPresent(type -> out.getHeaders().set("Content-Type", type));
        return out.body(body.body());
    }

    /** Micronaut's message for client errors; never its text for server errors, which may name internals. */
    private static String message(ErrorContext error, MutableHttpResponse<?> response) {
        if (response.code() >= 500) {
            return "Internal server error";
        }
        return error.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
    }
}
