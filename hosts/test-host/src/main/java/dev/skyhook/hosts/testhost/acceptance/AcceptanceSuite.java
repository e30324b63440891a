package dev.skyhook.hosts.testhost.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP scenarios every host must pass, written once. Each host's test extends this and says
 * how a request reaches that host. Scenarios only rely on data they create, so a host may keep
 * state between them (a real database does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AcceptanceSuite {
    /** The API key every host under test accepts for uploads (on AWS, API Gateway checks it). */
    public static final String API_KEY = "acceptance-key-0001";
    /** Each user's file quota on every host under test: small, so scenarios can use it up. */
    public static final long FILE_QUOTA_BYTES = 64 * 1024;

    public static final int FILE_QUOTA_COUNT = 8;
    public static final FileSettings FILE_SETTINGS =
            new FileSettings(new FileQuota(FILE_QUOTA_BYTES, FILE_QUOTA_COUNT));

    /** How this host is reached. Called for every request. */
    protected abstract HostClient client();

    /** Keys of the objects this host's blob store holds under {@code prefix}. */
    protected abstract List<String> storedKeys(String prefix);

    /**
     * The {@code Content-Type} a signed download of a file stored as {@code storedType} arrives with
     * (always as an attachment): the stored type with {@code nosniff} by default.
     */
    protected String downloadContentType(String storedType) {
        return storedType;
    }

    /** Fetches what a URL the API returned points at; by default, the URL's path on this host. */
    protected HostResponse fetch(String url) {
        return send(HostRequest.get(URI.create(url).getRawPath()));
    }

    /** Fetches a signed download URL the API handed out, as a browser would; by default, on this host. */
    protected HostResponse fetchSigned(String url) {
        URI uri = URI.create(url);
        return send(HostRequest.get(uri.getRawPath() + "?" + uri.getRawQuery()));
    }

    /** Makes a signed request the API handed out, as a client would; by default, on this host. */
    protected HostResponse performSigned(String method, String url, Map<String, String> headers, byte[] body) {
        URI uri = URI.create(url);
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length")); // clients derive it from the body
        return send(new HostRequest(method, uri.getRawPath() + "?" + uri.getRawQuery(), sent, body));
    }

    /** How many rides the host's store holds now, read behind the API's back, to prove a refusal wrote nothing. */
    protected abstract long storedRideCount() throws Exception;

    /**
     * A new instance of this host, reached the same way, whose rides run on the defaults: unicorns
     * busy for a minute after a booking, one busy unicorn per rider. (The shared host frees unicorns
     * at once so that scenarios stay independent; the fair fleet cannot show there.) The host may
     * stop it after the suite.
     */
    protected abstract HostClient hostWithBusyUnicorns() throws Exception;

    /** How many users the host's store holds now, read behind the API's back, to prove a refusal wrote nothing. */
    protected abstract long storedUserCount() throws Exception;

    /** The stores {@code /health} reports, in order: the users' database unless a host has more to report. */
    protected List<String> healthReportedStores() {
        return List.of("users");
    }

    /** Which host this is, for the rows of the hostile-input catalogue a host cannot be sent. */
    protected abstract AcceptanceHost host();

    /** Sends {@code request} to this host; the answer must be one the API's description (docs/openapi.yaml) allows. */
    protected HostResponse send(HostRequest request) {
        HostResponse response;
        try {
            response = client().send(request);
        } catch (Exception e) {
            throw new AssertionError("could not send " + request.method() + " " + request.target(), e);
        }
        ApiDescription.of().check(request, response);
        return response;
    }

    /** {@code client}, with every answer checked against the API's description as {@link #send} checks them. */
    private static HostClient described(HostClient client) {
        return request -> {
            HostResponse response = client.send(request);
            ApiDescription.of().check(request, response);
            return response;
        };
    }

    /** JSON with the headers that matter on every response. */
    protected HostResponse sendJson(HostRequest request, int expectedStatus) {
        HostResponse response = send(request);
        assertThat(response.status())
                .as("status of %s %s: %s", request.method(), request.target(), response)
                .isEqualTo(expectedStatus);
        assertThat(response.header("Content-Type"))
                .as("Content-Type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.header("X-Request-Id"))
                .as("X-Request-Id")
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
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

    /** What every store holds, read behind the API's back. */
    private record Stored(List<String> keys, long users, long rides) {}

    private Stored stored() throws Exception {
        return new Stored(storedKeys("").stream().sorted().toList(), storedUserCount(), storedRideCount());
    }

    /** Names of JVM classes, libraries and stack frames: what an error must never show a caller. */
    private static final Pattern LEAK = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.[a-z]|\\bjava\\.|javax\\.|\\.java\\b|jackson|fasterxml|commons|fileupload|micronaut|netty|hikari"
                    + "|StreamReadConstraints|\\bjdbc\\b");

    static Stream<HostileRequest> hostileRequests() {
        return HostileRequests.all().stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileRequests")
    void hostileRequestIsRefusedWithAJsonErrorAndStoresNothing(HostileRequest row) throws Exception {
        String cannotSee = row.notOn().get(host());
        assumeTrue(cannotSee == null, () -> host() + " cannot be sent this request: " + cannotSee);
        HostRequest request = row.request().apply(fixtures);
        Stored before = stored();

        HostResponse response = send(request);

        assertThat(response.status())
                .as("status of %s: %s", row, abbreviated(response))
                .isEqualTo(row.status());
        assertThat(response.header("Content-Type"))
                .as("Content-Type of %s", row)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String requestId = response.header("X-Request-Id").orElse("");
        assertThat(requestId).as("X-Request-Id of %s", row).isNotBlank();
        String message = errorMessage(row, response, requestId);
        assertThat(message).as("error message of %s", row).isNotBlank();
        row.saying()
                .ifPresent(fragment ->
                        assertThat(message).as("error message of %s", row).contains(fragment));
        assertThat(response.text()).as("what %s shows the caller", row).doesNotContainPattern(LEAK);
        assertThat(stored()).as("stores after %s", row).isEqualTo(before);
    }

    /** The error's message, after checking the body has exactly the row's shape. */
    private static String errorMessage(HostileRequest row, HostResponse response, String requestId) {
        Map<String, Object> body = response.jsonObject();
        String described = row + ": " + abbreviated(response);
        switch (row.shape()) {
            case ERROR_FIELD -> {
                assertThat(body).as(described).containsKey("error");
                row.field()
                        .ifPresent(field -> assertThat(body.get("field"))
                                .as("field named by %s", described)
                                .isEqualTo(field));
                return String.valueOf(body.get("error"));
            }
            case STATUS_DATA -> {
                assertThat(body).as(described).containsEntry("statusCode", row.status());
                assertThat(body.get("data")).as(described).isInstanceOf(String.class);
                return (String) body.get("data");
            }
            case WILD_RYDES -> {
                assertThat(body.get("Reference"))
                        .as("Reference of %s", described)
                        .isEqualTo(requestId);
                assertThat(response.header("Access-Control-Allow-Origin"))
                        .as("CORS header of %s", described)
                        .contains("*");
                row.field().ifPresent(field -> {
                    assertThat(body.get("Field"))
                            .as("field named by %s", described)
                            .isEqualTo(field);
                    assertThat(String.valueOf(body.get("Error"))).contains(field);
                });
                return String.valueOf(body.get("Error"));
            }
            case API_GATEWAY -> {
                assertThat(body).as(described).containsOnlyKeys("message");
                return String.valueOf(body.get("message"));
            }
            default -> throw new AssertionError(row.shape());
        }
    }

    private static String abbreviated(HostResponse response) {
        String text = response.toString();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** What the catalogue's rows need stored before they are sent, stored through the API like any client would. */
    private final HostileRequest.Fixtures fixtures = new HostileRequest.Fixtures() {
        @Override
        public String uploadedImage(String filename, byte[] content) {
            return keyOf(urlsOf(upload("post", new MultipartBody().file("file", filename, "image/jpeg", content)))
                    .get(0));
        }

        @Override
        public String signedDownload(String name) {
            String owner = "fixture-" + UUID.randomUUID();
            uploadedFile(owner, name, "fixture".getBytes(StandardCharsets.UTF_8));
            URI url = URI.create(downloadUrl(owner, name));
            return url.getRawPath() + "?" + url.getRawQuery();
        }

        @Override
        public void uploadedFile(String user, String name, byte[] content) {
            HostResponse uploaded = uploadFile(user, name, "text/plain", content);
            assertThat(uploaded.status()).as("fixture upload %s", uploaded).isEqualTo(200);
        }

        @Override
        @SuppressWarnings("unchecked")
        public String signedUpload(String contentType, long size) {
            Map<String, Object> data = (Map<String, Object>) sendJson(
                            HostRequest.json(
                                            "POST",
                                            "/uploads",
                                            "{\"path\":\"post\",\"contentType\":\"" + contentType + "\",\"size\":"
                                                    + size + "}")
                                    .withHeader("x-api-key", API_KEY),
                            200)
                    .jsonObject()
                    .get("data");
            URI url = URI.create((String) data.get("url"));
            return url.getRawPath() + "?" + url.getRawQuery();
        }

        @Override
        public String bookedRide(String rider, String idempotencyKey) {
            return (String) sendJson(
                            HostRequest.json("POST", "/ride", WILD_RYDES_BODY)
                                    .asRider(rider)
                                    .withHeader("Idempotency-Key", idempotencyKey),
                            201)
                    .jsonObject()
                    .get("RideId");
        }
    };

    @Nested
    class Greeting {
        @Test
        void helloAnswersTheOriginalsGreetingAsAJsonString() {
            HostResponse response = sendJson(HostRequest.get("/hello"), 200);

            assertThat(response.json()).isEqualTo("Hello from Lambda!");
        }

        @Test
        void everyResponseHasItsOwnRequestId() {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                ids.add(send(HostRequest.get("/hello")).header("X-Request-Id").orElseThrow());
            }
            ids.add(send(HostRequest.get("/no/such/route"))
                    .header("X-Request-Id")
                    .orElseThrow());

            assertThat(ids).hasSize(4);
        }
    }

    @Nested
    class Health {
        @Test
        @SuppressWarnings("unchecked")
        void healthReportsEachBackingStore() {
            Map<String, Object> health =
                    sendJson(HostRequest.get("/health"), 200).jsonObject();

            Map<String, String> everyStoreUp = new LinkedHashMap<>();
            healthReportedStores().forEach(store -> everyStoreUp.put(store, "UP"));
            assertThat(health).containsEntry("status", "UP");
            assertThat((Map<String, Object>) health.get("stores")).containsExactlyEntriesOf(everyStoreUp);
        }
    }

    @Nested
    class Routing {
        @Test
        void wrongMethodIs405JsonWithAllow() {
            HostResponse response = sendJson(HostRequest.of("DELETE", "/users"), 405);

            assertThat(response.jsonObject().get("error")).asString().contains("DELETE");
            assertThat(response.header("Allow"))
                    .hasValueSatisfying(
                            allow -> assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "HEAD", "POST"));
        }

        @Test
        void headIsAnsweredLikeGetWithoutABody() {
            HostResponse response = send(HostRequest.of("HEAD", "/hello"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Request-Id")).isPresent();
            assertThat(response.body()).isEmpty();
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
            assertThat(sendJson(HostRequest.get("/users/" + id), 200).jsonObject())
                    .isEqualTo(user);
        }

        @Test
        void nameIsTrimmed() {
            Map<String, Object> user = sendJson(
                            HostRequest.json("POST", "/users", "{\"name\":\"  Lee  \",\"age\":0}"), 201)
                    .jsonObject();

            assertThat(user).containsEntry("name", "Lee").containsEntry("age", 0);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "O'Brien \\\"the\\\" `quoted`",
                    "Robert'); DROP TABLE Users;--",
                    "100% _wild_ \\\\ back",
                    "김민준",
                    "🦄 Shadowfax",
                    "\\u00e9t\\u00e9 \\ud83e\\udd84"
                })
        void namesRoundTripExactly(String jsonEscapedName) {
            Map<String, Object> created = sendJson(
                            HostRequest.json("POST", "/users", "{\"name\":\"" + jsonEscapedName + "\",\"age\":150}"),
                            201)
                    .jsonObject();
            Object expected = dev.skyhook.hosts.json.Json.parse("\"" + jsonEscapedName + "\"");

            assertThat(created.get("name")).isEqualTo(expected);
            assertThat(sendJson(HostRequest.get("/users/" + created.get("id")), 200)
                            .jsonObject()
                            .get("name"))
                    .isEqualTo(expected);
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

            Map<String, Object> page = sendJson(HostRequest.get("/users?after=" + (first - 1) + "&limit=2"), 200)
                    .jsonObject();
            assertThat(ids(page)).containsExactly(first, second);
            assertThat(((Number) page.get("next")).longValue()).isEqualTo(second);

            Map<String, Object> rest = sendJson(HostRequest.get("/users?after=" + page.get("next") + "&limit=500"), 200)
                    .jsonObject();
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
    }

    private HostResponse upload(String folder, MultipartBody body) {
        return send(body.post("/images/" + folder).withHeader("x-api-key", API_KEY));
    }

    @SuppressWarnings("unchecked")
    private static List<String> urlsOf(HostResponse response) {
        Map<String, Object> body = response.jsonObject();
        assertThat(body).as("upload answer %s", response).containsEntry("statusCode", 200);
        return (List<String>) body.get("data");
    }

    private static String keyOf(String url) {
        String path = URI.create(url).getPath();
        int folder = Math.max(
                path.lastIndexOf("/post/"), Math.max(path.lastIndexOf("/profile/"), path.lastIndexOf("/banner/")));
        return path.substring(folder + 1);
    }

    @Nested
    class ImageUpload {
        @Test
        void aProgressiveJpegWithThousandsOfScansIsRefusedBeforeAnythingIsStored() {
            List<String> before = storedKeys("post/");

            HostResponse response = sendJson(
                    new MultipartBody()
                            .file("file", "bomb.jpg", "image/jpeg", TestImages.jpegWithScans(256, 256, 5000))
                            .post("/images/post")
                            .withHeader("x-api-key", API_KEY),
                    413);

            assertThat(response.jsonObject()).containsEntry("statusCode", 413);
            assertThat((String) response.jsonObject().get("data"))
                    .contains("bomb.jpg")
                    .contains("scans");
            assertThat(storedKeys("post/")).isEqualTo(before);
        }

        @Test
        void aTruncatedJpegIsRefusedAtUploadNotAtEveryDelivery() {
            List<String> before = storedKeys("post/");

            HostResponse response = sendJson(
                    new MultipartBody()
                            .file("file", "cut.jpg", "image/jpeg", TestImages.truncatedJpeg(200, 150))
                            .post("/images/post")
                            .withHeader("x-api-key", API_KEY),
                    400);

            assertThat(response.jsonObject()).containsEntry("statusCode", 400);
            assertThat((String) response.jsonObject().get("data")).startsWith("file 'cut.jpg' is a damaged JPEG");
            assertThat(storedKeys("post/")).isEqualTo(before);
        }

        @Test
        void storesAJpegAndAnswersItsUrlInTheOriginalsShape() {
            byte[] jpeg = TestImages.jpeg(64, 48);
            HostResponse response = upload("post", new MultipartBody().file("file", "cat.jpg", "image/jpeg", jpeg));

            assertThat(response.status()).isEqualTo(200);
            List<String> urls = urlsOf(response);
            assertThat(urls).hasSize(1);
            assertThat(urls.get(0)).matches(".*/post/[0-9a-f-]{36}\\.jpg");
            HostResponse stored = fetch(urls.get(0));
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.body()).isEqualTo(jpeg);
            assertThat(stored.header("Content-Type")).contains("image/jpeg");
            assertThat(storedKeys("post/")).contains(keyOf(urls.get(0)));
        }

        @Test
        void storesSeveralFormatsAtOnceWithTheExtensionOfTheirRealType() {
            MultipartBody body = new MultipartBody()
                    .file("file", "a.jpg", "image/jpeg", TestImages.jpeg(8, 8))
                    .file("file", "b.png", "image/png", TestImages.png(8, 8))
                    .file("other", "c.gif", "image/gif", TestImages.gif(8, 8))
                    .file("file", "d.webp", "image/webp", TestImages.webp(8, 8))
                    // A JPEG with a .png name and type is stored as what it is.
                    .file("file", "liar.png", "image/png", TestImages.jpeg(8, 8));

            List<String> urls = urlsOf(upload("banner", body));

            assertThat(urls)
                    .extracting(url -> url.substring(url.lastIndexOf('.') + 1))
                    .containsExactly("jpg", "png", "gif", "webp", "jpg");
            assertThat(fetch(urls.get(3)).header("Content-Type")).contains("image/webp");
        }

        @Test
        void theSameFileTwiceIsStoredTwiceUnderDistinctKeys() {
            byte[] png = TestImages.png(5, 5);

            List<String> urls = urlsOf(upload(
                    "profile",
                    new MultipartBody()
                            .file("file", "me.png", "image/png", png)
                            .file("file", "me.png", "image/png", png)));

            assertThat(urls).hasSize(2).doesNotHaveDuplicates();
            assertThat(storedKeys("profile/")).contains(keyOf(urls.get(0)), keyOf(urls.get(1)));
        }

        @Test
        void filenamesWithSpacesQuotesAndNonAsciiAreAccepted() {
            MultipartBody body = new MultipartBody()
                    .file("file", "my holiday photo.jpg", "image/jpeg", TestImages.jpeg(4, 4))
                    .part(
                            "Content-Disposition: form-data; name=\"file\"; filename=\"quote\\\"d.png\"\r\nContent-Type: image/png\r\n",
                            TestImages.png(4, 4))
                    .file("file", "사진 🦄.gif", "image/gif", TestImages.gif(4, 4))
                    .part(
                            "Content-Disposition: form-data; name=\"file\"; filename=\"fallback.jpg\"; filename*=UTF-8''%ED%95%9C%20%EA%B8%80.jpg\r\n"
                                    + "Content-Type: image/jpeg\r\n",
                            TestImages.jpeg(4, 4));

            assertThat(urlsOf(upload("post", body))).hasSize(4);
        }

        @Test
        @SuppressWarnings("unchecked")
        void aDirectUploadIsSignedForOneImageAndKeptWhenItIsOne() {
            byte[] png = TestImages.png(30, 20);
            HostResponse signed = sendJson(
                    HostRequest.json(
                                    "POST",
                                    "/uploads",
                                    "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":" + png.length + "}")
                            .withHeader("x-api-key", API_KEY),
                    200);
            Map<String, Object> data = (Map<String, Object>) signed.jsonObject().get("data");
            assertThat(data)
                    .containsKeys("key", "url", "method", "headers", "expiresAt")
                    .containsEntry("method", "PUT");
            assertThat((String) data.get("key")).startsWith("post/").endsWith(".png");

            HostResponse put =
                    performSigned("PUT", (String) data.get("url"), (Map<String, String>) data.get("headers"), png);

            assertThat(put.status()).as("signed PUT: %s", put).isBetween(200, 299);
            assertThat(storedKeys("post/")).contains((String) data.get("key"));
        }

        @Test
        @SuppressWarnings("unchecked")
        void aDirectUploadThatIsNotTheImageItClaimedIsRemoved() {
            byte[] html = TestImages.html();
            Map<String, Object> data = (Map<String, Object>) sendJson(
                            HostRequest.json(
                                            "POST",
                                            "/uploads",
                                            "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":" + html.length
                                                    + "}")
                                    .withHeader("x-api-key", API_KEY),
                            200)
                    .jsonObject()
                    .get("data");

            performSigned("PUT", (String) data.get("url"), (Map<String, String>) data.get("headers"), html);

            assertThat(storedKeys("post/")).doesNotContain((String) data.get("key"));
        }
    }

    private HostResponse uploadFile(String user, String filename, String contentType, byte[] content) {
        return send(new MultipartBody()
                .file("file", "upload.bin", contentType, content)
                .field("filename", filename)
                .post("/files")
                .asUser(user));
    }

    private String downloadUrl(String user, String filename) {
        HostResponse response = sendJson(fileUrlRequest(filename).asUser(user), 200);
        return (String) response.jsonObject().get("url");
    }

    private static HostRequest fileUrlRequest(String filename) {
        return HostRequest.get("/files?filename=" + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8));
    }

    /** A user no other scenario has: hosts keep their files between scenarios. */
    private static String newUser(String role) {
        return role + "-" + UUID.randomUUID();
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Files {
        @Test
        void aFileUploadedByNameDownloadsThroughItsSignedUrl() {
            String user = newUser("reporter");
            byte[] pdf = text("%PDF-1.7 a quarterly report");

            HostResponse uploaded = uploadFile(user, "reports/q3 보고서.pdf", "application/pdf", pdf);

            assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(200);
            assertThat(uploaded.json()).isEqualTo("File uploaded!");
            assertThat(storedKeys("files/")).contains(FileOwner.of(user).keyPrefix() + "reports/q3 보고서.pdf");
            HostResponse download = fetchSigned(downloadUrl(user, "reports/q3 보고서.pdf"));
            assertThat(download.status()).as("%s", download).isEqualTo(200);
            assertThat(download.body()).isEqualTo(pdf);
            assertThat(download.header("Content-Type")).contains(downloadContentType("application/pdf"));
            assertThat(download.header("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
        }

        @Test
        void uploadingTheSameNameAgainReplacesTheFile() {
            String user = newUser("editor");
            uploadFile(user, "same.txt", "text/plain", text("first"));
            uploadFile(user, "same.txt", "text/plain", text("second"));

            assertThat(fetchSigned(downloadUrl(user, "same.txt")).text()).isEqualTo("second");
        }

        @Test
        void namesThatAreOneAfterNfcAreOneFileOfTheirOwner() {
            String user = newUser("accents");
            String decomposed = "cafe\u0301.txt";
            String precomposed = "caf\u00e9.txt";
            uploadFile(user, decomposed, "text/plain", text("first"));
            List<String> before = storedKeys("files/");

            uploadFile(user, precomposed, "text/plain", text("second"));

            assertThat(storedKeys("files/")).containsExactlyInAnyOrderElementsOf(before);
            assertThat(fetchSigned(downloadUrl(user, decomposed)).text()).isEqualTo("second");
        }

        @Test
        void aTamperedSignatureIsRefused() {
            String user = newUser("whisperer");
            uploadFile(user, "secret.txt", "text/plain", text("hush"));
            String url = downloadUrl(user, "secret.txt");
            int at = url.indexOf("ignature=") + "ignature=".length();
            String tampered = url.substring(0, at) + (url.charAt(at) == 'a' ? 'b' : 'a') + url.substring(at + 1);

            assertThat(fetchSigned(tampered).status()).isEqualTo(403);
        }

        @Test
        void withoutASignedInUserBothRoutesAre401AndNothingIsStored() {
            List<String> before = storedKeys("files/");
            HostRequest upload = new MultipartBody()
                    .file("file", "a.txt", "text/plain", text("anonymous"))
                    .field("filename", "a.txt")
                    .post("/files");

            for (HostRequest anonymous : List.of(upload, fileUrlRequest("a.txt"))) {
                HostResponse response = sendJson(anonymous, 401);
                assertThat(response.jsonObject()).containsOnlyKeys("error");
                assertThat((String) response.jsonObject().get("error")).contains("signed-in user");
                assertThat(response.header("WWW-Authenticate")).contains("Bearer");
            }
            assertThat(storedKeys("files/")).isEqualTo(before);
        }

        @Test
        void anotherUserCanNeitherSignNorReplaceAUsersFile() {
            String alice = newUser("alice");
            String bob = newUser("bob");
            uploadFile(alice, "reports/q3.pdf", "application/pdf", text("alice's report"));
            String alicesLink = downloadUrl(alice, "reports/q3.pdf");

            HostResponse snooped = sendJson(fileUrlRequest("reports/q3.pdf").asUser(bob), 404);
            assertThat(snooped.jsonObject()).containsOnlyKeys("error");
            HostResponse bobsUpload = uploadFile(bob, "reports/q3.pdf", "application/pdf", text("bob's report"));

            assertThat(bobsUpload.status()).as("%s", bobsUpload).isEqualTo(200);
            assertThat(fetchSigned(alicesLink).text()).isEqualTo("alice's report");
            assertThat(fetchSigned(downloadUrl(alice, "reports/q3.pdf")).text()).isEqualTo("alice's report");
            assertThat(fetchSigned(downloadUrl(bob, "reports/q3.pdf")).text()).isEqualTo("bob's report");
            assertThat(storedKeys("files/"))
                    .contains(
                            FileOwner.of(alice).keyPrefix() + "reports/q3.pdf",
                            FileOwner.of(bob).keyPrefix() + "reports/q3.pdf");
        }

        @Test
        void aUserBeyondTheFileCountQuotaIsRefusedAndNothingIsStored() {
            String user = newUser("hoarder");
            for (int i = 0; i < FILE_QUOTA_COUNT; i++) {
                assertThat(uploadFile(user, "kept-" + i + ".txt", "text/plain", text("file " + i))
                                .status())
                        .isEqualTo(200);
            }
            List<String> before = storedKeys("files/");

            HostResponse refused = sendJson(
                    new MultipartBody()
                            .file("file", "one-more.txt", "text/plain", text("one more"))
                            .field("filename", "one-more.txt")
                            .post("/files")
                            .asUser(user),
                    413);

            assertThat((String) refused.jsonObject().get("error"))
                    .contains("quota")
                    .contains(Integer.toString(FILE_QUOTA_COUNT));
            assertThat(storedKeys("files/")).isEqualTo(before);
            // Replacing one of them adds no file, and another user has a quota of their own.
            assertThat(uploadFile(user, "kept-0.txt", "text/plain", text("replaced"))
                            .status())
                    .isEqualTo(200);
            assertThat(uploadFile(newUser("neighbour"), "one-more.txt", "text/plain", text("mine"))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void aUserBeyondTheByteQuotaIsRefusedAndAReplacementCountsOnlyTheDifference() {
            String user = newUser("packrat");
            byte[] most = new byte[(int) FILE_QUOTA_BYTES - 100];
            assertThat(uploadFile(user, "big.bin", "application/octet-stream", most)
                            .status())
                    .isEqualTo(200);
            List<String> before = storedKeys("files/");

            HostResponse refused = sendJson(
                    new MultipartBody()
                            .field("filename", "small.bin")
                            .file("file", "small.bin", "application/octet-stream", new byte[101])
                            .post("/files")
                            .asUser(user),
                    413);

            assertThat((String) refused.jsonObject().get("error"))
                    .contains("quota")
                    .contains(Long.toString(FILE_QUOTA_BYTES));
            assertThat(storedKeys("files/")).isEqualTo(before);
            // The whole quota in one file: the old 65 436 bytes are replaced, not added to.
            byte[] all = new byte[(int) FILE_QUOTA_BYTES];
            all[0] = 7;
            assertThat(uploadFile(user, "big.bin", "application/octet-stream", all)
                            .status())
                    .isEqualTo(200);
            assertThat(fetchSigned(downloadUrl(user, "big.bin")).body()).isEqualTo(all);
        }
    }

    /** The Wild Rydes workshop's test event: rider {@code the_username} at this pickup. */
    public static final String WILD_RYDES_BODY =
            "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";

    public static final String WILD_RYDES_RIDER = "the_username";

    @Nested
    class ImageDelivery {
        private String uploaded(String name, String type, byte[] content) {
            return keyOf(urlsOf(upload("post", new MultipartBody().file("file", name, type, content)))
                    .get(0));
        }

        private BufferedImage decoded(HostResponse response) {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
                assertThat(image).as("variant decodes: %s", response.headers()).isNotNull();
                return image;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void aVariantIsResizedUprightReEncodedAndCachedForAYear() {
            // Stored 400x200 with EXIF orientation 6: upright it is 200x400.
            byte[] original = TestImages.jpegWithOrientation(400, 200, 6);
            String key = uploaded("portrait.jpg", "image/jpeg", original);

            HostResponse response = send(HostRequest.get("/img/" + key + "?w=50")); // snaps up to the listed 64

            assertThat(response.status()).as("%s", response.headers()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("image/jpeg");
            assertThat(response.header("Cache-Control")).contains("public, max-age=31536000, immutable");
            assertThat(response.header("ETag"))
                    .hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
            assertThat(response.header("X-Original-Bytes")).contains(Integer.toString(original.length));
            assertThat(response.header("X-Variant-Bytes")).contains(Integer.toString(response.body().length));
            BufferedImage image = decoded(response);
            assertThat(image.getWidth()).isEqualTo(64);
            assertThat(image.getHeight()).isEqualTo(128);
            assertThat(storedKeys("ProcessedImages/" + key + "/"))
                    .containsExactly("ProcessedImages/" + key + "/w64-h128-q90.jpg");
        }

        @Test
        void theSameVariantAgainIsTheSameBytesFromTheCache() {
            String key = uploaded("cat.jpg", "image/jpeg", TestImages.jpeg(300, 200));

            HostResponse first = send(HostRequest.get("/img/" + key + "?w=128&h=128&fit=cover&q=75"));
            HostResponse second = send(HostRequest.get("/img/" + key + "?fit=cover&q=75&h=128&w=128"));

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
            assertThat(decoded(second).getWidth()).isEqualTo(128);
            assertThat(decoded(second).getHeight()).isEqualTo(128);
            assertThat(storedKeys("ProcessedImages/" + key + "/"))
                    .containsExactly("ProcessedImages/" + key + "/w128-h128-cover-192x128-q75.jpg");
        }

        @Test
        void aPngStaysAPngAndIsNeverEnlarged() {
            String key = uploaded("icon.png", "image/png", TestImages.png(40, 20));

            HostResponse response = send(HostRequest.get("/img/" + key + "?w=400&h=400&fit=contain"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("image/png");
            BufferedImage image = decoded(response);
            assertThat(image.getWidth()).isEqualTo(40);
            assertThat(image.getHeight()).isEqualTo(40);
            assertThat(image.getColorModel().hasAlpha()).isTrue();
        }

        @Test
        void aJpegCanBeAskedForAsPng() {
            String key = uploaded("cat.jpg", "image/jpeg", TestImages.jpeg(30, 30));

            HostResponse response = send(HostRequest.get("/img/" + key + "?fmt=png&w=16"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("image/png");
            assertThat(decoded(response).getWidth()).isEqualTo(16);
        }

        @Test
        void sizesAndQualitiesSnapUpToTheListedOnes() {
            String key = uploaded("wide.jpg", "image/jpeg", TestImages.jpeg(1000, 800));

            HostResponse response = send(HostRequest.get("/img/" + key + "?w=500&q=80"));

            assertThat(response.status()).as("%s", response.headers()).isEqualTo(200);
            assertThat(decoded(response).getWidth()).isEqualTo(640);
            assertThat(decoded(response).getHeight()).isEqualTo(512);
            assertThat(storedKeys("ProcessedImages/" + key + "/"))
                    .containsExactly("ProcessedImages/" + key + "/w640-h512-q90.jpg");
        }

        @Test
        void requestsThatGiveTheSameBytesShareOneStoredVariant() {
            String key = uploaded("small.jpg", "image/jpeg", TestImages.jpeg(64, 48));

            HostResponse widest = send(HostRequest.get("/img/" + key + "?w=4096"));
            HostResponse wide = send(HostRequest.get("/img/" + key + "?w=4095"));
            HostResponse boxed = send(HostRequest.get("/img/" + key + "?w=100&h=100&fit=inside"));

            assertThat(List.of(widest.status(), wide.status(), boxed.status())).containsOnly(200);
            assertThat(wide.header("ETag")).isEqualTo(widest.header("ETag"));
            assertThat(boxed.body()).isEqualTo(widest.body());
            assertThat(decoded(widest).getWidth()).isEqualTo(64);
            assertThat(storedKeys("ProcessedImages/" + key + "/"))
                    .containsExactly("ProcessedImages/" + key + "/w64-h48-q90.jpg");
        }

        /** What a browser sends for an image: AVIF and WebP named, anything else at a lower weight. */
        static final String BROWSER_ACCEPT = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

        @Test
        void theFormatFollowsAcceptWithVaryAndIsPartOfTheStoredName() {
            String key = uploaded("cat.jpg", "image/jpeg", TestImages.jpeg(300, 200));

            HostResponse browser = send(HostRequest.get("/img/" + key + "?w=64").withHeader("Accept", BROWSER_ACCEPT));
            HostResponse curl = send(HostRequest.get("/img/" + key + "?w=64").withHeader("Accept", "*/*"));

            assertThat(browser.status()).as("%s", browser.headers()).isEqualTo(200);
            assertThat(curl.status()).as("%s", curl.headers()).isEqualTo(200);
            assertThat(browser.header("Vary"))
                    .as("Vary of %s", browser.headers())
                    .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept"));
            assertThat(curl.header("Vary"))
                    .as("Vary of %s", curl.headers())
                    .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept"));
            // A wildcard promises nothing about AVIF or WebP: the source's format.
            assertThat(curl.header("Content-Type")).contains("image/jpeg");
            assertThat(decoded(curl).getWidth()).isEqualTo(64);
            String chosen = browser.header("Content-Type").orElseThrow();
            assertThat(chosen).isIn("image/avif", "image/webp", "image/jpeg");
            String extension = switch (chosen) {
                case "image/avif" -> "avif";
                case "image/webp" -> "webp";
                default -> "jpg";
            };
            assertThat(storedKeys("ProcessedImages/" + key + "/"))
                    .contains(
                            "ProcessedImages/" + key + "/w64-h43-q90." + extension,
                            "ProcessedImages/" + key + "/w64-h43-q90.jpg");
        }

        /**
         * {@code fmt=webp} is served where the codec encodes WebP and refused with 400 naming {@code fmt}
         * where it does not; either way, {@code Accept: image/webp} gets WebP exactly when {@code fmt=webp} can.
         */
        @ParameterizedTest
        @ValueSource(strings = {"webp", "avif"})
        void aNamedFormatIsServedOrRefusedAndAcceptAgrees(String fmt) {
            String key = uploaded("cat.jpg", "image/jpeg", TestImages.jpeg(40, 30));
            String mediaType = "image/" + fmt;

            HostResponse named = send(HostRequest.get("/img/" + key + "?fmt=" + fmt));
            HostResponse negotiated =
                    send(HostRequest.get("/img/" + key).withHeader("Accept", mediaType + ",*/*;q=0.5"));

            assertThat(negotiated.status()).as("%s", negotiated.headers()).isEqualTo(200);
            if (named.status() == 200) {
                assertThat(named.header("Content-Type")).contains(mediaType);
                assertThat(named.header("Vary"))
                        .as("a named format does not vary")
                        .isEmpty();
                assertThat(negotiated.header("Content-Type")).contains(mediaType);
            } else {
                assertError(HostRequest.get("/img/" + key + "?fmt=" + fmt), 400, "fmt");
                assertThat((String) named.jsonObject().get("error"))
                        .contains("fmt=" + fmt + " is not available")
                        .contains("jpeg");
                assertThat(negotiated.header("Content-Type")).contains("image/jpeg");
            }
        }

        static Stream<String> hostileAcceptHeaders() {
            return Stream.of(
                    "image/x-a;q=0.1,".repeat(300) + "image/avif", // 300 ranges: more than are read
                    "image/avif;q=NaN, image/webp;q=1e9", // weights out of the grammar
                    "image/avif;q=0, image/webp;q=0, image/jpeg;q=0", // everything refused: the source's format anyway
                    "image/avif;" + ";".repeat(5000), // a range of empty parameters, past the length read
                    "image/" + "a".repeat(4000), // one absurd subtype
                    "*/*;q=0",
                    ",,,,;;;;,,,,",
                    "\"image/avif\", image/avif\\"); // a quoted string and an escape: not media ranges
        }

        /** An {@code Accept} header is a preference, never a reason to fail: absurd ones are ignored, in bounded work. */
        @ParameterizedTest
        @MethodSource("hostileAcceptHeaders")
        void anAbsurdAcceptHeaderIsIgnoredAndTheSourcesFormatServed(String accept) {
            String key = uploaded("cat.jpg", "image/jpeg", TestImages.jpeg(40, 30));

            HostResponse response =
                    send(HostRequest.get("/img/" + key + "?w=16").withHeader("Accept", accept));

            assertThat(response.status()).as("%s", response.headers()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("image/jpeg");
            assertThat(decoded(response).getWidth()).isEqualTo(16);
        }
    }

    @Nested
    class Rides {
        @Test
        void theWildRydesRequestBooksShadowfaxInTheOriginalsShape() throws Exception {
            long before = storedRideCount();
            HostRequest request = new HostRequest(
                            "POST",
                            "/ride",
                            Map.of("Accept", "*/*", "Content-Type", "application/json; charset=UTF-8"),
                            WILD_RYDES_BODY.getBytes(StandardCharsets.UTF_8))
                    .asRider(WILD_RYDES_RIDER);

            HostResponse response = sendJson(request, 201);

            assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
            // Byte for byte what requestUnicorn.js answered, field order included; only the id is random.
            assertThat(response.text())
                    .matches("\\{\"RideId\":\"[A-Za-z0-9_-]{22}\","
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
            assertThat(ride)
                    .containsEntry("RideId", booked.get("RideId"))
                    .containsEntry("Unicorn", booked.get("Unicorn"))
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
            HostRequest request = rideRequest(WILD_RYDES_BODY, "retrier")
                    .withHeader("Idempotency-Key", UUID.randomUUID().toString());

            HostResponse first = sendJson(request, 201);
            HostResponse retry = sendJson(request, 201);

            assertThat(retry.text()).isEqualTo(first.text());
            assertThat(storedRideCount()).isEqualTo(before + 1);
        }

        @Test
        void concurrentRetriesWithOneIdempotencyKeyBookOneRide() throws Exception {
            long before = storedRideCount();
            HostRequest request = rideRequest(WILD_RYDES_BODY, "impatient")
                    .withHeader("Idempotency-Key", UUID.randomUUID().toString());
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
        void aRiderHoldingAUnicornGets429WithRetryAfterWhileOthersStillRide() throws Exception {
            HostClient busyFleet = described(hostWithBusyUnicorns());
            String greedy = "greedy-" + UUID.randomUUID();
            HostRequest keyed = rideRequest(WILD_RYDES_BODY, greedy)
                    .withHeader("Idempotency-Key", UUID.randomUUID().toString());

            HostResponse first = busyFleet.send(keyed);
            HostResponse retry = busyFleet.send(keyed);
            HostResponse refused = busyFleet.send(rideRequest(WILD_RYDES_BODY, greedy));
            HostResponse other = busyFleet.send(rideRequest(WILD_RYDES_BODY, "patient-" + UUID.randomUUID()));

            assertThat(first.status()).as("%s", first).isEqualTo(201);
            assertThat(retry.status())
                    .as("the idempotent retry of the held ride: %s", retry)
                    .isEqualTo(201);
            assertThat(retry.text()).isEqualTo(first.text());
            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.header("Retry-After"))
                    .as("Retry-After")
                    .hasValueSatisfying(
                            seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 61));
            assertThat(refused.header("Access-Control-Allow-Origin")).contains("*");
            assertThat(refused.header("Access-Control-Expose-Headers"))
                    .hasValueSatisfying(h -> assertThat(h).contains("Retry-After"));
            assertThat(refused.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            Map<String, Object> body = refused.jsonObject();
            assertThat(body).containsOnlyKeys("Error", "Reference");
            assertThat((String) body.get("Error")).startsWith("You already have a unicorn on a ride");
            assertThat(body.get("Reference"))
                    .isEqualTo(refused.header("X-Request-Id").orElseThrow());
            assertThat(other.status()).as("another rider: %s", other).isEqualTo(201);
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
            assertThat(response.header("Access-Control-Allow-Methods"))
                    .hasValueSatisfying(m -> assertThat(m).contains("POST"));
            assertThat(response.header("Access-Control-Allow-Headers"))
                    .hasValueSatisfying(h -> assertThat(h.toLowerCase())
                            .contains("authorization")
                            .contains("content-type")
                            .contains("idempotency-key"));
        }

        @Test
        void wrongMethodIs405WithTheCorsHeader() {
            HostResponse response =
                    assertRideError(HostRequest.of("DELETE", "/ride").asRider("alice"), 405, null);

            assertThat(response.header("Allow"))
                    .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
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
            assertThat(body.get("Reference"))
                    .as("Reference")
                    .isEqualTo(response.header("X-Request-Id").orElseThrow());
            assertThat(response.header("Access-Control-Allow-Origin"))
                    .as("CORS header of %s", response)
                    .contains("*");
            if (field != null) {
                assertThat(body.get("Field")).as("field named by %s", response).isEqualTo(field);
                assertThat((String) body.get("Error")).contains(field);
            }
            return response;
        }
    }

    private long createUser(String name) {
        Map<String, Object> user = sendJson(
                        HostRequest.json("POST", "/users", "{\"name\":\"" + name + "\",\"age\":30}"), 201)
                .jsonObject();
        return ((Number) user.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("users"))
                .stream().map(user -> ((Number) user.get("id")).longValue()).toList();
    }
}
