package dev.skyhook.hosts.testhost.acceptance;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Authentication;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.testhost.TestHost;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Calls the test host in-process. */
public final class TestHostClient implements HostClient {
    private final TestHost host;

    public TestHostClient(TestHost host) {
        this.host = host;
    }

    @Override
    public HostResponse send(HostRequest request) {
        RequestContext context = RequestContext.of(UUID.randomUUID().toString(), "127.0.0.1", Instant.now())
                // In-process, this client is the host: it establishes the user itself, and, as every host, no user for
                // a blank name.
                .withAuthentication(request.user()
                        .filter(name -> !name.isBlank())
                        .map(Authentication::user)
                        .orElse(Authentication.anonymous()));
        Headers headers = Headers.ofSingle(request.headers());
        ApiResponse response;
        try {
            Target target = request.parsedTarget();
            response = host.handle(
                    new ApiRequest(request.method(), target.path(), target.query(), headers, request.body(), context));
        } catch (HttpError malformed) {
            // A path or query that does not decode is refused before routing, on the raw path, as the other hosts
            // refuse it.
            int mark = request.target().indexOf('?');
            String rawPath = mark < 0 ? request.target() : request.target().substring(0, mark);
            response = host.refuse(
                    new ApiRequest(request.method(), rawPath, Map.of(), headers, request.body(), context),
                    malformed.status(),
                    malformed.getMessage());
        }
        return new HostResponse(response.status(), response.headers().asMap(), response.body());
    }
}
