package dev.skyhook.hosts.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Authentication;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Translated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiGatewayEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:02:03Z");

    @Test
    void restApiEventCarriesMethodPathQueryHeadersAndIdentity() throws IOException {
        Translated translated = ApiGatewayEvents.toRequest(fixture("rest-v1/get-users.json"), "lambda-id", NOW);
        ApiRequest request = translated.request();

        assertThat(translated.format()).isEqualTo(Format.REST_V1);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/users");
        assertThat(request.query()).containsEntry("limit", List.of("2")).containsEntry("after", List.of("0"));
        assertThat(request.header("accept")).contains("application/json");
        assertThat(request.body()).isEmpty();
        assertThat(request.context().requestId()).isEqualTo("lambda-id");
        assertThat(request.context().sourceIp()).isEqualTo("203.0.113.7");
        assertThat(request.context().caller()).isEqualTo("AIDACALLER");
        assertThat(request.context().user()).isEqualTo("AIDAUSER");
    }

    @Test
    void httpApiEventLosesItsStagePrefixAndKeepsCookies() throws IOException {
        Translated translated = ApiGatewayEvents.toRequest(fixture("http-v2/get-users.json"), "lambda-id", NOW);
        ApiRequest request = translated.request();

        assertThat(translated.format()).isEqualTo(Format.HTTP_V2);
        assertThat(request.path()).isEqualTo("/users");
        assertThat(request.query()).containsEntry("limit", List.of("2"));
        assertThat(request.header("Cookie")).contains("session=abc; theme=dark");
        assertThat(request.context().sourceIp()).isEqualTo("203.0.113.7");
    }

    @Test
    void functionUrlEventBodyIsDecodedFromBase64() throws IOException {
        ApiRequest request = ApiGatewayEvents.toRequest(fixture("http-v2/post-user-function-url.json"), "id", NOW)
                .request();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/users");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Kim\",\"age\":31}");
    }

    private static final String FUNCTION_URL_DOMAIN = "abcdefghijklmnop.lambda-url.ap-northeast-2.on.aws";

    @Test
    void aFunctionUrlsPathIsDecodedOnceAndAnHttpApisIsTakenAsDelivered() {
        Map<String, Object> functionUrl = Map.of(
                "version",
                "2.0",
                "rawPath",
                "/users/%EA%B9%80",
                "requestContext",
                Map.of("domainName", FUNCTION_URL_DOMAIN, "http", Map.of("method", "GET")));
        Map<String, Object> httpApi = Map.of(
                "version",
                "2.0",
                "rawPath",
                "/users/%EA%B9%80",
                "requestContext",
                Map.of(
                        "domainName",
                        "abc123.execute-api.ap-northeast-2.amazonaws.com",
                        "http",
                        Map.of("method", "GET")));

        assertThat(ApiGatewayEvents.toRequest(functionUrl, "id", NOW).request().path())
                .isEqualTo("/users/김");
        // An HTTP API decoded the client's /users/%25EA%25B9%2580 into this already: it is not decoded again.
        assertThat(ApiGatewayEvents.toRequest(httpApi, "id", NOW).request().path())
                .isEqualTo("/users/%EA%B9%80");
    }

    @Test
    void onlyARestApisIdentityCanSayThatApiGatewayCheckedAKey() throws IOException {
        Map<String, Object> rest = fixture("rest-v1/get-img-percent-key.json");
        Map<String, Object> httpV1 = fixture("http-v1/get-img-percent-key.json");
        for (Map<String, Object> event : List.of(rest, httpV1)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> identity =
                    (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("identity");
            identity.put("apiKeyId", "k3yid00001");
        }

        assertThat(ApiGatewayEvents.toRequest(rest, "id", NOW).gatewayCheckedApiKey())
                .isTrue();
        assertThat(ApiGatewayEvents.toRequest(httpV1, "id", NOW).gatewayCheckedApiKey())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hello%zz?a=1", "/users?limit=%zz", "/hello%?x"})
    void aMalformedEscapeIsARefusalNotAFailedInvocation(String target) {
        int mark = target.indexOf('?');
        Map<String, Object> event = Map.of(
                "version",
                "2.0",
                "rawPath",
                target.substring(0, mark),
                "rawQueryString",
                target.substring(mark + 1),
                "requestContext",
                Map.of("domainName", FUNCTION_URL_DOMAIN, "http", Map.of("method", "GET")));

        Translated translated = ApiGatewayEvents.toRequest(event, "id", NOW);

        assertThat(translated.refusal())
                .hasValueSatisfying(refusal -> assertThat(refusal.status()).isEqualTo(400));
        assertThat(translated.request().path()).isEqualTo(target.substring(0, mark));
    }

    @Test
    void theOriginalsPassthroughTemplateBecomesAPostToImagesWithTheDecodedBody() throws IOException {
        Translated translated =
                ApiGatewayEvents.toRequest(fixture("mapping-template/post-images-profile.json"), "lambda-id", NOW);
        ApiRequest request = translated.request();

        assertThat(translated.format()).isEqualTo(Format.MAPPING_TEMPLATE);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/images/profile");
        assertThat(request.header("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("multipart/form-data; boundary="));
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("filename=\"dot.gif\"");
        assertThat(request.context().sourceIp()).isEqualTo("203.0.113.7");
    }

    @Test
    void thePassthroughAnswerIsTheBodyItself() {
        Object answer = ApiGatewayEvents.toResponse(
                Format.MAPPING_TEMPLATE, ApiResponse.json(400, Map.of("statusCode", 400, "data", "Invalid path")));

        assertThat(answer).isEqualTo(Map.of("statusCode", 400, "data", "Invalid path"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"body-json\":\"***\",\"params\":{\"path\":{\"path\":\"post\"}}}",
                "{\"body-json\":\"\",\"params\":{\"path\":[]}}",
                "{\"body-json\":\"\",\"params\":{},\"context\":{\"resource-path\":\"images\"}}",
                "{}",
                "{\"Records\":[{\"s3\":{}}]}",
                "{\"httpMethod\":\"GET\"}",
                "{\"httpMethod\":\"GET\",\"path\":42}",
                "{\"httpMethod\":\"GET\",\"path\":\"relative\"}",
                "{\"httpMethod\":\"GET\",\"path\":\"/users\",\"headers\":[]}",
                "{\"httpMethod\":\"GET\",\"path\":\"/users\",\"multiValueHeaders\":{\"a\":\"not a list\"}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/users\",\"body\":\"***\",\"isBase64Encoded\":true}",
                "{\"httpMethod\":\"POST\",\"path\":\"/users\",\"body\":\"x\",\"isBase64Encoded\":\"yes\"}",
                "{\"version\":\"2.0\",\"rawPath\":\"/users\"}",
                "{\"version\":\"2.0\",\"rawPath\":\"/users\",\"requestContext\":{\"http\":\"GET\"}}"
            })
    @SuppressWarnings("unchecked")
    void malformedEventsAreRefusedWithATypedError(String event) {
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(event);

        assertThatThrownBy(() -> ApiGatewayEvents.toRequest(parsed, "id", NOW))
                .isInstanceOf(UnsupportedEventException.class);
    }

    @Test
    void restApiResponseUsesMultiValueHeadersAndTextBody() {
        ApiResponse response = ApiResponse.json(201, Map.of("id", 1)).withHeader("Location", "/users/1");

        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ApiGatewayEvents.toResponse(Format.REST_V1, response);

        assertThat(answer)
                .containsEntry("statusCode", 201)
                .containsEntry("body", "{\"id\":1}")
                .containsEntry("isBase64Encoded", false);
        assertThat(answer.get("multiValueHeaders"))
                .isEqualTo(Map.of("Content-Type", List.of(ApiResponse.JSON), "Location", List.of("/users/1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "text/plain", "image/png", "application/problem+json"})
    void theWrittenAnswerIsTheAnswerWrittenAsJson(String contentType) {
        byte[] invalidUtf8 = {'a', (byte) 0xC3, '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\\', 0x01};
        for (byte[] body : List.of(
                "{\"name\":\"김 \\\"🦄\\\"\\n\\u0001\"}".getBytes(StandardCharsets.UTF_8),
                "\u2028\t</script>\u0000".getBytes(StandardCharsets.UTF_8),
                invalidUtf8,
                new byte[0])) {
            ApiResponse response = new ApiResponse(
                    200, Headers.builder().add("Content-Type", contentType).build(), body);
            for (Format format : List.of(Format.REST_V1, Format.HTTP_V2, Format.MAPPING_TEMPLATE)) {
                assertThat(ApiGatewayEvents.writeResponse(format, response))
                        .isEqualTo(Json.write(ApiGatewayEvents.toResponse(format, response)));
            }
        }
    }

    @Test
    void httpApiResponseJoinsHeadersMovesCookiesAndBase64EncodesBinary() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        ApiResponse response = new ApiResponse(
                200,
                Headers.builder()
                        .add("Content-Type", "image/png")
                        .add("Set-Cookie", "a=1")
                        .add("Set-Cookie", "b=2")
                        .add("Vary", "Accept")
                        .add("Vary", "Origin")
                        .build(),
                png);

        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ApiGatewayEvents.toResponse(Format.HTTP_V2, response);

        assertThat(answer)
                .containsEntry("isBase64Encoded", true)
                .containsEntry("body", "iVBORw==")
                .containsEntry("cookies", List.of("a=1", "b=2"));
        assertThat(answer.get("headers")).isEqualTo(Map.of("Content-Type", "image/png", "Vary", "Accept, Origin"));
    }

    @Test
    void theWildRydesTestEventIsAPostByTheCognitoUser() throws IOException {
        ApiRequest request = ApiGatewayEvents.toRequest(fixture("rest-v1/wild-rydes-request-unicorn.json"), "id", NOW)
                .request();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ride");
        assertThat(request.header("Content-Type")).contains("application/json; charset=UTF-8");
        assertThat(request.context().authentication()).isEqualTo(Authentication.user("the_username"));
    }

    @Test
    void httpApiJwtAuthorizerClaimsNameTheUser() throws IOException {
        ApiRequest request = ApiGatewayEvents.toRequest(fixture("http-v2/post-ride-cognito-jwt.json"), "id", NOW)
                .request();

        assertThat(request.path()).isEqualTo("/ride");
        assertThat(request.context().authentication()).isEqualTo(Authentication.user("the_username"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\"}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{\"authorizer\":null}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{\"authorizer\":\"cognito\"}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{\"authorizer\":{\"claims\":null}}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{\"authorizer\":{\"claims\":{\"sub\":\"x\"}}}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{\"authorizer\":{\"claims\":{\"cognito:username\":\"\"}}}}",
                "{\"httpMethod\":\"POST\",\"path\":\"/ride\",\"requestContext\":{\"authorizer\":{\"claims\":{\"cognito:username\":42}}}}",
                "{\"version\":\"2.0\",\"rawPath\":\"/ride\",\"requestContext\":{\"http\":{\"method\":\"POST\"}}}",
                "{\"version\":\"2.0\",\"rawPath\":\"/ride\",\"requestContext\":{\"http\":{\"method\":\"POST\"},\"authorizer\":{\"jwt\":{\"claims\":null}}}}",
                // An HTTP API event with a REST-shaped authorizer: the claims are not where a JWT authorizer puts them.
                "{\"version\":\"2.0\",\"rawPath\":\"/ride\",\"requestContext\":{\"http\":{\"method\":\"POST\"},\"authorizer\":{\"claims\":{\"cognito:username\":\"u\"}}}}"
            })
    @SuppressWarnings("unchecked")
    void withoutAUsernameClaimThereIsNoUserAndTheReasonIsKept(String event) {
        Authentication authentication = ApiGatewayEvents.toRequest((Map<String, Object>) Json.parse(event), "id", NOW)
                .request()
                .context()
                .authentication();

        assertThat(authentication.username()).isEmpty();
        assertThat(authentication.problem())
                .hasValueSatisfying(problem -> assertThat(problem).contains("authorizer"));
    }

    @Test
    void restApiResponseAlsoCarriesSingleValueHeadersAsTheOriginalsClientsRead() {
        ApiResponse response =
                ApiResponse.json(201, Map.of("RideId", "x")).withHeader("Access-Control-Allow-Origin", "*");

        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ApiGatewayEvents.toResponse(Format.REST_V1, response);

        assertThat(answer.get("headers"))
                .isEqualTo(Map.of("Content-Type", ApiResponse.JSON, "Access-Control-Allow-Origin", "*"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = ApiGatewayEventsTest.class.getResourceAsStream("/events/" + name)) {
            return (Map<String, Object>) Json.parse(in.readAllBytes());
        }
    }
}
