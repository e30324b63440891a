package dev.skyhook.hosts.testhost.acceptance;

import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost.LAMBDA_HTTP_API;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost.LAMBDA_REST_API;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost.SERVER;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost.TEST_HOST;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.AUTH;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.BLOBS;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.FILES;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.HEADERS;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.HEALTH;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.HELLO;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.IMAGES;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.IMG;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.RIDES;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.ROUTING;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.SIGNED;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.UPLOADS;
import static dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family.USERS;

import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.ErrorShape;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.Family;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hostile-input catalogue: requests no host may accept, across every endpoint, each with the
 * status it must get. {@code AcceptanceSuite} sends every row to every host and checks the status,
 * a JSON error in the family's shape with a message (never a stack trace or a library's words), and
 * that no store changed: no new object under any prefix, no new user, no new ride.
 *
 * <p>To add a row, add one line to the family's list below: {@code row(FAMILY, "what it is", status,
 * fixtures -> request)}, then {@code .naming(field)} or {@code .saying(fragment)} to pin the message,
 * and {@code .notOn(reason, hosts...)} only when a host cannot be sent the request at all.
 */
public final class HostileRequests {
    private static final String JPEG_TYPE = "image/jpeg";
    private static final String FILE_OWNER = "file-owner";
    private static final long QUOTA_BYTES = AcceptanceSuite.FILE_QUOTA_BYTES;
    private static final String WILD_RYDES = AcceptanceSuite.WILD_RYDES_BODY;
    private static final AcceptanceHost[] LAMBDA = {LAMBDA_REST_API, LAMBDA_HTTP_API};
    private static final String NO_FRAMING =
            "no HTTP framing: the request reaches the API as a call or an API Gateway event, "
                    + "whose body API Gateway framed";
    private static final String LOCAL_SERVER_ONLY = "a local server route (S3 and Cognito serve it on AWS)";
    private static final String MALFORMED_PATH = "an HTTP API decodes the path before it invokes the function: "
            + "a path that does not decode never reaches it";
    private static final String MALFORMED_QUERY =
            "a REST API hands the function decoded query parameters: " + "no event can carry a malformed escape";

    private HostileRequests() {}

    /** Every row, in the order of the families. */
    public static List<HostileRequest> all() {
        List<HostileRequest> rows = new ArrayList<>();
        rows.addAll(greetingHealthAndRouting());
        rows.addAll(headers());
        rows.addAll(users());
        rows.addAll(images());
        rows.addAll(uploads());
        rows.addAll(signed());
        rows.addAll(blobs());
        rows.addAll(files());
        rows.addAll(img());
        rows.addAll(rides());
        rows.addAll(demoTokens());
        return rows;
    }

    private static List<HostileRequest> greetingHealthAndRouting() {
        return List.of(
                row(HELLO, "POST with a body", 405, f -> HostRequest.json("POST", "/hello", "{}"))
                        .saying("POST"),
                row(HELLO, "DELETE", 405, f -> HostRequest.of("DELETE", "/hello")),
                row(HELLO, "a trailing slash is another path", 404, f -> HostRequest.get("/hello/")),
                row(HELLO, "upper case is another path", 404, f -> HostRequest.get("/HELLO")),
                row(HELLO, "a NUL after the path", 404, f -> HostRequest.get("/hello%00")),
                row(HELLO, "a malformed percent escape", 400, f -> HostRequest.get("/hello%zz"))
                        .notOn(MALFORMED_PATH, LAMBDA_HTTP_API),
                row(HEALTH, "POST", 405, f -> HostRequest.json("POST", "/health", "{\"status\":\"DOWN\"}")),
                row(HEALTH, "PUT", 405, f -> HostRequest.json("PUT", "/health", "{}")),
                row(ROUTING, "an unknown route", 404, f -> HostRequest.get("/no/such/route"))
                        .saying("/no/such/route"),
                row(ROUTING, "the root", 404, f -> HostRequest.get("/"))
                        .notOn("the local server serves its demo page at /", SERVER),
                row(ROUTING, "a doubled slash", 404, f -> HostRequest.get("//hello")),
                row(ROUTING, "an encoded slash joins segments", 404, f -> HostRequest.get("/users%2F1")),
                row(ROUTING, "DELETE on /users", 405, f -> HostRequest.of("DELETE", "/users"))
                        .saying("DELETE"),
                row(
                        ROUTING,
                        "PUT on a user",
                        405,
                        f -> HostRequest.json("PUT", "/users/1", "{\"name\":\"Kim\",\"age\":31}")),
                row(ROUTING, "PATCH on a user", 405, f -> HostRequest.json("PATCH", "/users/1", "{\"age\":1}")),
                row(ROUTING, "GET on an upload folder", 405, f -> HostRequest.get("/images/post"))
                        .inShape(ErrorShape.STATUS_DATA),
                row(
                        ROUTING,
                        "DELETE on a stored image's variant route",
                        405,
                        f -> HostRequest.of("DELETE", "/img/post/a.jpg")),
                row(ROUTING, "a path of 4 000 characters", 404, f -> HostRequest.get("/" + "a".repeat(4000))),
                row(ROUTING, "a path of 500 segments", 404, f -> HostRequest.get("/x".repeat(500))),
                row(ROUTING, "a request line of 10 000 characters", 414, f -> HostRequest.get("/" + "a".repeat(10_000)))
                        .notOn(
                                NO_FRAMING + "; API Gateway refuses URLs over 8 KiB itself",
                                TEST_HOST,
                                LAMBDA_REST_API,
                                LAMBDA_HTTP_API),
                row(
                        ROUTING,
                        "a unicode look-alike of /users (fullwidth letters)",
                        404,
                        f -> HostRequest.get("/%EF%BD%95sers")),
                row(ROUTING, "a method nobody defines", 405, f -> HostRequest.of("BREW", "/hello"))
                        .notOn("API Gateway only passes the HTTP methods it knows", LAMBDA));
    }

    private static List<HostileRequest> headers() {
        String kim = "{\"name\":\"Kim\",\"age\":31}";
        return List.of(
                row(
                                HEADERS,
                                "a 64 KiB header",
                                431,
                                f -> HostRequest.get("/hello").withHeader("X-Padding", "a".repeat(64 * 1024)))
                        .notOn(
                                NO_FRAMING + "; API Gateway refuses headers over 10 KiB itself",
                                TEST_HOST,
                                LAMBDA_REST_API,
                                LAMBDA_HTTP_API),
                row(
                                HEADERS,
                                "Content-Length shorter than the body",
                                400,
                                f -> HostRequest.json("POST", "/users", kim).withHeader("Content-Length", "5"))
                        .naming("body")
                        .notOn(NO_FRAMING, TEST_HOST, LAMBDA_REST_API, LAMBDA_HTTP_API),
                row(
                                HEADERS,
                                "a negative Content-Length",
                                400,
                                f -> HostRequest.json("POST", "/users", kim).withHeader("Content-Length", "-1"))
                        .notOn(NO_FRAMING, TEST_HOST, LAMBDA_REST_API, LAMBDA_HTTP_API),
                row(
                                HEADERS,
                                "Content-Length and Transfer-Encoding together, and a request smuggled after the chunks on a connection asked to close",
                                400,
                                f -> new HostRequest(
                                        "POST",
                                        "/users",
                                        Map.of(
                                                "Content-Type",
                                                "application/json",
                                                "Transfer-Encoding",
                                                "chunked",
                                                "Content-Length",
                                                "5"),
                                        ("0\r\n\r\nPOST /users HTTP/1.1\r\nHost: smuggled\r\nContent-Type: application/json\r\nContent-Length: "
                                                        + kim.length() + "\r\n\r\n" + kim)
                                                .getBytes(StandardCharsets.UTF_8)))
                        .saying("Content-Length and Transfer-Encoding")
                        .notOn(NO_FRAMING, TEST_HOST, LAMBDA_REST_API, LAMBDA_HTTP_API),
                row(
                                HEADERS,
                                "a chunked body over the users' limit, with no length to refuse it by",
                                413,
                                f -> new HostRequest(
                                        "POST",
                                        "/users",
                                        Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"),
                                        chunked(("{\"name\":\"" + "a".repeat(20_000) + "\",\"age\":1}")
                                                .getBytes(StandardCharsets.UTF_8))))
                        .notOn(NO_FRAMING, TEST_HOST, LAMBDA_REST_API, LAMBDA_HTTP_API),
                row(
                                HEADERS,
                                "a gzip Content-Encoding over plain JSON",
                                415,
                                f -> HostRequest.json("POST", "/users", kim).withHeader("Content-Encoding", "gzip"))
                        .saying("Content-Encoding"),
                row(
                                HEADERS,
                                "a gzip bomb: 64 MiB of zeros in 64 KiB",
                                415,
                                f -> new HostRequest(
                                        "POST",
                                        "/users",
                                        Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                                        gzipBomb(64 * 1024 * 1024)))
                        .saying("Content-Encoding"));
    }

