package dev.skyhook.hosts.testhost.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check the acceptance suite applies to every answer: it passes what the description says and catches what it does not. */
class ApiDescriptionTest {
    private final ApiDescription description = ApiDescription.of();

    private static HostResponse answer(int status, String json, String... headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("X-Request-Id", List.of("6f1c0d2e"));
        all.put("Content-Type", List.of("application/json; charset=utf-8"));
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], List.of(headers[i + 1]));
        }
        return new HostResponse(status, all, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDescribedAnswerPasses() {
        assertThat(description.problems(HostRequest.get("/hello"), answer(200, "\"Hello from Lambda!\"")))
                .isEmpty();
        assertThat(description.problems(
                        HostRequest.get("/users?limit=2"),
                        answer(200, "{\"users\":[{\"id\":1,\"name\":\"Kim\",\"age\":31}],\"next\":1}")))
                .isEmpty();
        assertThat(description.problems(
                        HostRequest.json("POST", "/users", "{}"),
                        answer(400, "{\"error\":\"name is required\",\"field\":\"name\"}")))
                .isEmpty();
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThat(description.problems(HostRequest.get("/hello"), answer(418, "{\"error\":\"teapot\"}")))
                .singleElement()
                .asString()
                .contains("status 418 is not documented for GET /hello");
    }

    @Test
    void aBodyOfAnotherShapeFails() {
        assertThat(description.problems(
                        HostRequest.json("POST", "/users", "{}"), answer(400, "{\"message\":\"name is required\"}")))
                .anySatisfy(problem -> assertThat(problem).contains("error"));
        assertThat(description.problems(
                        HostRequest.get("/users/1"), answer(200, "{\"id\":1,\"name\":\"Kim\",\"age\":\"31\"}")))
                .anySatisfy(problem -> assertThat(problem).contains("/age"));
    }

    @Test
    void aMissingRequiredHeaderFails() {
        HostResponse withoutCors = answer(
                201,
                "{\"RideId\":\"1kT7b0sWcV3Ly3sUQJvq2A\",\"Unicorn\":{\"Name\":\"Shadowfax\",\"Color\":\"White\","
                        + "\"Gender\":\"Male\"},\"UnicornName\":\"Shadowfax\",\"Eta\":\"30 seconds\",\"Rider\":\"the_username\"}");
        assertThat(description.problems(HostRequest.json("POST", "/ride", "{}"), withoutCors))
                .containsExactly("header Access-Control-Allow-Origin is missing");

        HostResponse withoutRequestId = new HostResponse(
                200,
                Map.of("Content-Type", List.of("application/json")),
                "\"Hello from Lambda!\"".getBytes(StandardCharsets.UTF_8));
        assertThat(description.problems(HostRequest.get("/hello"), withoutRequestId))
                .containsExactly("header X-Request-Id is missing");
    }

    @Test
    void aMediaTypeNotListedFails() {
        HostResponse html = new HostResponse(
                200, Map.of("X-Request-Id", List.of("1"), "Content-Type", List.of("text/html")), new byte[] {'x'});
        assertThat(description.problems(HostRequest.get("/hello"), html))
                .singleElement()
                .asString()
                .contains("media type text/html");
    }

    @Test
    void requestsNoOperationTakesGetTheUnroutedAnswersInThePathsOwnShape() {
        assertThat(description.problems(
                        HostRequest.get("/nope"), answer(404, "{\"error\":\"No route for GET /nope\"}")))
                .isEmpty();
        assertThat(description.problems(HostRequest.get("/nope"), answer(200, "{}")))
                .isNotEmpty();
        assertThat(description.problems(
                        HostRequest.of("DELETE", "/ride"),
                        answer(
                                405,
                                "{\"Error\":\"Method DELETE is not allowed on /ride\",\"Reference\":\"6f1c0d2e\"}",
                                "Allow",
                                "POST, OPTIONS",
                                "Access-Control-Allow-Origin",
                                "*")))
                .isEmpty();
        assertThat(description.problems(
                        HostRequest.of("DELETE", "/ride"),
                        answer(405, "{\"error\":\"Method DELETE is not allowed on /ride\"}", "Allow", "POST, OPTIONS")))
                .isNotEmpty();
        assertThat(description.problems(
                        HostRequest.of("DELETE", "/users"),
                        answer(405, "{\"error\":\"Method DELETE is not allowed\"}")))
                .containsExactly("header Allow is missing");
        assertThat(description.problems(
                        HostRequest.of("DELETE", "/ride"),
                        answer(
                                405,
                                "{\"Error\":\"Method DELETE is not allowed on /ride\",\"Reference\":\"6f1c0d2e\"}",
                                "Access-Control-Allow-Origin",
                                "*")))
                .containsExactly("a 405 without Allow");
    }

    @Test
    void keysWithSlashesMatchTheirMultiSegmentPaths() {
        HostResponse jpeg = new HostResponse(
                200,
                Map.of(
                        "X-Request-Id",
                        List.of("1"),
                        "Content-Type",
                        List.of("image/jpeg"),
                        "ETag",
                        List.of("\"5c1e\""),
                        "Cache-Control",
                        List.of("public, max-age=31536000, immutable"),
                        "X-Content-Type-Options",
                        List.of("nosniff"),
                        "X-Original-Bytes",
                        List.of("3712044"),
                        "X-Variant-Bytes",
                        List.of("27318")),
                new byte[] {1, 2});
        assertThat(description.problems(HostRequest.get("/img/post/0b6f.jpg?w=400"), jpeg))
                .isEmpty();
        assertThat(description.problems(
                        HostRequest.of("HEAD", "/img/post/0b6f.jpg"),
                        new HostResponse(200, jpeg.headers(), new byte[0])))
                .isEmpty();
    }

    @Test
    void checkNamesTheRequestAndEveryProblem() {
        assertThatThrownBy(() -> description.check(HostRequest.get("/hello"), answer(500, "{}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /hello")
                .hasMessageContaining("status 500");
    }
}
