package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Requests Micronaut refuses before they reach the API (body over {@code max-request-size}, a malformed URI,
 * a request line or headers over Netty's limits) answer in the error shape of the family that owns the path,
 * with its headers (CORS for rides) and an {@code X-Request-Id}, and get their access-log line like every other
 * request. Replaces Micronaut's default processor, which would answer its own JSON or an HTML page.
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
        tooLongHead(error).ifPresent(response::status);
        ApiResponse body = api.refuse(request, response.code(), message(error, response));

        MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response;
        body.headers().asMap().forEach((name, values) -> {
            out.getHeaders().remove(name);
            values.forEach(value -> out.getHeaders().add(name, value));
        });
        if (error.getRequest().getMethod() == HttpMethod.HEAD) {
            out.getHeaders().remove("Content-Type");
            return out;
        }
        return out.body(body.body());
    }

    /**
     * Netty refuses a request line or headers over its limits while decoding, and Micronaut answers
     * any such refusal with 413, which speaks of the body. The statuses that name the real problem.
     */
    private static Optional<HttpStatus> tooLongHead(ErrorContext error) {
        return decoderFailure(error).flatMap(cause -> {
            if (cause instanceof TooLongHttpLineException) {
                return Optional.of(HttpStatus.REQUEST_URI_TOO_LONG);
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return Optional.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
            }
            return Optional.empty();
        });
    }

    /** Why Netty could not decode the request's head, if it could not. */
    private static Optional<Throwable> decoderFailure(ErrorContext error) {
        if (error.getRequest() instanceof NettyHttpRequest<?> netty
                && netty.getNativeRequest().decoderResult().isFailure()) {
            return Optional.ofNullable(netty.getNativeRequest().decoderResult().cause());
        }
        return Optional.empty();
    }

    /** Micronaut's message for client errors; never its text for server errors, which may name internals. */
    private static String message(ErrorContext error, MutableHttpResponse<?> response) {
        if (response.code() >= 500) {
            return "Internal server error";
        }
        if (response.code() == 414) {
            return "the request line is longer than this server accepts";
        }
        if (response.code() == 431) {
            return "the request headers are larger than this server accepts";
        }
        if (response.code() == 413) {
            return "request body is larger than this server accepts";
        }
        if (response.code() == 400 && decoderFailure(error).isPresent()) {
            // Our own words: Netty's exception text may quote what the client sent.
            return decoderFailure(error).get() instanceof ContentLengthNotAllowedException
                    ? "Content-Length and Transfer-Encoding must not both be present"
                    : "the request is not valid HTTP/1.1";
        }
        return error.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
    }
}
