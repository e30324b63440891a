package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Uploads need an API key on every way into the functions: where API Gateway checked none (an HTTP
 * API, a Function URL, a REST method without ApiKeyRequired), the function checks its own keys, and
 * with none configured it refuses. Real S3Proxy, MariaDB and DynamoDB Local behind the functions.
 */
class FunctionApiKeysIT {
    private static final String FUNCTION_KEY = "function-key-0123456789";

    private static TestDeployment deploy(String name, String apiKeys) throws Exception {
        return TestDeployment.on(MariaDbServer.shared().createDatabase(name), new RideSettings(Duration.ZERO), apiKeys);
    }

    private static HostRequest upload() {
        return new MultipartBody()
                .file("file", "cat.png", "image/png", TestImages.png(8, 8))
                .post("/images/post");
    }

    private static void assertRefused(HostResponse response) {
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.jsonObject()).isEqualTo(Map.of("message", "Forbidden"));
    }

    @Test
    void aPayload2UploadWithoutAKeyIsRefusedWhenTheFunctionHasNoKeysOfItsOwn() throws Exception {
        TestDeployment deployment = deploy("nokeys_http", "");
        ApiHandler everything = new ApiHandler(deployment.graph());
        ImagesHandler images = new ImagesHandler(deployment.graph());

        for (RequestStreamHandler function : List.of(everything, images)) {
            ApiGatewayClient httpApi = new ApiGatewayClient(Format.HTTP_V2, path -> function);
            assertRefused(httpApi.send(upload()));
            // A key means nothing when nobody can check it.
            assertRefused(httpApi.send(upload().withHeader("x-api-key", AcceptanceSuite.API_KEY)));
            assertRefused(httpApi.send(HostRequest.json(
                    "POST", "/uploads", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":10}")));
        }
        assertThat(deployment.blobs().list("")).as("nothing stored").isEmpty();
        assertThat(new ApiGatewayClient(Format.HTTP_V2, path -> everything)
                        .send(HostRequest.get("/hello"))
                        .status())
                .as("routes without a key stay open")
                .isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFunctionUrlUploadWithoutAKeyIsRefused() throws Exception {
        TestDeployment deployment = deploy("nokeys_url", "");
        Map<String, Object> event;
        try (InputStream in =
                FunctionApiKeysIT.class.getResourceAsStream("/events/http-v2/post-user-function-url.json")) {
            event = (Map<String, Object>) Json.parse(in.readAllBytes());
        }
        HostRequest upload = upload();
        event.put("rawPath", "/images/post");
        ((Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http"))
                .put("path", "/images/post");
        ((Map<String, Object>) event.get("headers"))
                .put("content-type", upload.headers().get("Content-Type"));
        event.put("body", Base64.getEncoder().encodeToString(upload.body()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ApiHandler(deployment.graph())
                .handleRequest(new ByteArrayInputStream(Json.write(event)), out, new TestContext());

        Map<String, Object> response = (Map<String, Object>) Json.parse(out.toByteArray());
        assertThat(response).containsEntry("statusCode", 403).containsEntry("body", "{\"message\":\"Forbidden\"}");
        assertThat(deployment.blobs().list("")).isEmpty();
    }

    @Test
    void withKeysOfItsOwnTheFunctionAdmitsOnlyThoseOnAnHttpApi() throws Exception {
        TestDeployment deployment = deploy("ownkeys", FUNCTION_KEY + "=basic");
        ApiGatewayClient httpApi = new ApiGatewayClient(Format.HTTP_V2, path -> new ApiHandler(deployment.graph()));

        assertRefused(httpApi.send(upload()));
        assertRefused(httpApi.send(upload().withHeader("x-api-key", FUNCTION_KEY.toUpperCase())));
        assertRefused(httpApi.send(upload().withHeader("x-api-key", FUNCTION_KEY + "0")));
        assertThat(deployment.blobs().list("")).isEmpty();

        HostResponse admitted = httpApi.send(upload().withHeader("x-api-key", FUNCTION_KEY));
        assertThat(admitted.jsonObject()).as("%s", admitted).containsEntry("statusCode", 200);
        assertThat(deployment.blobs().list("post/")).hasSize(1);
    }

    @Test
    void onARestApiTheFunctionTrustsOnlyAKeyApiGatewayChecked() throws Exception {
        TestDeployment deployment = deploy("nokeys_rest", "");
        ApiGatewayClient restApi = new ApiGatewayClient(Format.REST_V1, path -> new ImagesHandler(deployment.graph()));

        // A method without ApiKeyRequired: the event names no key id, whatever header the client sent.
        assertRefused(restApi.send(upload().withHeader("x-api-key", "any-key-at-all")));
        // ApiKeyRequired: API Gateway admitted the usage plan's key and names it in the identity.
        HostResponse admitted = restApi.send(upload().withHeader("x-api-key", AcceptanceSuite.API_KEY));
        assertThat(admitted.jsonObject()).as("%s", admitted).containsEntry("statusCode", 200);
    }
}
