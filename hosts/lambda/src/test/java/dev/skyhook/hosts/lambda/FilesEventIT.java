package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.hosts.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files function takes its user from where the rides function does: the rides' captured events
 * (payload 1.0 from a REST API's Cognito user pool authorizer, payload 2.0 from an HTTP API's JWT
 * authorizer), re-pointed at {@code /files} with everything else, the authorizer's claims included,
 * as API Gateway sent it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesEventIT {
    private static final String BOUNDARY = "files-event";
    private TestDeployment deployment;

    @BeforeAll
    void deploy() throws IOException {
        deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("files_events"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest-v1/wild-rydes-request-unicorn.json", "http-v2/post-ride-cognito-jwt.json"})
    @SuppressWarnings("unchecked")
    void theCognitoUserOwnsTheFileAndWithoutTheAuthorizerBothRoutesAre401(String rideEvent) throws IOException {
        String name = "from " + rideEvent.substring(0, rideEvent.indexOf('/')) + ".txt";
        FilesHandler function = new FilesHandler(deployment.graph());

        Map<String, Object> stored = invoke(function, upload(fixture(rideEvent), name));
        Map<String, Object> link = invoke(function, download(fixture(rideEvent), name));

        assertThat(stored.get("statusCode")).as("%s", stored).isEqualTo(200);
        BlobKey key = new BlobKey(FileOwner.of("the_username").keyPrefix() + name);
        assertThat(deployment.blobs().stat(key)).isPresent();
        assertThat(link.get("statusCode")).as("%s", link).isEqualTo(200);
        assertThat((String) ((Map<String, Object>) Json.parse((String) link.get("body"))).get("url"))
                .contains(FileOwner.of("the_username").segment());

        for (Map<String, Object> anonymous :
                List.of(upload(fixture(rideEvent), "anonymous.txt"), download(fixture(rideEvent), name))) {
            ((Map<String, Object>) anonymous.get("requestContext")).remove("authorizer");
            Map<String, Object> refused = invoke(function, anonymous);
            assertThat(refused.get("statusCode")).as("%s", refused).isEqualTo(401);
            assertThat((String) ((Map<String, Object>) Json.parse((String) refused.get("body"))).get("error"))
                    .contains("signed-in user");
        }
        assertThat(deployment.blobs().list(FileOwner.FILES_PREFIX))
                .noneMatch(file -> file.value().endsWith("/anonymous.txt"));
    }

    private static Map<String, Object> upload(Map<String, Object> event, String name) {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\n" + name + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfrom the event\r\n--" + BOUNDARY + "--\r\n";
        repoint(event, "POST", Map.of());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "multipart/form-data; boundary=" + BOUNDARY);
        event.put("headers", headers);
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return event;
    }

    private static Map<String, Object> download(Map<String, Object> event, String name) {
        repoint(event, "GET", Map.of("filename", name));
        event.put("headers", Map.of());
        event.put("body", null);
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The ride's event, now for {@code method /files?query}, in its own payload format. */
    @SuppressWarnings("unchecked")
    private static void repoint(Map<String, Object> event, String method, Map<String, String> query) {
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        if ("2.0".equals(event.get("version"))) {
            StringBuilder rawQuery = new StringBuilder();
            query.forEach((k, v) -> rawQuery.append(rawQuery.length() == 0 ? "" : "&")
                    .append(k)
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
            event.put("routeKey", method + " /files");
            event.put("rawPath", "/prod/files");
            event.put("rawQueryString", rawQuery.toString());
            Map<String, Object> http = new LinkedHashMap<>((Map<String, Object>) context.get("http"));
            http.put("method", method);
            http.put("path", "/prod/files");
            context.put("http", http);
        } else {
            event.put("path", "/files");
            event.put("httpMethod", method);
            event.put("queryStringParameters", query.isEmpty() ? null : query);
            Map<String, List<String>> multi = new LinkedHashMap<>();
            query.forEach((k, v) -> multi.put(k, List.of(v)));
            event.put("multiValueQueryStringParameters", query.isEmpty() ? null : multi);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(FilesHandler function, Map<String, Object> event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(Json.write(event)), output, new TestContext());
        return (Map<String, Object>) Json.parse(output.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = FilesEventIT.class.getResourceAsStream("/events/" + name)) {
            return new LinkedHashMap<>(
                    (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }
}
