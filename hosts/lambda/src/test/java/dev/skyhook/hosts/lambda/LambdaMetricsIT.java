package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.metrics.EmfLines;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EMF lines the functions write for real requests on S3Proxy and MariaDB, parsed back. */
class LambdaMetricsIT {
    /** EMF lines among what was written (the in-process test servers print plain text of their own). */
    private static List<Map<String, Object>> emfLines(List<String> standardOutput) {
        return standardOutput.stream()
                .filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                .map(EmfLines::parse)
                .filter(EmfLines::isEmf)
                .toList();
    }

    @Test
    void anUploadReportsItsImagesAndBytesAndOnlyTheFirstInvocationIsTheColdStart() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48);
        byte[] png = TestImages.png(20, 10);
        try (CapturedOutput output = new CapturedOutput()) {
            CapturedOutput.Mark beforeDeploy = output.mark();
            // The deployment runs the migration function on the fresh graph: its first invocation.
            TestDeployment deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("metrics"));
            List<Map<String, Object>> migration = emfLines(output.standardOutputLinesSince(beforeDeploy));
            assertThat(migration).singleElement().satisfies(line -> {
                EmfLines.assertValidEmf(line);
                assertThat(line).containsEntry("ColdStart", 1).containsEntry("FunctionName", "skyhook-test");
            });
            ImagesHandler images = new ImagesHandler(deployment.graph());
            ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> images);

            CapturedOutput.Mark beforeUpload = output.mark();
            HostResponse uploaded = client.send(new MultipartBody()
                    .file("file", "a.jpg", "image/jpeg", jpeg)
                    .file("file", "b.png", "image/png", png)
                    .post("/images/post")
                    .withHeader("x-api-key", AcceptanceSuite.API_KEY));
            List<Map<String, Object>> uploadLines = emfLines(output.standardOutputLinesSince(beforeUpload));

            assertThat(uploaded.jsonObject()).containsEntry("statusCode", 200);
            assertThat(uploadLines).singleElement().satisfies(line -> {
                EmfLines.assertValidEmf(line);
                assertThat(EmfLines.namespace(line)).isEqualTo("Skyhook");
                assertThat(EmfLines.dimensions(line)).isEqualTo(List.of(List.of("FunctionName")));
                assertThat(EmfLines.units(line))
                        .containsExactlyInAnyOrderEntriesOf(Map.of("Uploads", "Count", "BytesStored", "Bytes"));
                assertThat(line)
                        .containsEntry("FunctionName", "skyhook-test")
                        .containsEntry(
                                "requestId", uploaded.header("X-Request-Id").orElseThrow())
                        .containsEntry("Uploads", 2)
                        .containsEntry("BytesStored", jpeg.length + png.length)
                        .doesNotContainKey("ColdStart");
                assertThat(EmfLines.timestamp(line))
                        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
            });

            CapturedOutput.Mark beforeRefusal = output.mark();
            HostResponse refused = client.send(new MultipartBody()
                    .file("file", "notes.txt", "text/plain", "hello".getBytes())
                    .post("/images/post")
                    .withHeader("x-api-key", AcceptanceSuite.API_KEY));
            assertThat(refused.jsonObject()).containsEntry("statusCode", 415);
            assertThat(emfLines(output.standardOutputLinesSince(beforeRefusal)))
                    .as("nothing stored, nothing counted")
                    .isEmpty();
        }
    }

    @Test
    void aDirectUploadCountsOnceTheCheckKeepsItAndNotWhenItIsRefused() throws Exception {
        byte[] png = TestImages.png(30, 20);
        try (CapturedOutput output = new CapturedOutput()) {
            TestDeployment deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("direct"));
            UploadCheckHandler check = new UploadCheckHandler(deployment.graph());
            String bucket = deployment.bucket().settings().bucket();
            deployment.blobs().put(new BlobKey("post/direct/kept.png"), png, "image/png");
            deployment.blobs().put(new BlobKey("post/direct/not-an-image.png"), "text".getBytes(), "image/png");
            deployment.blobs().put(new BlobKey("files/report.pdf"), "%PDF".getBytes(), "application/pdf");

            CapturedOutput.Mark beforeKept = output.mark();
            TestContext kept = new TestContext();
            check.handleRequest(
                    new ByteArrayInputStream(
                            Json.write(LambdaAcceptance.objectCreated(bucket, "post/direct/kept.png", png.length))),
                    new ByteArrayOutputStream(),
                    kept);
            List<Map<String, Object>> keptLines = emfLines(output.standardOutputLinesSince(beforeKept));
            CapturedOutput.Mark beforeOthers = output.mark();
            for (String key : List.of("post/direct/not-an-image.png", "files/report.pdf")) {
                check.handleRequest(
                        new ByteArrayInputStream(Json.write(LambdaAcceptance.objectCreated(bucket, key, 4))),
                        new ByteArrayOutputStream(),
                        new TestContext());
            }

            assertThat(keptLines).singleElement().satisfies(line -> {
                EmfLines.assertValidEmf(line);
                assertThat(line)
                        .containsEntry("requestId", kept.getAwsRequestId())
                        .containsEntry("Uploads", 1)
                        .containsEntry("BytesStored", png.length);
            });
            assertThat(emfLines(output.standardOutputLinesSince(beforeOthers)))
                    .as("refused, or not an upload")
                    .isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImageUploadedThroughPostImagesIsCountedOnceAndNotReadAgainWhenS3NotifiesIt() throws Exception {
        byte[] png = TestImages.png(30, 20);
        try (CapturedOutput output = new CapturedOutput()) {
            TestDeployment deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("counted_once"));
            ApiGatewayClient client =
                    new ApiGatewayClient(Format.REST_V1, path -> new ImagesHandler(deployment.graph()));
            UploadCheckHandler check = new UploadCheckHandler(deployment.graph());
            String bucket = deployment.bucket().settings().bucket();

            CapturedOutput.Mark before = output.mark();
            HostResponse uploaded = client.send(new MultipartBody()
                    .file("file", "a.png", "image/png", png)
                    .post("/images/post")
                    .withHeader("x-api-key", AcceptanceSuite.API_KEY));
            String url = ((List<String>) uploaded.jsonObject().get("data")).get(0);
            String key = URI.create(url).getPath().replaceFirst("^/" + bucket + "/", "");
            // S3 notifies every object created in post/, this one too.
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            check.handleRequest(
                    new ByteArrayInputStream(Json.write(LambdaAcceptance.objectCreated(bucket, key, png.length))),
                    answer,
                    new TestContext());
            List<String> lines = output.standardOutputLinesSince(before);

            int counted = emfLines(lines).stream()
                    .mapToInt(line -> ((Number) line.getOrDefault("Uploads", 0)).intValue())
                    .sum();
            assertThat(counted).as("Uploads over both functions").isEqualTo(1);
            assertThat(lines).anyMatch(line -> line.contains("\"event\":\"upload-skipped\"") && line.contains(key));
            assertThat(deployment.blobs().stat(new BlobKey(key))).isPresent();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRenderedVariantReportsItsRenderTimeAndTheCachedOneReportsNothing() throws Exception {
        try (CapturedOutput output = new CapturedOutput()) {
            TestDeployment deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("variants"));
            ImagesHandler images = new ImagesHandler(deployment.graph());
            ImageVariantsHandler variants = new ImageVariantsHandler(deployment.graph());
            ApiGatewayClient client =
                    new ApiGatewayClient(Format.REST_V1, path -> path.startsWith("/img/") ? variants : images);
            HostResponse uploaded = client.send(new MultipartBody()
                    .file("file", "big.jpg", "image/jpeg", TestImages.jpeg(800, 600))
                    .post("/images/post")
                    .withHeader("x-api-key", AcceptanceSuite.API_KEY));
            String url = ((List<String>) uploaded.jsonObject().get("data")).get(0);
            String key = URI.create(url)
                    .getPath()
                    .replaceFirst("^/" + deployment.bucket().settings().bucket() + "/", "");

            CapturedOutput.Mark beforeRender = output.mark();
            HostResponse rendered = client.send(HostRequest.get("/img/" + key + "?w=120"));
            List<Map<String, Object>> renderLines = emfLines(output.standardOutputLinesSince(beforeRender));
            CapturedOutput.Mark beforeCached = output.mark();
            HostResponse cached = client.send(HostRequest.get("/img/" + key + "?w=120"));
            List<Map<String, Object>> cachedLines = emfLines(output.standardOutputLinesSince(beforeCached));

            assertThat(rendered.status()).isEqualTo(200);
            assertThat(renderLines).singleElement().satisfies(line -> {
                EmfLines.assertValidEmf(line);
                assertThat(EmfLines.units(line)).containsExactlyEntriesOf(Map.of("VariantTime", "Milliseconds"));
                assertThat(line)
                        .containsEntry(
                                "requestId", rendered.header("X-Request-Id").orElseThrow());
                assertThat(((Number) line.get("VariantTime")).doubleValue())
                        .isPositive()
                        .isLessThan(60_000);
            });
            assertThat(cached.status()).isEqualTo(200);
            assertThat(cachedLines).isEmpty();
            // The access log line is still there: metrics are extra lines, not instead of logs.
            assertThat(output.standardOutputLinesSince(beforeCached))
                    .anyMatch(line -> line.startsWith("{")
                            && Json.parse(line) instanceof Map<?, ?> map
                            && "/img/{key+}".equals(map.get("resourcePath")));
        }
    }
}
