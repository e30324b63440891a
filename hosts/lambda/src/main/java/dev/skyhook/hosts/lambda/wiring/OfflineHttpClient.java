package dev.skyhook.hosts.lambda.wiring;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client for SnapStart priming that never opens a socket: it reads each request's body, as
 * a real client would send it, and answers 200 with one canned body. An SDK client built on it runs
 * the whole call (endpoint rules, marshalling, signing, checksums, unmarshalling) and reaches no
 * store, so priming writes nothing and leaves no connection in the snapshot.
 */
final class OfflineHttpClient implements SdkHttpClient {
    private final byte[] body;
    private final Map<String, String> headers;

    OfflineHttpClient(byte[] body, Map<String, String> headers) {
        this.body = body.clone();
        this.headers = Map.copyOf(headers);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream sent =
                            request.contentStreamProvider().get().newStream()) {
                        sent.transferTo(OutputStream.nullOutputStream());
                    }
                }
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200);
                headers.forEach(response::putHeader);
                response.putHeader("Content-Length", Integer.toString(body.length));
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing in flight: the answer is in memory.
            }
        };
    }

    @Override
    public String clientName() {
        return "SnapStartPriming";
    }

    @Override
    public void close() {
        // No connections to close.
    }
}
