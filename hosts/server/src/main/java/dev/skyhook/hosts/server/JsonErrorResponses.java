package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Requests Micronaut refuses before they reach the API (body over {@code max-request-size},
 * malformed requests) answer in the API's error shape, {@code {"error": "..."}}, with an
 * {@code X-Request-Id}, and get their access-log line like every other request. Replaces
 * Micronaut's default processor, which would answer its own JSON or an HTML page.
 */
@Singleton
final class JsonErrorResponses implements ErrorResponseProcessor<byte[]> {
    private final HttpApi api;
    private final LambdaInvocation invocation;

    JsonErrorResponses(HttpApi api, LambdaInvocation invocation) {
        this.api = api;
        this.invocation = invocation;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<byte[]> processResponse(ErrorContext error, MutableHttpResponse<?> response) {
        ApiRequest request = MicronautExchange.toApiWithoutBody(error.getRequest(), invocation.awsRequestId());
        ApiResponse body = api.refuse(request, response.code(), message(error, response));

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
        if (response.code() == 413) {
            return "request body is larger than this server accepts";
        }
        return error.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
    }
}
