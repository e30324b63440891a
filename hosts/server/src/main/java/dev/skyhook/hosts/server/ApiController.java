package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.HttpApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Every method on every path goes to {@link HttpApi}: routing, content negotiation, validation and
 * error bodies are the API's, so that this host answers exactly like the others.
 */
@Controller
@Consumes(MediaType.ALL)
@Produces(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiController {
    /** Any path, including {@code /}. */
    private static final String ANY_PATH = "{/path:.*}";

    private final HttpApi api;
    private final LambdaInvocation invocation;
    private final RiderTokens riders;

    ApiController(HttpApi api, LambdaInvocation invocation, RiderTokens riders) {
        this.api = api;
        this.invocation = invocation;
        this.riders = riders;
    }

    // One route per method: Micronaut takes only the first HTTP-method annotation of a method.
    // The body is @Nullable because a GET or DELETE may have none; Micronaut's compiler warns
    // about @Nullable on byte[] as if it were a primitive, which is harmless here.
    @Get(value = ANY_PATH, headRoute = false)
    MutableHttpResponse<byte[]> get(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    @Head(ANY_PATH)
    MutableHttpResponse<byte[]> head(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    @Post(ANY_PATH)
    MutableHttpResponse<byte[]> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    @Put(ANY_PATH)
    MutableHttpResponse<byte[]> put(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    @Delete(ANY_PATH)
    MutableHttpResponse<byte[]> delete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    @Patch(ANY_PATH)
    MutableHttpResponse<byte[]> patch(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    @Options(ANY_PATH)
    MutableHttpResponse<byte[]> options(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forward(request, body);
    }

    private MutableHttpResponse<byte[]> forward(HttpRequest<?> request, byte[] body) {
        return MicronautExchange.toMicronaut(api.handle(MicronautExchange.toApi(request, body, invocation.awsRequestId(), riders)));
    }
}
