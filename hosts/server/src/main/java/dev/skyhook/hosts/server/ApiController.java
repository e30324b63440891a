package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.Body;
import dev.skyhook.hosts.api.http.HttpApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Every method on every path goes to {@link HttpApi}: routing, content negotiation, validation and
 * error bodies are the API's, so that this host answers exactly like the others. Only the {@code Host}
 * check is this host's own: the others sit behind API Gateway.
 */
@Controller
@Consumes(MediaType.ALL)
@Produces(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiController {
    /** Any path, including {@code /}. */
    private static final String ANY_PATH = "{/path:.*}";
    /** 421 Misdirected Request (RFC 9110 15.5.20): this server will not answer for the name in {@code Host}. */
    private static final int MISDIRECTED = 421;

    private final HttpApi api;
    private final LambdaInvocation invocation;
    private final UserTokens users;
    private final AllowedHosts allowedHosts;

    ApiController(HttpApi api, LambdaInvocation invocation, UserTokens users, ServerSettings settings) {
        this.api = api;
        this.invocation = invocation;
        this.users = users;
        this.allowedHosts = settings.allowedHosts();
    }

    /**
     * A request that reached this server's own socket must name a host it serves ({@link AllowedHosts}). Behind the
     * api-proxy in Lambda, API Gateway or the Function URL has routed the request already.
     */
    private boolean servesHost(HttpRequest<?> request, ApiRequest apiRequest) {
        return !(request instanceof NettyHttpRequest<?>)
                || allowedHosts.allows(apiRequest.headers().first("Host"));
    }

    // One route per method: Micronaut takes only the first HTTP-method annotation of a method.
    // No @Body: the body is read as a stream (see forward), so large uploads never sit in memory.
    @Get(value = ANY_PATH, headRoute = false)
    MutableHttpResponse<?> get(HttpRequest<?> request) {
        return forward(request);
    }

    @Head(ANY_PATH)
    MutableHttpResponse<?> head(HttpRequest<?> request) {
        return forward(request);
    }

    @Post(ANY_PATH)
    MutableHttpResponse<?> post(HttpRequest<?> request) {
        return forward(request);
    }

    @Put(ANY_PATH)
    MutableHttpResponse<?> put(HttpRequest<?> request) {
        return forward(request);
    }

    @Delete(ANY_PATH)
    MutableHttpResponse<?> delete(HttpRequest<?> request) {
        return forward(request);
    }

    @Patch(ANY_PATH)
    MutableHttpResponse<?> patch(HttpRequest<?> request) {
        return forward(request);
    }

    @Options(ANY_PATH)
    MutableHttpResponse<?> options(HttpRequest<?> request) {
        return forward(request);
    }

    private MutableHttpResponse<?> forward(HttpRequest<?> request) {
        Body body = MicronautExchange.body(request);
        try {
            ApiRequest apiRequest = MicronautExchange.toApi(request, body, invocation.awsRequestId(), users);
            if (!servesHost(request, apiRequest)) {
                return MicronautExchange.toMicronaut(api.refuse(
                        apiRequest,
                        MISDIRECTED,
                        "this server does not answer for the host"
                                + " this request names; its operator lists the names it serves in ALLOWED_HOSTS"));
            }
            return MicronautExchange.toMicronaut(api.handle(apiRequest));
        } finally {
            body.discard(); // whatever the route left unread, so the connection can be reused
        }
    }
}