    private static List<HostileRequest> users() {
        List<HostileRequest> rows = new ArrayList<>();
        String[][] badBodies = {
            {"an empty name", "{\"name\":\"\",\"age\":31}", "name"},
            {"a name of 101 characters", "{\"name\":\"" + "a".repeat(101) + "\",\"age\":31}", "name"},
            {"a name of 101 emoji", "{\"name\":\"" + "\uD83E\uDD84".repeat(101) + "\",\"age\":31}", "name"},
            {"a blank name", "{\"name\":\"    \",\"age\":31}", "name"},
            {"a line break in the name", "{\"name\":\"line\\nbreak\",\"age\":31}", "name"},
            {"a NUL in the name", "{\"name\":\"nul\\u0000name\",\"age\":31}", "name"},
            {"a lone surrogate in the name", "{\"name\":\"half \\ud83e\",\"age\":31}", "name"},
            {"a number as the name", "{\"name\":31,\"age\":31}", "name"},
            {"a null name", "{\"name\":null,\"age\":31}", "name"},
            {"an object as the name", "{\"name\":{\"first\":\"Kim\"},\"age\":31}", "name"},
            {"no name", "{\"age\":31}", "name"},
            {"a negative age", "{\"name\":\"Kim\",\"age\":-1}", "age"},
            {"an age of 151", "{\"name\":\"Kim\",\"age\":151}", "age"},
            {"a fractional age", "{\"name\":\"Kim\",\"age\":31.5}", "age"},
            {"an age written 31.0", "{\"name\":\"Kim\",\"age\":31.0}", "age"},
            {"an age in exponent form", "{\"name\":\"Kim\",\"age\":3e1}", "age"},
            {"an age as a string", "{\"name\":\"Kim\",\"age\":\"31\"}", "age"},
            {"a null age", "{\"name\":\"Kim\",\"age\":null}", "age"},
            {"a 23-digit age", "{\"name\":\"Kim\",\"age\":99999999999999999999999}", "age"},
            {"an age of 1e400", "{\"name\":\"Kim\",\"age\":1e400}", "age"},
            {"a boolean age", "{\"name\":\"Kim\",\"age\":true}", "age"},
            {"an array as the age", "{\"name\":\"Kim\",\"age\":[31]}", "age"},
            {"no age", "{\"name\":\"Kim\"}", "age"},
            {"an unknown field (mass assignment)", "{\"name\":\"Kim\",\"age\":31,\"admin\":true}", "admin"},
            {"a client-chosen id", "{\"id\":1,\"name\":\"Kim\",\"age\":31}", "id"},
            {"a duplicate key", "{\"name\":\"Kim\",\"name\":\"Lee\",\"age\":31}", "body"},
            {"an empty object", "{}", "name"},
            {"not JSON", "not json", "body"},
            {"truncated JSON", "{\"name\":\"Kim\",\"age\":31", "body"},
            {"trailing content", "{\"name\":\"Kim\",\"age\":31} trailing", "body"},
            {"a second document", "{\"name\":\"Kim\",\"age\":31}{\"name\":\"Lee\",\"age\":32}", "body"},
            {"a trailing comma", "{\"name\":\"Kim\",\"age\":31,}", "body"},
            {"single quotes", "{'name':'Kim','age':31}", "body"},
            {"a comment", "{\"name\":\"Kim\",/* admin */\"age\":31}", "body"},
            {"NaN as the age", "{\"name\":\"Kim\",\"age\":NaN}", "body"},
            {"Infinity as the age", "{\"name\":\"Kim\",\"age\":Infinity}", "body"},
            {"a 200-digit number", "{\"name\":\"Kim\",\"age\":" + "9".repeat(200) + "}", "body"},
            {"an array of the user", "[{\"name\":\"Kim\",\"age\":31}]", "body"},
            {"a string", "\"Kim\"", "body"},
            {"null", "null", "body"},
            {"an empty body", "", "body"},
            {"500 nested arrays", "[".repeat(500), "body"},
            {
                "200 nested objects in the name",
                "{\"name\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + ",\"age\":1}",
                "body"
            }
        };
        for (String[] bad : badBodies) {
            rows.add(row(USERS, "POST " + bad[0], 400, f -> HostRequest.json("POST", "/users", bad[1]))
                    .naming(bad[2]));
        }
        byte[] kim = "{\"name\":\"Kim\",\"age\":31}".getBytes(StandardCharsets.UTF_8);
        rows.addAll(List.of(
                row(
                                USERS,
                                "POST with a byte-order mark before the JSON",
                                400,
                                f -> new HostRequest(
                                        "POST",
                                        "/users",
                                        Map.of("Content-Type", "application/json"),
                                        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, kim)))
                        .naming("body"),
                row(
                                USERS,
                                "POST with invalid UTF-8 in the name",
                                400,
                                f -> new HostRequest(
                                        "POST",
                                        "/users",
                                        Map.of("Content-Type", "application/json"),
                                        concat(
                                                "{\"name\":\"K".getBytes(StandardCharsets.UTF_8),
                                                new byte[] {(byte) 0xC3, 0x28},
                                                "\",\"age\":31}".getBytes(StandardCharsets.UTF_8))))
                        .naming("body"),
                row(
                                USERS,
                                "POST with an overlong UTF-8 slash",
                                400,
                                f -> new HostRequest(
                                        "POST",
                                        "/users",
                                        Map.of("Content-Type", "application/json"),
                                        concat(
                                                "{\"name\":\"a".getBytes(StandardCharsets.UTF_8),
                                                new byte[] {(byte) 0xC0, (byte) 0xAF},
                                                "\",\"age\":31}".getBytes(StandardCharsets.UTF_8))))
                        .naming("body"),
                row(
                        USERS,
                        "POST as UTF-16",
                        415,
                        f -> new HostRequest(
                                "POST",
                                "/users",
                                Map.of("Content-Type", "application/json; charset=utf-16"),
                                "{\"name\":\"Kim\",\"age\":31}".getBytes(StandardCharsets.UTF_16))),
                row(
                                USERS,
                                "POST as text/plain",
                                415,
                                f -> HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}")
                                        .withHeader("Content-Type", "text/plain"))
                        .saying("application/json"),
                row(
                        USERS,
                        "POST as latin1 JSON",
                        415,
                        f -> HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}")
                                .withHeader("Content-Type", "application/json; charset=latin1")),
                row(USERS, "POST without a Content-Type", 415, f -> new HostRequest("POST", "/users", Map.of(), kim)),
                row(
                        USERS,
                        "POST as a form",
                        415,
                        f -> new HostRequest(
                                "POST",
                                "/users",
                                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                                "name=Kim&age=31".getBytes(StandardCharsets.UTF_8))),
                row(
                        USERS,
                        "POST as application/jsonx",
                        415,
                        f -> HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}")
                                .withHeader("Content-Type", "application/jsonx")),
                row(
                        USERS,
                        "POST a 1 MiB body",
                        413,
                        f -> HostRequest.json(
                                "POST", "/users", "{\"name\":\"" + "a".repeat(1024 * 1024) + "\",\"age\":1}")),
                row(
                        USERS,
                        "POST 17 KiB of whitespace around a good body",
                        413,
                        f -> HostRequest.json(
                                "POST", "/users", " ".repeat(17 * 1024) + "{\"name\":\"Kim\",\"age\":31}"))));
        for (String id : List.of(
                "abc",
                "0",
                "-1",
                "99999999999999999999",
                "1.5",
                "+1",
                "%20",
                "1e3",
                "0x10",
                "%00",
                "%D9%A1",
                "%EF%BC%91",
                "1;DROP",
                "%2531")) {
            rows.add(row(USERS, "GET /users/" + id, 400, f -> HostRequest.get("/users/" + id))
                    .naming("id"));
        }
        rows.add(row(USERS, "GET /users/1/extra", 404, f -> HostRequest.get("/users/1/extra")));
        for (String query : List.of(
                "limit=0",
                "limit=501",
                "limit=100000",
                "limit=abc",
                "limit=",
                "limit=-1",
                "limit=%D9%A1",
                "after=xyz",
                "after=-1",
                "after=99999999999999999999",
                "limit=1&limit=2",
                "after=1&after=2")) {
            rows.add(row(USERS, "GET /users?" + query, 400, f -> HostRequest.get("/users?" + query))
                    .naming(query.substring(0, query.indexOf('='))));
        }
        rows.add(row(
                        USERS,
                        "GET /users with a malformed escape in the query",
                        400,
                        f -> HostRequest.get("/users?limit=%zz"))
                .notOn(MALFORMED_QUERY, LAMBDA_REST_API));
        return rows;
    }

    private static List<HostileRequest> images() {
        byte[] jpeg = TestImages.jpeg(4, 4);
        MultipartBody good = new MultipartBody().file("file", "a.jpg", JPEG_TYPE, jpeg);
        byte[] goodBytes = good.bytes();
        MultipartBody elevenFiles = new MultipartBody();
        for (int i = 0; i < 11; i++) {
            elevenFiles.file("file", i + ".jpg", JPEG_TYPE, jpeg);
        }
        String boundary = "XyZboundary";
        List<HostileRequest> rows = new ArrayList<>();
        String[][] badFolders = {
            {"a folder not allowed", "/images/secret"},
            {"a folder with a slash", "/images/post/extra"},
            {"an encoded dot-dot folder", "/images/%2e%2e"},
            {"a dot-dot folder", "/images/.."},
            {"an encoded climb out of an allowed folder", "/images/post%2F..%2F..%2Fsecret"},
            {"a NUL after the folder", "/images/post%00"},
            {"a backslash in the folder", "/images/post%5C..%5Csecret"},
            {"the folder in upper case", "/images/POST"},
            {"the folder in fullwidth letters", "/images/%EF%BD%90%EF%BD%8F%EF%BD%93%EF%BD%94"}
        };
        for (String[] folder : badFolders) {
            rows.add(upload(folder[0], 400, f -> good.post(folder[1])).saying("Invalid path"));
        }
        rows.addAll(List.of(
                // No route matches, yet the path is the uploads family's: its shape.
                upload("an empty folder", 404, f -> good.post("/images/")),
                upload("no folder", 400, f -> good.post("/images")).saying("Invalid path"),
                upload(
                        "an empty body",
                        400,
                        f -> new HostRequest(
                                "POST", "/images/post", Map.of("Content-Type", good.contentType()), new byte[0])),
                upload(
                        "no file part",
                        400,
                        f -> new MultipartBody().field("note", "hello").post("/images/post")),
                upload(
                        "a missing boundary",
                        400,
                        f -> new HostRequest(
                                "POST", "/images/post", Map.of("Content-Type", "multipart/form-data"), goodBytes)),
                upload(
                        "an empty boundary",
                        400,
                        f -> new HostRequest(
                                "POST",
                                "/images/post",
                                Map.of("Content-Type", "multipart/form-data; boundary="),
                                goodBytes)),
                upload(
                        "a wrong boundary",
                        400,
                        f -> new HostRequest(
                                "POST",
                                "/images/post",
                                Map.of("Content-Type", "multipart/form-data; boundary=nope"),
                                goodBytes)),
                upload(
                        "a boundary of 2 000 characters",
                        400,
                        f -> new HostRequest(
                                "POST",
                                "/images/post",
                                Map.of("Content-Type", "multipart/form-data; boundary=" + "b".repeat(2000)),
                                goodBytes)),
                upload(
                        "a truncated body",
                        400,
                        f -> new HostRequest(
                                "POST",
                                "/images/post",
                                Map.of("Content-Type", good.contentType()),
                                Arrays.copyOf(goodBytes, goodBytes.length - 40))),
                upload(
                        "no closing boundary",
                        400,
                        f -> raw(
                                "POST",
                                "/images/post",
                                "multipart/form-data; boundary=" + boundary,
                                concat(
                                        ("--" + boundary
                                                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                                                .getBytes(StandardCharsets.UTF_8),
                                        jpeg))),
                upload(
                        "a part without headers' end",
                        400,
                        f -> raw(
                                "POST",
                                "/images/post",
                                "multipart/form-data; boundary=" + boundary,
                                ("--" + boundary
                                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"")
                                        .getBytes(StandardCharsets.UTF_8))),
                upload("not multipart", 415, f -> HostRequest.json("POST", "/images/post", "{}"))
                        .saying("multipart/form-data"),
                upload(
                        "multipart/mixed",
                        415,
                        f -> new HostRequest(
                                "POST",
                                "/images/post",
                                Map.of("Content-Type", "multipart/mixed; boundary=" + boundary),
                                goodBytes)),
                upload(
                                "an AVIF, not in the default upload formats",
                                415,
                                f -> new MultipartBody()
                                        .file("file", "a.avif", "image/avif", TestImages.avif())
                                        .post("/images/post"))
                        .saying("AVIF"),
                upload(
                        "HTML labelled image/jpeg",
                        415,
                        f -> new MultipartBody()
                                .file("file", "x.jpg", JPEG_TYPE, TestImages.html())
                                .post("/images/post")),
                upload(
                        "an SVG with a script",
                        415,
                        f -> new MultipartBody()
                                .file("file", "x.svg", "image/svg+xml", TestImages.svgWithScript())
                                .post("/images/post")),
                upload(
                        "a Windows executable",
                        415,
                        f -> new MultipartBody()
                                .file("file", "x.jpg", JPEG_TYPE, TestImages.windowsExecutable())
                                .post("/images/post")),
                upload(
                        "a ZIP archive",
                        415,
                        f -> new MultipartBody()
                                .file("file", "x.jpg", JPEG_TYPE, TestImages.zip())
                                .post("/images/post")),
                upload(
                        "a BMP, an image of a type not allowed",
                        415,
                        f -> new MultipartBody()
                                .file("file", "x.bmp", "image/bmp", TestImages.bmp(4, 4))
                                .post("/images/post")),
                upload(
                        "a GIF/HTML polyglot",
                        415,
                        f -> new MultipartBody()
                                .file(
                                        "file",
                                        "x.gif",
                                        "image/gif",
                                        "GIF89a<html><script>alert(1)</script></html>"
                                                .getBytes(StandardCharsets.ISO_8859_1))
                                .post("/images/post")),
                upload(
                        "a GIF header of 1x1 followed by HTML",
                        415,
                        f -> new MultipartBody()
                                .file(
                                        "file",
                                        "x.gif",
                                        "image/gif",
                                        concat(
                                                gifScreen(1, 1),
                                                "<html><script>alert(1)</script></html>"
                                                        .getBytes(StandardCharsets.US_ASCII)))
                                .post("/images/post")),
                upload(
                        "a JPEG cut in the middle of its pixels",
                        415,
                        f -> new MultipartBody()
                                .file(
                                        "file",
                                        "cut.jpg",
                                        JPEG_TYPE,
                                        Arrays.copyOf(TestImages.jpeg(64, 64), TestImages.jpeg(64, 64).length / 2))
                                .post("/images/post")),
                upload(
                        "a JPEG cut before its frame header",
                        415,
                        f -> new MultipartBody()
                                .file("file", "cut.jpg", JPEG_TYPE, Arrays.copyOf(jpeg, 20))
                                .post("/images/post")),
                upload(
                        "a zero-byte file",
                        400,
                        f -> new MultipartBody()
                                .file("file", "x.jpg", JPEG_TYPE, new byte[0])
                                .post("/images/post")),
                upload(
                        "a file over the size limit",
                        413,
                        f -> new MultipartBody()
                                .file("file", "big.jpg", JPEG_TYPE, Arrays.copyOf(jpeg, 10 * 1024 * 1024 + 1))
                                .post("/images/post")),
                upload(
                        "a PNG header claiming 100000x100000",
                        413,
                        f -> new MultipartBody()
                                .file("file", "bomb.png", "image/png", TestImages.pngClaiming(100_000, 100_000))
                                .post("/images/post")),
                upload(
                        "a JPEG header claiming 65500x65500",
                        413,
                        f -> new MultipartBody()
                                .file("file", "bomb.jpg", JPEG_TYPE, TestImages.jpegClaiming(65_500, 65_500))
                                .post("/images/post")),
                upload(
                        "a GIF header claiming 65535x65535",
                        413,
                        f -> new MultipartBody()
                                .file("file", "bomb.gif", "image/gif", gifClaiming(65_535, 65_535))
                                .post("/images/post")),
                upload(
                        "a PNG header claiming 0x0",
                        400,
                        f -> new MultipartBody()
                                .file("file", "empty.png", "image/png", TestImages.pngClaiming(0, 0))
                                .post("/images/post")),
                upload(
                        "one good file and one bad",
                        415,
                        f -> new MultipartBody()
                                .file("file", "ok.jpg", JPEG_TYPE, jpeg)
                                .file("file", "x.jpg", JPEG_TYPE, TestImages.html())
                                .post("/images/post")),
                upload("11 files, one over the limit", 413, f -> elevenFiles.post("/images/post")),
                upload(
                        "100 KiB of part headers",
                        400,
                        f -> new MultipartBody()
                                .part(
                                        "Content-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nX-Padding: "
                                                + "a".repeat(100 * 1024) + "\r\n",
                                        jpeg)
                                .post("/images/post")),
                upload(
                        "a text field of 2 KiB",
                        400,
                        f -> new MultipartBody()
                                .field("note", "n".repeat(2048))
                                .file("file", "a.jpg", JPEG_TYPE, jpeg)
                                .post("/images/post")),
                row(IMAGES, "no API key", 403, f -> good.post("/images/post"))
                        .inShape(ErrorShape.API_GATEWAY)
                        .saying("Forbidden"),
                row(
                                IMAGES,
                                "a wrong API key",
                                403,
                                f -> good.post("/images/post").withHeader("x-api-key", "not-the-key-123"))
                        .inShape(ErrorShape.API_GATEWAY)
                        .saying("Forbidden"),
                row(
                                IMAGES,
                                "the API key in upper case",
                                403,
                                f -> good.post("/images/post")
                                        .withHeader("x-api-key", AcceptanceSuite.API_KEY.toUpperCase()))
                        .inShape(ErrorShape.API_GATEWAY),
                row(
                                IMAGES,
                                "an API key of 4 KiB",
                                403,
                                f -> good.post("/images/post").withHeader("x-api-key", "k".repeat(4 * 1024)))
                        .inShape(ErrorShape.API_GATEWAY),
                row(
                                IMAGES,
                                "the API key in the query string",
                                403,
                                f -> good.post("/images/post?x-api-key=" + AcceptanceSuite.API_KEY))
                        .inShape(ErrorShape.API_GATEWAY)));
        return rows;
    }

    private static List<HostileRequest> uploads() {
        List<HostileRequest> rows = new ArrayList<>();
        String[][] bad = {
            {"a folder not allowed", "{\"path\":\"secret\",\"contentType\":\"image/png\",\"size\":10}", "400"},
            {"a climbing folder", "{\"path\":\"../post\",\"contentType\":\"image/png\",\"size\":10}", "400"},
            {"an SVG", "{\"path\":\"post\",\"contentType\":\"image/svg+xml\",\"size\":10}", "415"},
            {"text/html", "{\"path\":\"post\",\"contentType\":\"text/html\",\"size\":10}", "415"},
            {
                "a type with parameters",
                "{\"path\":\"post\",\"contentType\":\"image/png; charset=utf-8\",\"size\":10}",
                "415"
            },
            {"a size of 0", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":0}", "400"},
            {"a negative size", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":-1}", "400"},
            {"a size over the limit", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":999999999999}", "413"},
            {"a size as a string", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":\"10\"}", "400"},
            {"a fractional size", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":10.5}", "400"},
            {"no size", "{\"path\":\"post\",\"contentType\":\"image/png\"}", "400"},
            {
                "a client-chosen key",
                "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":10,\"key\":\"post/mine.png\"}",
                "400"
            },
            {"an array", "[]", "400"},
            {
                "a duplicate key",
                "{\"path\":\"post\",\"path\":\"secret\",\"contentType\":\"image/png\",\"size\":10}",
                "400"
            }
        };
        for (String[] b : bad) {
            rows.add(row(
                    UPLOADS, b[0], Integer.parseInt(b[2]), f -> withKey(HostRequest.json("POST", "/uploads", b[1]))));
        }
        rows.add(row(
                UPLOADS,
                "not JSON",
                415,
                f -> withKey(new HostRequest(
                        "POST",
                        "/uploads",
                        Map.of("Content-Type", "text/plain"),
                        "path=post".getBytes(StandardCharsets.UTF_8)))));
        rows.add(row(
                UPLOADS,
                "a body over 4 KiB",
                413,
                f -> withKey(HostRequest.json(
                        "POST",
                        "/uploads",
                        "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":10" + " ".repeat(5000) + "}"))));
        rows.add(row(
                        UPLOADS,
                        "no API key",
                        403,
                        f -> HostRequest.json(
                                "POST", "/uploads", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":10}"))
                .inShape(ErrorShape.API_GATEWAY)
                .saying("Forbidden"));
        return rows;
    }

    private static List<HostileRequest> signed() {
        String onlyLocal = "S3 checks presigned URLs on AWS (tested against S3Proxy by the blob store contract)";
        byte[] png = TestImages.png(3, 3);
        return List.of(
                row(
                                SIGNED,
                                "a download with a forged signature",
                                403,
                                f -> HostRequest.get("/signed/files/x.txt?expires=9999999999&signature=forged"))
                        .notOn(onlyLocal, LAMBDA),
                row(SIGNED, "a download without a signature", 403, f -> HostRequest.get("/signed/files/x.txt"))
                        .notOn(onlyLocal, LAMBDA),
                row(
                                SIGNED,
                                "a signed download with the expiry pushed back",
                                403,
                                f -> replaceParameter(f.signedDownload("later.txt"), "expires", "9999999999"))
                        .notOn(onlyLocal, LAMBDA),
                row(
                                SIGNED,
                                "a signed download re-pointed to another file",
                                403,
                                f -> HostRequest.get(
                                        f.signedDownload("mine.txt").replace("/mine.txt", "/theirs.txt")))
                        .notOn(onlyLocal, LAMBDA),
                row(
                                SIGNED,
                                "a download signed for GET used to PUT",
                                403,
                                f -> new HostRequest(
                                        "PUT",
                                        f.signedDownload("overwrite.txt"),
                                        Map.of("Content-Type", "text/plain"),
                                        "overwritten".getBytes(StandardCharsets.UTF_8)))
                        .inShape(ErrorShape.STATUS_DATA)
                        .notOn(onlyLocal, LAMBDA),
                row(
                                SIGNED,
                                "a signed PUT with another content type",
                                403,
                                f -> new HostRequest(
                                        "PUT",
                                        f.signedUpload("image/png", png.length),
                                        Map.of("Content-Type", "text/html"),
                                        png))
                        .inShape(ErrorShape.STATUS_DATA)
                        .notOn(onlyLocal, LAMBDA),
                row(
                                SIGNED,
                                "a signed PUT with a larger body",
                                403,
                                f -> new HostRequest(
                                        "PUT",
                                        f.signedUpload("image/png", png.length),
                                        Map.of("Content-Type", "image/png"),
                                        Arrays.copyOf(png, png.length + 1000)))
                        .inShape(ErrorShape.STATUS_DATA)
                        .notOn(onlyLocal, LAMBDA),
                row(SIGNED, "a signed PUT re-pointed to ProcessedImages/", 403, f -> {
                            String url = f.signedUpload("image/png", png.length);
                            return new HostRequest(
                                    "PUT",
                                    url.replace("/signed/post/", "/signed/ProcessedImages/post/"),
                                    Map.of("Content-Type", "image/png"),
                                    png);
                        })
                        .inShape(ErrorShape.STATUS_DATA)
                        .notOn(onlyLocal, LAMBDA),
                row(SIGNED, "a signed PUT of HTML that claimed to be a PNG", 415, f -> {
                            byte[] html = TestImages.html();
                            return new HostRequest(
                                    "PUT",
                                    f.signedUpload("image/png", html.length),
                                    Map.of("Content-Type", "image/png"),
                                    html);
                        })
                        .inShape(ErrorShape.STATUS_DATA)
                        .notOn(onlyLocal, LAMBDA),
                row(
                                SIGNED,
                                "a signed PUT to a dot-dot key",
                                400,
                                f -> new HostRequest(
                                        "PUT",
                                        "/signed/post/..%2F..%2Fx.png?expires=9999999999&signature=x",
                                        Map.of("Content-Type", "image/png"),
                                        png))
                        .inShape(ErrorShape.STATUS_DATA)
                        .naming("key")
                        .notOn(onlyLocal, LAMBDA));
    }

    private static List<HostileRequest> blobs() {
        String onlyLocal = "S3 serves stored objects on AWS";
        return List.of(
                row(
                                BLOBS,
                                "climbing out with dot-dot",
                                400,
                                f -> HostRequest.get("/blobs/post/%2e%2e/%2e%2e/etc/passwd"))
                        .naming("key")
                        .notOn(onlyLocal, LAMBDA),
                row(BLOBS, "a literal dot-dot", 400, f -> HostRequest.get("/blobs/../etc/passwd"))
                        .naming("key")
                        .notOn(onlyLocal, LAMBDA),
                row(BLOBS, "a NUL in the key", 400, f -> HostRequest.get("/blobs/post/a%00.jpg"))
                        .naming("key")
                        .notOn(onlyLocal, LAMBDA),
                row(BLOBS, "a backslash in the key", 400, f -> HostRequest.get("/blobs/post/..%5C..%5Cwin.ini"))
                        .naming("key")
                        .notOn(onlyLocal, LAMBDA),
                row(
                                BLOBS,
                                "a private file through the public route",
                                404,
                                f -> HostRequest.get("/blobs/files/secret.txt"))
                        .notOn(onlyLocal, LAMBDA),
                row(BLOBS, "a key of 2 000 bytes", 400, f -> HostRequest.get("/blobs/post/" + "a".repeat(2000)))
                        .naming("key")
                        .notOn(onlyLocal, LAMBDA));
    }

    private static List<HostileRequest> files() {
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        List<HostileRequest> rows = new ArrayList<>();
        String[][] names = {
            {"../etc/passwd", "../etc/passwd"},
            {"an absolute path", "/abs"},
            {"climbing out", "a/../../b"},
            {"a backslash", "a\\b"},
            {"a NUL character", "nul\u0000name"},
            {"a newline", "new\nline"},
            {"a line separator (U+2028)", "a\u2028b"},
            {"2000 characters", "a".repeat(2000)},
            {"an empty name", ""},
            {"a dot segment", "reports/./q3.pdf"},
            {"an empty segment", "reports//q3.pdf"},
            {"a trailing slash", "reports/"}
        };
        for (String[] name : names) {
            rows.add(file(
                            "POST a filename with " + name[0],
                            400,
                            f -> new MultipartBody()
                                    .file("file", "a.txt", "text/plain", text)
                                    .field("filename", name[1])
                                    .post("/files"))
                    .naming("filename"));
        }
        rows.addAll(List.of(
                file(
                                "POST without a filename field",
                                400,
                                f -> new MultipartBody()
                                        .file("file", "a.txt", "text/plain", text)
                                        .post("/files"))
                        .naming("filename"),
                file(
                                "POST without a file part",
                                400,
                                f -> new MultipartBody()
                                        .field("filename", "a.txt")
                                        .post("/files"))
                        .naming("file"),
                file(
                                "POST two file parts",
                                400,
                                f -> new MultipartBody()
                                        .file("file", "a.txt", "text/plain", text)
                                        .file("file", "b.txt", "text/plain", text)
                                        .field("filename", "a.txt")
                                        .post("/files"))
                        .naming("file"),
                file(
                                "POST the file under another field name",
                                400,
                                f -> new MultipartBody()
                                        .file("upload", "a.txt", "text/plain", text)
                                        .field("filename", "a.txt")
                                        .post("/files"))
                        .naming("file"),
                file(
                                "POST the filename twice",
                                400,
                                f -> new MultipartBody()
                                        .file("file", "a.txt", "text/plain", text)
                                        .field("filename", "a.txt")
                                        .field("filename", "b.txt")
                                        .post("/files"))
                        .naming("filename"),
                file(
                                "POST a filename field of 5 000 bytes",
                                400,
                                f -> new MultipartBody()
                                        .file("file", "a.txt", "text/plain", text)
                                        .field("filename", "a".repeat(5000))
                                        .post("/files"))
                        .naming("filename"),
                file(
                        "POST five parts",
                        413,
                        f -> new MultipartBody()
                                .file("file", "a.txt", "text/plain", text)
                                .field("filename", "a.txt")
                                .field("x", "1")
                                .field("y", "2")
                                .field("z", "3")
                                .post("/files")),
                file("POST JSON", 415, f -> HostRequest.json("POST", "/files", "{\"filename\":\"a.txt\"}")),
                file(
                                "POST an unterminated multipart body",
                                400,
                                f -> raw(
                                        "POST",
                                        "/files",
                                        "multipart/form-data; boundary=B",
                                        "--B\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\na.txt\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello"
                                                .getBytes(StandardCharsets.UTF_8)))
                        .naming("body"),
                file(
                        "POST a multipart body without a boundary",
                        400,
                        f -> raw(
                                "POST",
                                "/files",
                                "multipart/form-data",
                                new MultipartBody()
                                        .file("file", "a.txt", "text/plain", text)
                                        .field("filename", "a.txt")
                                        .bytes())),
                file("GET without a filename", 400, f -> HostRequest.get("/files"))
                        .naming("filename"),
                file("GET an unknown file", 404, f -> HostRequest.get("/files?filename=no-such-file.txt"))));
        String[][] badQueries = {
            {"GET an encoded climb out of files/", "filename=..%2Fetc%2Fpasswd"},
            {"GET an image through files/", "filename=..%2Fpost%2Fa.jpg"},
            {"GET a filename with a NUL", "filename=a%00.txt"},
            {"GET the filename twice", "filename=a.txt&filename=b.txt"},
            {"GET an absolute filename", "filename=%2Fetc%2Fpasswd"}
        };
        for (String[] query : badQueries) {
            rows.add(file(query[0], 400, f -> HostRequest.get("/files?" + query[1]))
                    .naming("filename"));
        }
        rows.addAll(List.of(
                file(
                                "POST a file larger than the whole byte quota, as the last part",
                                413,
                                f -> new MultipartBody()
                                        .field("filename", "too-big.bin")
                                        .file(
                                                "file",
                                                "too-big.bin",
                                                "application/octet-stream",
                                                new byte[(int) QUOTA_BYTES + 1])
                                        .post("/files"))
                        .saying("quota"),
                file(
                                "POST a filename that leaves no room for the owner's prefix",
                                400,
                                f -> new MultipartBody()
                                        .file("file", "a.txt", "text/plain", text)
                                        .field("filename", "a".repeat(1000))
                                        .post("/files"))
                        .naming("filename")));
        rows.addAll(fileOwners(text));
        return rows;
    }

    /**
     * Who may reach a file: nobody without a signed-in user, nobody but its owner, whatever the
     * user's name holds, and nobody past the owner's quota. {@code victim} stores first, through
     * the API; then another (or no) user asks.
     */
    private static List<HostileRequest> fileOwners(byte[] text) {
        return List.of(
                row(FILES, "POST without a signed-in user", 401, f -> fileUpload("a.txt", text))
                        .saying("signed-in user"),
                row(FILES, "GET without a signed-in user", 401, f -> {
                            f.uploadedFile(victim(), "report.txt", text);
                            return fileUrl("report.txt");
                        })
                        .saying("signed-in user"),
                row(
                        FILES,
                        "POST with a token signed by someone else's key",
                        401,
                        f -> fileUpload("a.txt", text).withHeader("Authorization", "Bearer " + forgedJwt("mallory"))),
                row(
                        FILES,
                        "GET with a token signed with alg none",
                        401,
                        f -> fileUrl("a.txt").withHeader("Authorization", unsignedJwt("mallory"))),
                row(
                        FILES,
                        "GET as a user with an empty name",
                        401,
                        f -> fileUrl("a.txt").asUser("")),
                otherUsersFile("GET someone else's file", "private/report.txt", owner -> "snoop"),
                otherUsersFile(
                        "GET as user 'a/b' the file 'c.txt' that user 'a' keeps as 'b/c.txt'",
                        "b/c.txt",
                        "c.txt",
                        owner -> owner + "/b"),
                otherUsersFile("GET as user '../<owner>' the owner's file", "secret.txt", owner -> "../" + owner),
                otherUsersFile("GET as user '<owner>/..' the owner's file", "secret.txt", owner -> owner + "/.."),
                otherUsersFile(
                        "GET as a user named after the owner's key segment",
                        "secret.txt",
                        owner -> FileOwner.of(owner).segment()),
                otherUsersFile("GET as the owner's name plus a NUL", "secret.txt", owner -> owner + "\u0000"),
                otherUsersFile(
                        "GET as the owner's name plus a newline and an escape sequence",
                        "secret.txt",
                        owner -> owner + "\n\u001b[31m"),
                otherUsersFile(
                        "GET as the owner's name in capitals", "secret.txt", owner -> owner.toUpperCase(Locale.ROOT)),
                row(FILES, "GET as a user of 1 001 characters, the owner's 1 000 and one more", 404, f -> {
                    String victim = victim() + "u".repeat(1000 - 43);
                    f.uploadedFile(victim, "secret.txt", text);
                    return fileUrl("secret.txt").asUser(victim + "u");
                }),
                otherUsersFile(
                        "GET as another user the decomposed spelling of a file's name",
                        "caf\u00e9.txt",
                        "cafe\u0301.txt",
                        owner -> "snoop"),
                row(FILES, "POST one file more than the count quota", 413, f -> {
                            String hoarder = victim();
                            for (int i = 0; i < AcceptanceSuite.FILE_QUOTA_COUNT; i++) {
                                f.uploadedFile(hoarder, "kept-" + i + ".txt", text);
                            }
                            return fileUpload("one-more.txt", text).asUser(hoarder);
                        })
                        .saying("quota"),
                row(FILES, "POST a replacement that outgrows the byte quota", 413, f -> {
                            String packrat = victim();
                            f.uploadedFile(packrat, "big.bin", new byte[(int) QUOTA_BYTES - 10]);
                            return fileUpload("big.bin", new byte[(int) QUOTA_BYTES + 1])
                                    .asUser(packrat);
                        })
                        .saying("quota"));
    }

    /** {@link #otherUsersFile(String, String, String, UnaryOperator)} asking for the name the owner stored. */
    private static HostileRequest otherUsersFile(String name, String filename, UnaryOperator<String> asker) {
        return otherUsersFile(name, filename, filename, asker);
    }

    /**
     * A new owner stores {@code stored} ("hello"); then the user {@code asker} names (from the owner's name) asks
     * for {@code asked}, and must get the 404 of a file that does not exist.
     */
    private static HostileRequest otherUsersFile(
            String name, String stored, String asked, UnaryOperator<String> asker) {
        return row(FILES, name, 404, f -> {
            String owner = victim();
            f.uploadedFile(owner, stored, "hello".getBytes(StandardCharsets.UTF_8));
            return fileUrl(asked).asUser(asker.apply(owner));
        });
    }

    /** A user of its own for each row: hosts keep files between rows. */
    private static String victim() {
        return "victim-" + UUID.randomUUID();
    }

    private static HostRequest fileUpload(String filename, byte[] content) {
        return new MultipartBody()
                .field("filename", filename)
                .file("file", filename, "application/octet-stream", content)
                .post("/files");
    }

    private static HostRequest fileUrl(String filename) {
        return HostRequest.get("/files?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8));
    }

    private static List<HostileRequest> img() {
        List<HostileRequest> rows = new ArrayList<>();
        for (String query : List.of(
                "w=0",
                "w=-1",
                "w=4097",
                "w=99999",
                "w=1.5",
                "w=0x10",
                "w=%D9%A1",
                "h=abc",
                "h=-0",
                "q=0",
                "q=101",
                "q=1e2",
                "fit=stretch",
                "fit=COVER",
                "fmt=bmp",
                "fmt=gif",
                "fmt=heic",
                "fmt=WEBP",
                "fmt=",
                "fmt=auto&fmt=avif",
                "w=10&w=20",
                "fit=cover&fit=inside")) {
            String field = query.substring(0, query.indexOf('='));
            rows.add(row(
                            IMG,
                            "?" + query,
                            400,
                            f -> HostRequest.get(
                                    "/img/" + f.uploadedImage("cat.jpg", TestImages.jpeg(8, 8)) + "?" + query))
                    .naming(field));
        }
        rows.addAll(List.of(
                row(IMG, "an unknown image", 404, f -> HostRequest.get("/img/post/" + UUID.randomUUID() + ".jpg?w=10")),
                row(IMG, "a variant as a source", 400, f -> {
                            String key = f.uploadedImage("cat.jpg", TestImages.jpeg(8, 8));
                            return HostRequest.get("/img/ProcessedImages/" + key + "/w4-hauto-inside-q90.jpg?w=2");
                        })
                        .naming("key"),
                row(IMG, "a private file", 404, f -> HostRequest.get("/img/files/secret.pdf?w=10")),
                row(
                                IMG,
                                "an encoded climb out of the upload folder",
                                400,
                                f -> HostRequest.get("/img/post/%2e%2e/files/secret.pdf?w=10"))
                        .naming("key"),
                row(IMG, "a NUL in the key", 400, f -> HostRequest.get("/img/post/a%00.jpg?w=10"))
                        .naming("key"),
                row(IMG, "a backslash in the key", 400, f -> HostRequest.get("/img/post%5C..%5Cfiles%5Csecret.pdf"))
                        .naming("key")));
        return rows;
    }

    private static List<HostileRequest> rides() {
        List<HostileRequest> rows = new ArrayList<>();
        String latitude = "PickupLocation.Latitude";
        String longitude = "PickupLocation.Longitude";
        String[][] bodies = {
            {"not JSON", "not json", "body"},
            {"an empty body", "", "body"},
            {"the body in an array", "[" + WILD_RYDES + "]", "body"},
            {"null", "null", "body"},
            {"no PickupLocation", "{}", "PickupLocation"},
            {"a null PickupLocation", "{\"PickupLocation\":null}", "PickupLocation"},
            {"PickupLocation as a string", "{\"PickupLocation\":\"47.6,-122.3\"}", "PickupLocation"},
            {"latitude 91", "{\"PickupLocation\":{\"Latitude\":91,\"Longitude\":-122.3}}", latitude},
            {"latitude -91", "{\"PickupLocation\":{\"Latitude\":-91,\"Longitude\":-122.3}}", latitude},
            {"longitude 181", "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":181}}", longitude},
            {"longitude -180.5", "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-180.5}}", longitude},
            {"latitude as a string", "{\"PickupLocation\":{\"Latitude\":\"47.6\",\"Longitude\":-122.3}}", latitude},
            {"longitude as a word", "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":\"west\"}}", longitude},
            {"a null latitude", "{\"PickupLocation\":{\"Latitude\":null,\"Longitude\":-122.3}}", latitude},
            {"latitude \"NaN\"", "{\"PickupLocation\":{\"Latitude\":\"NaN\",\"Longitude\":-122.3}}", latitude},
            {"latitude 1e400", "{\"PickupLocation\":{\"Latitude\":1e400,\"Longitude\":-122.3}}", latitude},
            {"latitude -1e400", "{\"PickupLocation\":{\"Latitude\":-1e400,\"Longitude\":-122.3}}", latitude},
            {"a boolean latitude", "{\"PickupLocation\":{\"Latitude\":true,\"Longitude\":-122.3}}", latitude},
            {"no latitude", "{\"PickupLocation\":{\"Longitude\":-122.3}}", latitude},
            {"no longitude", "{\"PickupLocation\":{\"Latitude\":47.6}}", longitude},
            {"NaN, which is not JSON", "{\"PickupLocation\":{\"Latitude\":NaN,\"Longitude\":-122.3}}", "body"},
            {
                "a 200-digit latitude",
                "{\"PickupLocation\":{\"Latitude\":" + "4".repeat(200) + ",\"Longitude\":-122.3}}",
                "body"
            },
            {
                "the rider named in the body",
                "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3},\"Rider\":\"mallory\"}",
                "Rider"
            },
            {
                "an unknown field in PickupLocation",
                "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3,\"Altitude\":5}}",
                "PickupLocation.Altitude"
            },
            {
                "a duplicate latitude",
                "{\"PickupLocation\":{\"Latitude\":47.6,\"Latitude\":47.7,\"Longitude\":-122.3}}",
                "body"
            },
            {"100 nested objects", "{\"PickupLocation\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}", "body"
            },
            {"a truncated body", "{\"PickupLocation\":{\"Latitude\":47.6,", "body"}
        };
        for (String[] b : bodies) {
            rows.add(row(
                            RIDES,
                            "POST " + b[0],
                            400,
                            f -> HostRequest.json("POST", "/ride", b[1]).asRider("careless"))
                    .naming(b[2]));
        }
        rows.addAll(List.of(
                row(RIDES, "POST without a signed-in rider", 401, f -> booking())
                        .saying("rider"),
                bookingAuthorizedBy("POST with a token signed with alg none", () -> unsignedJwt("mallory")),
                bookingAuthorizedBy(
                        "POST with a token signed by someone else's key", () -> "Bearer " + forgedJwt("mallory")),
                bookingAuthorizedBy(
                        "POST with Basic credentials",
                        () -> "Basic "
                                + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))),
                bookingAuthorizedBy("POST with an empty Bearer", () -> "Bearer "),
                bookingAuthorizedBy("POST with a 4 KiB token", () -> "Bearer " + "e".repeat(4 * 1024)),
                bookingKeyed("POST with an Idempotency-Key of 256 characters", "k".repeat(256)),
                bookingKeyed("POST with a non-ASCII Idempotency-Key", "키-1")
                        .notOn("HTTP/1.1 header values are ISO-8859-1: the client cannot send it", SERVER),
                bookingKeyed("POST with an Idempotency-Key with a space", "two words"),
                row(RIDES, "POST reusing an Idempotency-Key for another pickup", 409, f -> {
                    String key = UUID.randomUUID().toString();
                    f.bookedRide("reuser", key);
                    return HostRequest.json(
                                    "POST",
                                    "/ride",
                                    "{\"PickupLocation\":{\"Latitude\":37.5665,\"Longitude\":126.978}}")
                            .asRider("reuser")
                            .withHeader("Idempotency-Key", key);
                }),
                row(
                        RIDES,
                        "POST a 1 MiB body",
                        413,
                        f -> HostRequest.json(
                                        "POST",
                                        "/ride",
                                        "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3},\"x\":\""
                                                + "a".repeat(1024 * 1024) + "\"}")
                                .asRider("careless")),
                row(
                        RIDES,
                        "POST as text/plain",
                        415,
                        f -> booking().asRider("careless").withHeader("Content-Type", "text/plain")),
                row(
                        RIDES,
                        "POST as UTF-16",
                        415,
                        f -> new HostRequest(
                                        "POST",
                                        "/ride",
                                        Map.of("Content-Type", "application/json; charset=utf-16"),
                                        WILD_RYDES.getBytes(StandardCharsets.UTF_16))
                                .asRider("careless")),
                row(RIDES, "DELETE", 405, f -> HostRequest.of("DELETE", "/ride").asRider("alice")),
                row(
                        RIDES,
                        "PUT on a ride",
                        405,
                        f -> HostRequest.json("PUT", "/ride/" + "A".repeat(22), WILD_RYDES)
                                .asRider("alice")),
                row(
                        RIDES,
                        "GET someone else's ride",
                        404,
                        f -> HostRequest.get("/ride/"
                                        + f.bookedRide(
                                                "owner", UUID.randomUUID().toString()))
                                .asRider("snoop")),
                row(
                        RIDES,
                        "GET a ride without a signed-in rider",
                        401,
                        f -> HostRequest.get("/ride/"
                                + f.bookedRide("owner", UUID.randomUUID().toString()))),
                row(
                                RIDES,
                                "GET a malformed ride id",
                                400,
                                f -> HostRequest.get("/ride/not-a-ride-id").asRider("alice"))
                        .naming("RideId"),
                row(
                        RIDES,
                        "GET a ride id that climbs out to /users",
                        404,
                        f -> HostRequest.get("/ride/..%2F..%2Fusers").asRider("alice")),
                // Refused before any route is chosen, and still in the rides shape with CORS and Reference.
                row(
                                RIDES,
                                "POST with a malformed percent escape in the query",
                                400,
                                f -> HostRequest.json("POST", "/ride?a=%zz", WILD_RYDES)
                                        .asRider("careless"))
                        .notOn(MALFORMED_QUERY, LAMBDA_REST_API),
                row(
                                RIDES,
                                "GET a ride with a malformed percent escape in the path",
                                400,
                                f -> HostRequest.get("/ride/%zz").asRider("alice"))
                        .notOn(MALFORMED_PATH, LAMBDA_HTTP_API),
                row(
                        RIDES,
                        "GET a path below a ride",
                        404,
                        f -> HostRequest.get("/ride/" + "A".repeat(22) + "/unicorn")
                                .asRider("alice")),
                row(
                        RIDES,
                        "PATCH",
                        405,
                        f -> HostRequest.json("PATCH", "/ride", WILD_RYDES).asRider("alice")),
                // A GET of 16 KiB: the server reads it all before it refuses, so closing sends no reset that could lose
                // the answer.
                row(
                                RIDES,
                                "GET a ride with a 16 KiB header",
                                431,
                                f -> HostRequest.get("/ride/" + "A".repeat(22))
                                        .asRider("careless")
                                        .withHeader("X-Padding", "a".repeat(16 * 1024)))
                        .notOn(
                                NO_FRAMING + "; API Gateway refuses headers over 10 KiB itself",
                                TEST_HOST,
                                LAMBDA_REST_API,
                                LAMBDA_HTTP_API)));
        return rows;
    }

    /** The Wild Rydes pickup as its client posts it, by nobody in particular. */
    private static HostRequest booking() {
        return HostRequest.json("POST", "/ride", WILD_RYDES);
    }

    /** A booking sent with {@code authorization} (made when the request is) in place of a rider's token. */
    private static HostileRequest bookingAuthorizedBy(String name, Supplier<String> authorization) {
        return row(RIDES, name, 401, f -> booking().withHeader("Authorization", authorization.get()));
    }

    /** A signed-in rider's booking with a malformed {@code Idempotency-Key}. */
    private static HostileRequest bookingKeyed(String name, String idempotencyKey) {
        return row(RIDES, name, 400, f -> booking().asRider("careless").withHeader("Idempotency-Key", idempotencyKey))
                .naming("Idempotency-Key");
    }

    private static List<HostileRequest> demoTokens() {
        String onlyOnServer = "only the local server signs riders in; on AWS, Cognito does";
        return List.of(
                        row(
                                        AUTH,
                                        "an empty username",
                                        400,
                                        f -> HostRequest.json("POST", "/auth/demo-token", "{\"username\":\"\"}"))
                                .naming("username"),
                        row(
                                        AUTH,
                                        "a username of 129 characters",
                                        400,
                                        f -> HostRequest.json(
                                                "POST",
                                                "/auth/demo-token",
                                                "{\"username\":\"" + "u".repeat(129) + "\"}"))
                                .naming("username"),
                        row(
                                        AUTH,
                                        "a control character in the username",
                                        400,
                                        f -> HostRequest.json(
                                                "POST", "/auth/demo-token", "{\"username\":\"alice\\u001b[31m\"}"))
                                .naming("username"),
                        row(
                                        AUTH,
                                        "claims in the body",
                                        400,
                                        f -> HostRequest.json(
                                                "POST",
                                                "/auth/demo-token",
                                                "{\"username\":\"alice\",\"cognito:groups\":[\"admin\"]}"))
                                .naming("cognito:groups"),
                        row(
                                AUTH,
                                "not JSON",
                                415,
                                f -> new HostRequest(
                                        "POST",
                                        "/auth/demo-token",
                                        Map.of("Content-Type", "text/plain"),
                                        "alice".getBytes(StandardCharsets.UTF_8))))
                .stream()
                .map(row -> row.notOn(onlyOnServer, TEST_HOST, LAMBDA_REST_API, LAMBDA_HTTP_API))
                .toList();
    }

    private static HostileRequest row(Family family, String name, int status, Function<Fixtures, HostRequest> request) {
        return HostileRequest.of(family, name, status, request);
    }

    /** An image upload with the API key every host under test accepts, so only the upload itself is at fault. */
    private static HostileRequest upload(String name, int status, Function<Fixtures, HostRequest> request) {
        return HostileRequest.of(IMAGES, name, status, request.andThen(HostileRequests::withKey));
    }

    /** A {@code /files} request of a signed-in user who stores nothing, so only the request itself is at fault. */
    private static HostileRequest file(String name, int status, Function<Fixtures, HostRequest> request) {
        return HostileRequest.of(FILES, name, status, request.andThen(sent -> sent.asUser(FILE_OWNER)));
    }

    private static HostRequest withKey(HostRequest request) {
        return request.withHeader("x-api-key", AcceptanceSuite.API_KEY);
    }

    private static HostRequest raw(String method, String target, String contentType, byte[] body) {
        return new HostRequest(method, target, Map.of("Content-Type", contentType), body);
    }

    private static HostRequest replaceParameter(String target, String name, String value) {
        return HostRequest.get(target.replaceAll("([?&]" + name + "=)[^&]*", "$1" + value));
    }

    /** {@code body} as one chunk of HTTP/1.1 chunked transfer coding, then the last chunk. */
    private static byte[] chunked(byte[] body) {
        return concat(
                (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                body,
                "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A GIF whose screen and one image claim {@code width} x {@code height}, with no pixel data. */
    private static byte[] gifClaiming(int width, int height) {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        gif.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        gif.writeBytes(new byte[] {(byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8), 0, 0, 0});
        // Image descriptor at 0,0 of the same size, LZW minimum code size 2, no data sub-blocks, trailer.
        gif.writeBytes(new byte[] {
            0x2C, 0, 0, 0, 0, (byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8), 0, 2, 0, 0x3B
        });
        return gif.toByteArray();
    }

    /** Only a GIF's signature and screen size, then whatever follows: how a GIF/HTML polyglot begins. */
    private static byte[] gifScreen(int width, int height) {
        return new byte[] {
            'G',
            'I',
            'F',
            '8',
            '9',
            'a',
            (byte) width,
            (byte) (width >> 8),
            (byte) height,
            (byte) (height >> 8),
            0,
            0,
            0
        };
    }

    private static byte[] gzipBomb(int zeros) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] block = new byte[64 * 1024];
            for (int written = 0; written < zeros; written += block.length) {
                gzip.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String unsignedJwt(String username) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claims(username)) + ".";
    }

    /** A well-formed HS256 token for {@code username}, signed with a key no host has. */
    private static String forgedJwt(String username) {
        String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims(username));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claims(String username) {
        long now = System.currentTimeMillis() / 1000;
        return "{\"iss\":\"skyhook-local\",\"sub\":\"" + username + "\",\"cognito:username\":\"" + username
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
