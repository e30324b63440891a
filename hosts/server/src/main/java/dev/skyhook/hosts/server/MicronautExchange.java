package dev.skyhook.hosts.server;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Authentication;
import dev.skyhook.hosts.api.http.Body;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.api.http.UrlEncoding;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.netty.channel.Channel;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Micronaut's requests and responses to and from the API's own types, on Netty and in Lambda alike. */
final class MicronautExchange {
    private MicronautExchange() {}

    /**
     * @param lambdaRequestId the invocation's {@code awsRequestId} when running in Lambda: the id
     *     every host answers with in {@code X-Request-Id}
     */
    static ApiRequest toApi(HttpRequest<?> request, Body body, Optional<String> lambdaRequestId, UserTokens users) {
        APIGatewayProxyRequestEvent event = restEvent(request);
        Headers headers = headers(request);
        if (event != null) {
            // A payload 1.0 event: a REST API's path as the client sent it (decoded here, once), an HTTP API's
            // ("version":
            // "1.0") already decoded; the query parameters decoded either way; the authorizer verified the caller.
            String path = event.getPath() == null
                    ? UrlEncoding.decodePath(request.getPath())
                    : "1.0".equals(event.getVersion()) ? event.getPath() : UrlEncoding.decodePath(event.getPath());
            return new ApiRequest(
                    request.getMethodName(),
                    path,
                    parameters(event),
                    headers,
                    body,
                    context(request, event, lambdaRequestId).withAuthentication(cognitoUser(event)));
        }
        // Netty has refused malformed escapes already; decode the way every host does.
        return new ApiRequest(
                request.getMethodName(),
                UrlEncoding.decodePath(request.getPath()),
                UrlEncoding.parseQuery(request.getUri().getRawQuery()),
                headers,
                body,
                context(request, null, lambdaRequestId)
                        .withAuthentication(users.authenticate(headers.first("Authorization"))));
    }

    /** The Cognito authorizer's {@code cognito:username} claim, as the Lambda host reads it. */
    private static Authentication cognitoUser(APIGatewayProxyRequestEvent event) {
        Map<String, Object> authorizer = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getAuthorizer();
        Object claims = authorizer == null ? null : authorizer.get("claims");
        return claims instanceof Map<?, ?> map
                ? Authentication.fromClaims(map, "the authorizer (requestContext.authorizer.claims)")
                : Authentication.none("the authorizer passed no claims (requestContext.authorizer.claims)");
    }

    /**
     * A request Micronaut refused before the controller, for its error response and access-log line. Its path (decoded,
     * or as sent when it does not decode) chooses the error shape, so on Netty it is read from the request line itself
     * ({@link RequestTargets}): for a target Micronaut cannot parse ({@code /ride?a=%zz}) it refuses a stand-in for {@code /}.
     */
    static ApiRequest toApiWithoutBody(HttpRequest<?> request, Optional<String> lambdaRequestId) {
        String raw = request instanceof NettyHttpRequest<?> netty
                ? RequestTargets.last(netty.getChannelHandlerContext().channel())
                        .map(MicronautExchange::pathOf)
                        .orElse(request.getPath())
                : request.getPath();
        String path;
        try {
            path = UrlEncoding.decodePath(raw);
        } catch (HttpError malformed) {
            path = raw;
        }
        return new ApiRequest(
                request.getMethodName(),
                path,
                Map.of(),
                headers(request),
                new byte[0],
                context(request, restEvent(request), lambdaRequestId));
    }

    /** The path of a request target as sent: origin form ({@code /a?b}) or absolute form ({@code http://host/a?b}). */
    static String pathOf(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (scheme > 0 && path.indexOf('/') > scheme) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        path = path.substring(0, end);
        return path.startsWith("/") ? path : "/" + path;
    }

    /** The request body as a stream, as it arrives; nothing is buffered. */
    static Body body(HttpRequest<?> request) {
        if (request instanceof ServerHttpRequest<?> server) {
            ByteBody bytes = server.byteBody();
            long length = bytes.expectedLength().orElse(-1); // before the stream claims the body
            InputStream stream = bytes.toInputStream();
            if (request instanceof NettyHttpRequest<?> netty) {
                stream = new TooSlowMeans408(
                        stream, netty.getChannelHandlerContext().channel());
            }
            return Body.streamed(stream, length);
        }
        return Body.of(null);
    }

