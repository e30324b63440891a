package dev.skyhook.hosts.server;

import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends the acceptance suite's requests over real HTTP with {@code java.net.http}. A rider signs in
 * as the Wild Rydes client does: the raw ID token in {@code Authorization}, no {@code Bearer}.
 */
final class HttpHostClient implements HostClient {
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final URI base;

    HttpHostClient(URI base) {
        this.base = base;
    }

    @Override
    public HostResponse send(HostRequest request) throws Exception {
        HttpRequest.BodyPublisher body = request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
        // The target is already percent-encoded: appended as text, it reaches the server as written.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString() + request.target()))
            .timeout(Duration.ofSeconds(30))
            .method(request.method(), body);
        request.headers().forEach(builder::header);
        request.rider().ifPresent(rider -> builder.setHeader("Authorization", TestJwts.valid(rider)));
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new HostResponse(response.statusCode(), response.headers().map(), response.body());
    }
}
