package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.hosts.json.Json;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The same application behind API Gateway REST (payload 1.0) through micronaut-function-aws-api-proxy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiProxyFunctionTest {
    @TempDir
    static Path dataDirectory;

    private ApiGatewayProxyRequestEventFunction function;

    @BeforeAll
    void start() {
        // The builder Lambda itself uses (environments "function" and "lambda"), on a local H2 database.
        function = new ApiGatewayProxyRequestEventFunction(new LambdaApplicationContextBuilder()
                .properties(Map.of("skyhook.env.DATA_DIR", dataDirectory.toString()))
                .build());
    }

    @AfterAll
    void stop() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void helloAnswersTheGreetingWithTheLambdaRequestId() {
        APIGatewayProxyResponseEvent response = handle(event("GET", "/hello", null, "hello-request-1"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.parse(response.getBody())).isEqualTo("Hello from Lambda!");
        assertThat(header(response, "Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(header(response, "X-Request-Id")).contains("hello-request-1");
    }

    @Test
    void aRestApisPathIsDecodedOnce() {
        // A REST API passes the path as the client sent it: /%68ello is /hello.
        assertThat(handle(event("GET", "/%68ello", null, "encoded-1")).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void createdUserIsListed() {
        APIGatewayProxyResponseEvent created =
                handle(event("POST", "/users", "{\"name\":\"Lambda Kim\",\"age\":33}", "create-1"));

        assertThat(created.getStatusCode()).isEqualTo(201);
        Map<String, Object> user = jsonObject(created.getBody());
        assertThat(user).containsEntry("name", "Lambda Kim").containsEntry("age", 33);
        assertThat(header(created, "Location")).contains("/users/" + user.get("id"));
        assertThat(header(created, "X-Request-Id")).contains("create-1");

        APIGatewayProxyResponseEvent list = handle(event("GET", "/users", null, "list-1"));

        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(jsonObject(list.getBody()).get("users"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains(user);
        assertThat(header(list, "X-Request-Id")).contains("list-1");
    }

    @Test
    void badBodyIsTheApis400() {
        APIGatewayProxyResponseEvent response = handle(event("POST", "/users", "{\"name\":\"\",\"age\":1}", "bad-1"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(jsonObject(response.getBody())).containsEntry("field", "name");
        assertThat(header(response, "X-Request-Id")).contains("bad-1");
    }

    @Test
    void theDemoPageBelongsToTheLocalServerNotToLambda() {
        for (String path : List.of("/", "/demo/session", "/demo/app.js")) {
            APIGatewayProxyResponseEvent response = handle(event("GET", path, null, "demo-" + path.length()));

            assertThat(response.getStatusCode()).as(path).isEqualTo(404);
            assertThat(jsonObject(response.getBody())).containsEntry("error", "No route for GET " + path);
        }
    }

    @Test
    void multipartUploadIsStoredAndItsQueryParameterDownloadLinkSigned() {
        String boundary = "proxy-boundary";
        String multipart = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\nproxy/report.bin\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        byte[] binary = {(byte) 0xFF, (byte) 0xD8, '%', '=', '&', (byte) 0x80, '\\', '"', 0};
        byte[] body = new byte[multipart.length() + binary.length + boundary.length() + 8];
        System.arraycopy(
                multipart.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, body, 0, multipart.length());
        System.arraycopy(binary, 0, body, multipart.length(), binary.length);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(end, 0, body, multipart.length() + binary.length, end.length);
        APIGatewayProxyRequestEvent upload = event("POST", "/files", null, "upload-1")
                .withHeaders(Map.of("Content-Type", "multipart/form-data; boundary=" + boundary))
                .withMultiValueHeaders(Map.of("Content-Type", List.of("multipart/form-data; boundary=" + boundary)))
                .withBody(java.util.Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true);

        assertThat(handle(upload).getStatusCode())
                .as("without the Cognito authorizer's claims")
                .isEqualTo(401);
        upload.getRequestContext().setRequestId("upload-2");
        APIGatewayProxyResponseEvent stored = handle(signedIn(upload, "proxy-user"));

        assertThat(stored.getStatusCode()).as(stored.getBody()).isEqualTo(200);
        assertThat(Json.parse(stored.getBody())).isEqualTo("File uploaded!");

        APIGatewayProxyResponseEvent link = handle(signedIn(
                event("GET", "/files", null, "link-1")
                        .withQueryStringParameters(Map.of("filename", "proxy/report.bin"))
                        .withMultiValueQueryStringParameters(Map.of("filename", List.of("proxy/report.bin"))),
                "proxy-user"));

        assertThat(link.getStatusCode()).as(link.getBody()).isEqualTo(200);
        assertThat((String) jsonObject(link.getBody()).get("url"))
                .contains("/signed/" + FileOwner.of("proxy-user").keyPrefix() + "proxy/report.bin");
    }

    /** As a REST API's Cognito user pool authorizer passes the ID token's claims. */
    private static APIGatewayProxyRequestEvent signedIn(APIGatewayProxyRequestEvent event, String username) {
        event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("cognito:username", username)));
        return event;
    }

    /** The invocation's awsRequestId is the event's request id here, so each assertion names it once. */
    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        String awsRequestId = event.getRequestContext().getRequestId();
        event.getRequestContext().setRequestId("api-gateway-" + awsRequestId);
        return function.handleRequest(event, new MockLambdaContext() {
            @Override
            public String getAwsRequestId() {
                return awsRequestId;
            }
        });
    }

    /** Shaped as API Gateway sends it: single- and multi-value headers, the request context with the caller's address. */
    private static APIGatewayProxyRequestEvent event(String method, String path, String body, String requestId) {
        Map<String, String> headers =
                body == null ? Map.of("Accept", "*/*") : Map.of("Content-Type", "application/json");
        Map<String, List<String>> multiValueHeaders =
                body == null ? Map.of("Accept", List.of("*/*")) : Map.of("Content-Type", List.of("application/json"));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withResource(path)
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(requestId)
                        .withHttpMethod(method)
                        .withPath("/prod" + path)
                        .withProtocol("HTTP/1.1")
                        .withStage("prod")
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("203.0.113.7")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    private static Optional<String> header(APIGatewayProxyResponseEvent response, String name) {
        if (response.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> entry :
                    response.getMultiValueHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return Optional.of(entry.getValue().get(0));
                }
            }
        }
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> entry : response.getHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