    /**
     * A body whose connection {@link BodyDeadline} closed fails with 408 (in the route's error shape and
     * the access log), not as a broken stream that a route or a store would report as its own failure.
     */
    private static final class TooSlowMeans408 extends FilterInputStream {
        private final Channel channel;

        TooSlowMeans408(InputStream in, Channel channel) {
            super(in);
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                failIfCutOff();
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                failIfCutOff();
                throw e;
            }
        }

        private void failIfCutOff() {
            if (BodyDeadline.wasCutOff(channel)) {
                throw new HttpError(408, "the request body arrived too slowly; the connection was closed", null, null);
            }
        }
    }

    static MutableHttpResponse<?> toMicronaut(ApiResponse response) {
        if (response.content().isStreamed()) {
            MutableHttpResponse<StreamedFile> out = HttpResponse.status(response.status(), null);
            response.headers()
                    .asMap()
                    .forEach((name, values) ->
                            values.forEach(value -> out.getHeaders().add(name, value)));
            MediaType type =
                    MediaType.of(response.headers().first("Content-Type").orElse(MediaType.APPLICATION_OCTET_STREAM));
            return out.body(new StreamedFile(
                    response.content().stream(),
                    type,
                    lastModifiedMillis(response),
                    response.content().length()));
        }
        MutableHttpResponse<byte[]> out = HttpResponse.status(response.status(), null);
        response.headers()
                .asMap()
                .forEach((name, values) ->
                        values.forEach(value -> out.getHeaders().add(name, value)));
        if (response.body().length == 0) {
            return out; // no body: Micronaut then adds no Content-Type of its own
        }
        if (response.headers().first("Content-Type").isEmpty()) {
            // Otherwise Micronaut would label the bytes with the route's "*/*".
            out.getHeaders().set("Content-Type", "application/octet-stream");
        }
        return out.body(response.body());
    }

    /**
     * The time Micronaut's file writer works with: it answers an {@code If-Modified-Since} equal to it with a 304
     * of its own (leaving the blob open), and writes {@code Last-Modified} from it when the API sent none (-1 gave
     * 1969). The API sends the blob's real time and answers conditional requests itself, the same on every host,
     * so Micronaut gets a time no date parses to; without the API's header, now (never older than the bytes).
     */
    private static long lastModifiedMillis(ApiResponse response) {
        return response.headers().first("Last-Modified").isPresent() ? Long.MIN_VALUE : System.currentTimeMillis();
    }

    /**
     * The event's query parameters. Not {@code request.getParameters()}: in the api-proxy that also parses
     * a form or multipart body as parameters, which fails on binary parts (an image upload was a 500).
     */
    private static Map<String, List<String>> parameters(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach((name, values) -> query.put(name, List.copyOf(values)));
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
        }
        return query;
    }

    private static Headers headers(HttpRequest<?> request) {
        Headers.Builder headers = Headers.builder();
        request.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        return headers.build();
    }

    private static RequestContext context(
            HttpRequest<?> request, APIGatewayProxyRequestEvent event, Optional<String> lambdaRequestId) {
        String requestId = lambdaRequestId.orElseGet(() -> UUID.randomUUID().toString());
        if (event != null && event.getRequestContext() != null) {
            APIGatewayProxyRequestEvent.ProxyRequestContext lambda = event.getRequestContext();
            APIGatewayProxyRequestEvent.RequestIdentity identity = lambda.getIdentity();
            return new RequestContext(
                    requestId,
                    identity == null ? null : identity.getSourceIp(),
                    lambda.getProtocol(),
                    identity == null ? null : identity.getCaller(),
                    identity == null ? null : identity.getUser(),
                    Instant.now());
        }
        InetSocketAddress remote = request.getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
        return new RequestContext(requestId, ip, protocol(request), null, null, Instant.now());
    }

    private static String protocol(HttpRequest<?> request) {
        return switch (request.getHttpVersion()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2_0 -> "HTTP/2.0";
        };
    }

    /** API Gateway REST (payload 1.0) event behind the request, when running in Lambda. */
    private static APIGatewayProxyRequestEvent restEvent(HttpRequest<?> request) {
        return request instanceof ServletHttpRequest<?, ?> servlet
                        && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
                ? event
                : null;
    }
}
