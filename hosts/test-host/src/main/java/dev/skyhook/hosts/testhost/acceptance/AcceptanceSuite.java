package dev.skyhook.hosts.testhost.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP scenarios every host must pass, written once. Each host's test extends this and says
 * how a request reaches that host. Scenarios only rely on data they create, so a host may keep
 * state between them (a real database does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AcceptanceSuite {

    /** How this host is reached. Called for every request. */
    protected abstract HostClient client();

    /** How many rides the host's store holds now, read behind the API's back, to prove a refusal wrote nothing. */
    protected abstract long storedRideCount() throws Exception;

    protected HostResponse send(HostRequest request) {
        try {
            return client().send(request);
        } catch (Exception e) {
            throw new AssertionError("could not send " + request.method() + " " + request.target(), e);
        }
    }

    /** JSON with the headers that matter on every response. */
    protected HostResponse sendJson(HostRequest request, int expectedStatus) {
        HostResponse response = send(request);
        assertThat(response.status()).as("status of %s %s: %s", request.method(), request.target(), response)
            .isEqualTo(expectedStatus);
        assertThat(response.header("Content-Type")).as("Content-Type").hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        assertThat(response.header("X-Request-Id")).as("X-Request-Id").hasValueSatisfying(
            id -> assertThat(id).isNotBlank());
        return response;
    }

    protected void assertError(HostRequest request, int status, String field) {
        HostResponse response = sendJson(request, status);
        Map<String, Object> body = response.jsonObject();
        assertThat(body.get("error")).as("error message of %s", response).isInstanceOf(String.class);
        assertThat((String) body.get("error")).isNotBlank();
        if (field != null) {
            assertThat(body.get("field")).as("field named by %s", response).isEqualTo(field);
        }
    }

    @Nested
    class Greeting {
        @Test
        void helloAnswersTheSeedsGreetingAsAJsonString() {
            HostResponse response = sendJson(HostRequest.get("/hello"), 200);

            assertThat(response.json()).isEqualTo("Hello from Lambda!");
        }

        @Test
        void everyResponseHasItsOwnRequestId() {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                ids.add(send(HostRequest.get("/hello")).header("X-Request-Id").orElseThrow());
            }
            ids.add(send(HostRequest.get("/no/such/route")).header("X-Request-Id").orElseThrow());

            assertThat(ids).hasSize(4);
        }
    }

    @Nested
    class Health {
        @Test
        void healthReportsEachBackingStore() {
            Map<String, Object> health = sendJson(HostRequest.get("/health"), 200).jsonObject();

            assertThat(health).containsEntry("status", "UP").containsEntry("stores", Map.of("users", "UP"));
        }
    }

    @Nested
    class Routing {
        @Test
        void unknownRouteIs404Json() {
            assertError(HostRequest.get("/no/such/route"), 404, null);
        }

        @Test
        void wrongMethodIs405JsonWithAllow() {
            HostResponse response = sendJson(HostRequest.of("DELETE", "/users"), 405);

            assertThat(response.jsonObject().get("error")).asString().contains("DELETE");
            assertThat(response.header("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "HEAD", "POST"));
        }

        @Test
        void headIsAnsweredLikeGetWithoutABody() {
            HostResponse response = send(HostRequest.of("HEAD", "/hello"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Request-Id")).isPresent();
            assertThat(response.body()).isEmpty();
        }

        @Test
        void wrongMethodOnAUserIs405() {
            sendJson(HostRequest.json("PUT", "/users/1", "{\"name\":\"Kim\",\"age\":31}"), 405);
        }
    }

    @Nested
    class Users {
        @Test
        void createdUserHasLocationAndCanBeFetched() {
            HostResponse created = sendJson(HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}"), 201);
            Map<String, Object> user = created.jsonObject();
            long id = ((Number) user.get("id")).longValue();

            assertThat(user).containsEntry("name", "Kim").containsEntry("age", 31);
            assertThat(created.header("Location")).contains("/users/" + id);
            assertThat(sendJson(HostRequest.get("/users/" + id), 200).jsonObject()).isEqualTo(user);
        }

        @Test
        void nameIsTrimmed() {
            Map<String, Object> user = sendJson(HostRequest.json("POST", "/users", "{\"name\":\"  Lee  \",\"age\":0}"), 201).jsonObject();

            assertThat(user).containsEntry("name", "Lee").containsEntry("age", 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "O'Brien \\\"the\\\" `quoted`",
            "Robert'); DROP TABLE Users;--",
            "100% _wild_ \\\\ back",
            "김민준",
            "🦄 Shadowfax",
            "\\u00e9t\\u00e9 \\ud83e\\udd84"
        })
        void namesRoundTripExactly(String jsonEscapedName) {
            Map<String, Object> created = sendJson(
                HostRequest.json("POST", "/users", "{\"name\":\"" + jsonEscapedName + "\",\"age\":150}"), 201).jsonObject();
            Object expected = dev.skyhook.hosts.api.json.Json.parse("\"" + jsonEscapedName + "\"");

            assertThat(created.get("name")).isEqualTo(expected);
            assertThat(sendJson(HostRequest.get("/users/" + created.get("id")), 200).jsonObject().get("name")).isEqualTo(expected);
        }

        @Test
        void acceptsAJsonContentTypeWithUtf8Charset() {
            HostRequest request = HostRequest.json("POST", "/users", "{\"age\":40,\"name\":\"Park\"}")
                .withHeader("Content-Type", "application/json; charset=UTF-8");

            sendJson(request, 201);
        }

        @Test
        void listsPagesInIdOrderWithANextCursor() {
            long first = createUser("page-a");
            long second = createUser("page-b");
            long third = createUser("page-c");

            Map<String, Object> page = sendJson(HostRequest.get("/users?after=" + (first - 1) + "&limit=2"), 200).jsonObject();
            assertThat(ids(page)).containsExactly(first, second);
            assertThat(((Number) page.get("next")).longValue()).isEqualTo(second);

            Map<String, Object> rest = sendJson(HostRequest.get("/users?after=" + page.get("next") + "&limit=500"), 200).jsonObject();
            assertThat(ids(rest)).startsWith(third).doesNotContain(first, second);
            assertThat(rest).doesNotContainKey("next");
        }

        @Test
        void listingWithoutParametersStartsAtTheFirstUser() {
            createUser("default-page");

            Map<String, Object> page = sendJson(HostRequest.get("/users"), 200).jsonObject();
            List<Long> ids = ids(page);
            assertThat(ids).isNotEmpty().isSorted().hasSizeLessThanOrEqualTo(50);
        }

        @Test
        void unknownUserIs404() {
            assertError(HostRequest.get("/users/9223372036854775807"), 404, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "0", "-1", "99999999999999999999", "1.5", "+1", "%20"})
        void badUserIdIs400(String id) {
            assertError(HostRequest.get("/users/" + id), 400, "id");
        }

        @ParameterizedTest
        @ValueSource(strings = {"limit=0", "limit=501", "limit=100000", "limit=abc", "limit=", "limit=-1",
            "after=xyz", "after=-1", "after=99999999999999999999", "limit=1&limit=2"})
        void badListParametersAre400NamingTheParameter(String query) {
            String field = query.substring(0, query.indexOf('='));
            assertError(HostRequest.get("/users?" + query), 400, field);
        }

        @ParameterizedTest(name = "[{index}] {1} in {0}")
        @MethodSource("dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite#badUserBodies")
        void badBodyIs400NamingTheFieldAndStoresNothing(String body, String field) {
            long marker = createUser("marker");

            assertError(HostRequest.json("POST", "/users", body), 400, field);

            assertNothingStoredAfter(marker);
        }

        @Test
        void wrongContentTypeIs415AndStoresNothing() {
            long marker = createUser("marker");

            assertError(HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}").withHeader("Content-Type", "text/plain"), 415, null);
            assertError(HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}").withHeader("Content-Type", "application/json; charset=latin1"), 415, null);
            assertError(new HostRequest("POST", "/users", Map.of(), "{\"name\":\"Kim\",\"age\":31}".getBytes()), 415, null);

            assertNothingStoredAfter(marker);
        }

        @Test
        void oneMegabyteBodyIs413AndStoresNothing() {
            long marker = createUser("marker");
            String huge = "{\"name\":\"" + "a".repeat(1024 * 1024) + "\",\"age\":1}";

            assertError(HostRequest.json("POST", "/users", huge), 413, null);

            assertNothingStoredAfter(marker);
        }

        private void assertNothingStoredAfter(long marker) {
            Map<String, Object> after = sendJson(HostRequest.get("/users?after=" + marker), 200).jsonObject();
            assertThat(ids(after)).as("users stored after the refused request").isEmpty();
        }
    }

    /** The Wild Rydes workshop's test event: rider {@code the_username} at this pickup. */
    public static final String WILD_RYDES_BODY =
        "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";
    public static final String WILD_RYDES_RIDER = "the_username";

    @Nested
    class Rides {
        @Test
        void theWildRydesRequestBooksShadowfaxInTheOriginalsShape() throws Exception {
            long before = storedRideCount();
            HostRequest request = new HostRequest("POST", "/ride",
                Map.of("Accept", "*/*", "Content-Type", "application/json; charset=UTF-8"),
                WILD_RYDES_BODY.getBytes(StandardCharsets.UTF_8)).asRider(WILD_RYDES_RIDER);

            HostResponse response = sendJson(request, 201);

            assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
            // Byte for byte what requestUnicorn.js answered, field order included; only the id is random.
            assertThat(response.text()).matches("\\{\"RideId\":\"[A-Za-z0-9_-]{22}\","
                + "\"Unicorn\":\\{\"Name\":\"Shadowfax\",\"Color\":\"White\",\"Gender\":\"Male\"\\},"
                + "\"UnicornName\":\"Shadowfax\",\"Eta\":\"30 seconds\",\"Rider\":\"the_username\"\\}");
            assertThat(storedRideCount()).isEqualTo(before + 1);
        }

        @Test
        void everyRequestBooksANewRide() {
            Set<Object> ids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                ids.add(book("repeat-rider", WILD_RYDES_BODY).get("RideId"));
            }
            assertThat(ids).hasSize(3);
        }

        @Test
        void theRiderSeesTheirRideAndNobodyElseDoes() {
            Map<String, Object> booked = book("alice", "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3}}");
            String target = "/ride/" + booked.get("RideId");

            HostResponse mine = sendJson(HostRequest.get(target).asRider("alice"), 200);
            assertThat(mine.header("Access-Control-Allow-Origin")).contains("*");
            Map<String, Object> ride = mine.jsonObject();
            assertThat(ride.keySet()).containsExactly("RideId", "Unicorn", "UnicornName", "Rider", "RequestTime");
            assertThat(ride).containsEntry("RideId", booked.get("RideId")).containsEntry("Unicorn", booked.get("Unicorn"))
                .containsEntry("Rider", "alice");
            assertThat((String) ride.get("RequestTime")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

            assertRideError(HostRequest.get(target).asRider("bob"), 404, null);
            assertRideError(HostRequest.get(target), 401, null);
            assertRideError(HostRequest.get("/ride/" + "A".repeat(22)).asRider("alice"), 404, null);
            assertRideError(HostRequest.get("/ride/not-a-ride-id").asRider("alice"), 400, "RideId");
        }

        @Test
        void aRetryWithTheSameIdempotencyKeyGetsTheSameRide() throws Exception {
            long before = storedRideCount();
            HostRequest request = rideRequest(WILD_RYDES_BODY, "retrier").withHeader("Idempotency-Key", UUID.randomUUID().toString());

            HostResponse first = sendJson(request, 201);
            HostResponse retry = sendJson(request, 201);

            assertThat(retry.text()).isEqualTo(first.text());
            assertThat(storedRideCount()).isEqualTo(before + 1);
        }

        @Test
        void concurrentRetriesWithOneIdempotencyKeyBookOneRide() throws Exception {
            long before = storedRideCount();
            HostRequest request = rideRequest(WILD_RYDES_BODY, "impatient").withHeader("Idempotency-Key", UUID.randomUUID().toString());
            int retries = 50;
            ExecutorService pool = Executors.newFixedThreadPool(retries);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HostResponse>> responses = new ArrayList<>();
                for (int i = 0; i < retries; i++) {
                    responses.add(pool.submit(() -> {
                        start.await();
                        return send(request);
                    }));
                }
                start.countDown();
                Set<String> bodies = new HashSet<>();
                for (Future<HostResponse> response : responses) {
                    HostResponse answer = response.get(120, TimeUnit.SECONDS);
                    assertThat(answer.status()).as("%s", answer).isEqualTo(201);
                    bodies.add(answer.text());
                }
                assertThat(bodies).as("every retry answered with the same ride").hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(storedRideCount()).isEqualTo(before + 1);
        }

        @Test
        void theSameKeyForADifferentPickupIsAConflictAndStoresNothing() throws Exception {
            String key = UUID.randomUUID().toString();
            sendJson(rideRequest(WILD_RYDES_BODY, "reuser").withHeader("Idempotency-Key", key), 201);
            long before = storedRideCount();

            assertRideError(rideRequest("{\"PickupLocation\":{\"Latitude\":37.5665,\"Longitude\":126.978}}", "reuser")
                .withHeader("Idempotency-Key", key), 409, null);

            assertThat(storedRideCount()).isEqualTo(before);
        }

        @Test
        void withoutASignedInRiderIs401AndStoresNothing() throws Exception {
            long before = storedRideCount();

            HostResponse response = assertRideError(HostRequest.json("POST", "/ride", WILD_RYDES_BODY), 401, null);

            assertThat((String) response.jsonObject().get("Error")).contains("rider");
            assertThat(storedRideCount()).isEqualTo(before);
        }

        @ParameterizedTest(name = "[{index}] {1} in {0}")
        @MethodSource("dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite#badRideBodies")
        void badBodyIs400NamingTheFieldAndStoresNothing(String body, String field) throws Exception {
            long before = storedRideCount();

            assertRideError(rideRequest(body, "careless"), 400, field);

            assertThat(storedRideCount()).isEqualTo(before);
        }

        @Test
        void aBadIdempotencyKeyIs400AndStoresNothing() throws Exception {
            long before = storedRideCount();

            assertRideError(rideRequest(WILD_RYDES_BODY, "careless").withHeader("Idempotency-Key", "k".repeat(256)), 400, "Idempotency-Key");

            assertThat(storedRideCount()).isEqualTo(before);
        }

        @Test
        void aOneMegabyteBodyIs413AndNotJsonIs415() throws Exception {
            long before = storedRideCount();
            String huge = "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3},\"x\":\"" + "a".repeat(1024 * 1024) + "\"}";

            assertRideError(rideRequest(huge, "careless"), 413, null);
            assertRideError(rideRequest(WILD_RYDES_BODY, "careless").withHeader("Content-Type", "text/plain"), 415, null);

            assertThat(storedRideCount()).isEqualTo(before);
        }

        @Test
        void corsPreflightIsAnsweredWithoutARider() {
            // A page on another local port, as a demo page under development would be. (The local server
            // refuses pages of other hosts calling localhost: Micronaut's drive-by-localhost protection.)
            HostResponse response = send(HostRequest.of("OPTIONS", "/ride")
                .withHeader("Origin", "http://localhost:3000")
                .withHeader("Access-Control-Request-Method", "POST")
                .withHeader("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
            assertThat(response.header("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
            assertThat(response.header("Access-Control-Allow-Headers")).hasValueSatisfying(h -> assertThat(h.toLowerCase())
                .contains("authorization").contains("content-type").contains("idempotency-key"));
        }

        @Test
        void wrongMethodIs405WithTheCorsHeader() {
            HostResponse response = assertRideError(HostRequest.of("DELETE", "/ride").asRider("alice"), 405, null);

            assertThat(response.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        }

        private Map<String, Object> book(String rider, String body) {
            return sendJson(rideRequest(body, rider), 201).jsonObject();
        }

        private HostRequest rideRequest(String body, String rider) {
            return HostRequest.json("POST", "/ride", body).asRider(rider);
        }

        /** The original's error shape: {@code Error}, {@code Reference} (this request's id), the CORS header. */
        private HostResponse assertRideError(HostRequest request, int status, String field) {
            HostResponse response = sendJson(request, status);
            Map<String, Object> body = response.jsonObject();
            assertThat(body.get("Error")).as("Error of %s", response).isInstanceOf(String.class);
            assertThat((String) body.get("Error")).isNotBlank();
            assertThat(body.get("Reference")).as("Reference").isEqualTo(response.header("X-Request-Id").orElseThrow());
            assertThat(response.header("Access-Control-Allow-Origin")).as("CORS header of %s", response).contains("*");
            if (field != null) {
                assertThat(body.get("Field")).as("field named by %s", response).isEqualTo(field);
                assertThat((String) body.get("Error")).contains(field);
            }
            return response;
        }
    }

    static Stream<Arguments> badRideBodies() {
        String latitude = "PickupLocation.Latitude";
        String longitude = "PickupLocation.Longitude";
        return Stream.of(
            Arguments.of("not json", "body"),
            Arguments.of("", "body"),
            Arguments.of("[" + WILD_RYDES_BODY + "]", "body"),
            Arguments.of("null", "body"),
            Arguments.of("{}", "PickupLocation"),
            Arguments.of("{\"PickupLocation\":null}", "PickupLocation"),
            Arguments.of("{\"PickupLocation\":\"47.6,-122.3\"}", "PickupLocation"),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":91,\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":-91,\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":181}}", longitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-180.5}}", longitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":\"47.6\",\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":\"west\"}}", longitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":null,\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":\"NaN\",\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":1e400,\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":true,\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Longitude\":-122.3}}", latitude),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6}}", longitude),
            // NaN is not JSON at all: the body as a whole is refused.
            Arguments.of("{\"PickupLocation\":{\"Latitude\":NaN,\"Longitude\":-122.3}}", "body"),
            // The rider comes from the sign-in, never from the body.
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3},\"Rider\":\"mallory\"}", "Rider"),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3,\"Altitude\":5}}", "PickupLocation.Altitude"),
            Arguments.of("{\"PickupLocation\":{\"Latitude\":47.6,\"Latitude\":47.7,\"Longitude\":-122.3}}", "body"));
    }

    static Stream<Arguments> badUserBodies() {
        return Stream.of(
            Arguments.of("{\"name\":\"\",\"age\":31}", "name"),
            Arguments.of("{\"name\":\"" + "a".repeat(101) + "\",\"age\":31}", "name"),
            Arguments.of("{\"name\":\"    \",\"age\":31}", "name"),
            Arguments.of("{\"name\":\"line\\nbreak\",\"age\":31}", "name"),
            Arguments.of("{\"name\":31,\"age\":31}", "name"),
            Arguments.of("{\"name\":null,\"age\":31}", "name"),
            Arguments.of("{\"age\":31}", "name"),
            Arguments.of("{\"name\":\"Kim\",\"age\":-1}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":151}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":31.5}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":31.0}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":\"31\"}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":null}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":99999999999999999999999}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":true}", "age"),
            Arguments.of("{\"name\":\"Kim\"}", "age"),
            Arguments.of("{\"name\":\"Kim\",\"age\":31,\"admin\":true}", "admin"),
            Arguments.of("{\"name\":\"Kim\",\"name\":\"Lee\",\"age\":31}", "body"),
            Arguments.of("{}", "name"),
            Arguments.of("not json", "body"),
            Arguments.of("{\"name\":\"Kim\",\"age\":31", "body"),
            Arguments.of("{\"name\":\"Kim\",\"age\":31} trailing", "body"),
            Arguments.of("[{\"name\":\"Kim\",\"age\":31}]", "body"),
            Arguments.of("\"Kim\"", "body"),
            Arguments.of("null", "body"),
            Arguments.of("", "body"),
            Arguments.of("[".repeat(500), "body"));
    }

    private long createUser(String name) {
        Map<String, Object> user = sendJson(HostRequest.json("POST", "/users", "{\"name\":\"" + name + "\",\"age\":30}"), 201).jsonObject();
        return ((Number) user.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("users")).stream()
            .map(user -> ((Number) user.get("id")).longValue())
            .toList();
    }
}
