package dev.skyhook.hosts.testhost.acceptance;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Authentication;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.testhost.TestHost;
import java.time.Instant;
import java.util.UUID;

/** Calls the test host in-process. */
public final class TestHostClient implements HostClient {
    private final TestHost host;

    public TestHostClient(TestHost host) {
        this.host = host;
    }

    @Override
    public HostResponse send(HostRequest request) {
        Target target = request.parsedTarget();
        ApiRequest apiRequest = new ApiRequest(request.method(), target.path(), target.query(),
            Headers.ofSingle(request.headers()), request.body(),
            RequestContext.of(UUID.randomUUID().toString(), "127.0.0.1", Instant.now())
                // In-process, this client is the host: it establishes the user itself, and, as every host, no user for a blank name.
                .withAuthentication(request.user().filter(name -> !name.isBlank()).map(Authentication::user)
                    .orElse(Authentication.anonymous())));
        ApiResponse response = host.handle(apiRequest);
        return new HostResponse(response.status(), response.headers().asMap(), response.body());
    }
}
