package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The acceptance suite through the Lambda handlers on real MariaDB, S3Proxy and DynamoDB Local,
 * with routes mapped to functions as the SAM template maps them: {@code /hello}, {@code /users...},
 * {@code /images...} and {@code /uploads}, {@code /ride...}, {@code /img/...} to their own functions, everything else
 * to the catch-all {@link ApiHandler}.
 */
abstract class LambdaAcceptance extends AcceptanceSuite {
    private TestDeployment deployment;
    private HostClient client;
    private UploadCheckHandler uploadCheck;

    protected abstract Format format();

    @BeforeAll
    void deployFunctions() throws Exception {
        deployment = TestDeployment.on(
                MariaDbServer.shared().createDatabase("lambda_acceptance"),
                new RideSettings(Duration.ZERO),
                FILE_SETTINGS);
        RequestStreamHandler hello = new HelloHandler(deployment.graph());
        RequestStreamHandler users = new UsersHandler(deployment.graph());
        RequestStreamHandler images = new ImagesHandler(deployment.graph());
        RequestStreamHandler everything = new ApiHandler(deployment.graph());
        uploadCheck = new UploadCheckHandler(deployment.graph());
        RequestStreamHandler rideFunction = new RidesHandler(deployment.graph());
        RequestStreamHandler files = new FilesHandler(deployment.graph());
        RequestStreamHandler imageVariants = new ImageVariantsHandler(deployment.graph());
        client = new ApiGatewayClient(format(), path -> {
            if (path.equals("/hello")) {
                return hello;
            }
            if (path.equals("/users") || path.startsWith("/users/")) {
                return users;
            }
            if (path.equals("/ride") || path.startsWith("/ride/")) {
                return rideFunction;
            }
            if (path.equals("/files")) {
                return files;
            }
            if (path.startsWith("/img/")) {
                return imageVariants;
            }
            return path.startsWith("/images") || path.equals("/uploads") ? images : everything;
        });
    }

    /** A rides function of its own, on fresh tables, with the rides' defaults (as with the variables unset). */
    @Override
    protected HostClient hostWithBusyUnicorns() {
        RideTables tables = RideTables.create();
        LambdaComponent graph = LambdaComponent.create(Settings.defaults().toBuilder()
                .dynamoDb(tables.settings())
                .rides(RideSettings.defaults())
                .build());
        RequestStreamHandler rides = new RidesHandler(graph);
        return new ApiGatewayClient(format(), path -> rides);
    }

    @Override
    protected long storedRideCount() {
        return deployment.rides().rideCount();
    }

    /** Counted in MariaDB through the functions' own pool, behind the API's back. */
    @Override
    protected long storedUserCount() throws SQLException {
        try (Connection connection =
                        deployment.graph().adapters().userDatabase().getConnection();
                ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM Users")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Override
    protected AcceptanceHost host() {
        return format() == Format.REST_V1 ? AcceptanceHost.LAMBDA_REST_API : AcceptanceHost.LAMBDA_HTTP_API;
    }

    @Override
    protected HostClient client() {
        return client;
    }

    @Override
    protected List<String> storedKeys(String prefix) {
        return deployment.blobs().list(prefix).stream().map(BlobKey::value).toList();
    }

    /** S3 serves every signed download as bytes to save, whatever was stored. */
    @Override
    protected String downloadContentType(String storedType) {
        return "application/octet-stream";
    }

    /** Reads the object behind a returned URL from the bucket. */
    @Override
    protected HostResponse fetch(String url) {
        String base = deployment.bucket().settings().publicBaseUrl().toString();
        String key =
                URI.create(url).getPath().substring(URI.create(base).getPath().length() + 1);
        try (BlobContent blob = deployment.blobs().open(new BlobKey(key)).orElseThrow()) {
            return new HostResponse(
                    200, Map.of("Content-Type", List.of(blob.info().contentType())), blob.readAllBytes());
        }
    }

    /** Fetches a presigned URL from S3 (S3Proxy checks the signature) with a plain HTTP client. */
    @Override
    protected HostResponse fetchSigned(String url) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            return new HostResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed", e);
        }
    }

    /** PUTs to S3 with the presigned URL, then delivers the ObjectCreated event S3 would send. */
    @Override
    protected HostResponse performSigned(String method, String url, Map<String, String> headers, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, value) -> {
                if (!List.of("content-length", "host").contains(name.toLowerCase(Locale.ROOT))) {
                    request.header(name, value);
                }
            });
            HttpResponse<byte[]> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                String bucket = deployment.bucket().settings().bucket();
                String key = URI.create(url).getPath().substring(("/" + bucket + "/").length());
                uploadCheck.handleRequest(
                        new ByteArrayInputStream(Json.write(objectCreated(bucket, key, body.length))),
                        new ByteArrayOutputStream(),
                        new TestContext());
            }
            return new HostResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (Exception e) {
            throw new AssertionError("signed " + method + " failed", e);
        }
    }

    static Map<String, Object> objectCreated(String bucket, String key, long size) {
        return Map.of(
                "Records",
                List.of(Map.of(
                        "eventVersion",
                        "2.1",
                        "eventSource",
                        "aws:s3",
                        "awsRegion",
                        "us-east-1",
                        "eventName",
                        "ObjectCreated:Put",
                        "s3",
                        Map.of(
                                "s3SchemaVersion",
                                "1.0",
                                "bucket",
                                Map.of("name", bucket, "arn", "arn:aws:s3:::" + bucket),
                                "object",
                                Map.of(
                                        "key",
                                        java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8),
                                        "size",
                                        size)))));
    }
}
