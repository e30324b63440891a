package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.UnsupportedEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The image function with the original upload API's own event shapes, storing into S3Proxy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesHandlerIT {
    private TestDeployment deployment;
    private ImagesHandler function;

    @BeforeAll
    void deploy() throws Exception {
        deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("images"));
        function = new ImagesHandler(deployment.graph());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOriginalsPassthroughEventStoresTheGifInTheBucketAndAnswersTheOriginalsBody() throws Exception {
        Map<String, Object> answer = (Map<String, Object>) invoke(fixture());

        assertThat(answer).containsEntry("statusCode", 200);
        List<String> urls = (List<String>) answer.get("data");
        assertThat(urls).hasSize(1);
        String key = URI.create(urls.get(0))
                .getPath()
                .replaceFirst("^/" + deployment.bucket().settings().bucket() + "/", "");
        assertThat(key).matches("profile/[0-9a-f-]{36}\\.gif");
        BlobInfo stored = deployment.blobs().stat(new BlobKey(key)).orElseThrow();
        assertThat(stored.contentType()).isEqualTo("image/gif");
        assertThat(stored.length()).isEqualTo(43);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFolderOutsideTheListAnswersInvalidPathAndStoresNothing() throws Exception {
        Map<String, Object> event = (Map<String, Object>) Json.parse(fixture());
        ((Map<String, Object>) ((Map<String, Object>) event.get("params")).get("path")).put("path", "secret");
        List<BlobKey> before = deployment.blobs().list("");

        assertThat(invoke(Json.write(event))).isEqualTo(Map.of("statusCode", 400, "data", "Invalid path"));
        assertThat(deployment.blobs().list("")).isEqualTo(before);
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIsRefusedAsABadEvent() {
        String event = """
            {"resource":"/images/{path}","path":"/images/post","httpMethod":"POST",
             "headers":{"Content-Type":"multipart/form-data; boundary=x"},
             "requestContext":{"identity":{}},"body":"not*base64!","isBase64Encoded":true}""";
        List<BlobKey> before = deployment.blobs().list("");

        assertThatThrownBy(() -> invoke(event.getBytes()))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("base64");
        assertThat(deployment.blobs().list("")).isEqualTo(before);
    }

    private Object invoke(byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return Json.parse(out.toByteArray());
    }

    private static byte[] fixture() throws Exception {
        try (InputStream in =
                ImagesHandlerIT.class.getResourceAsStream("/events/mapping-template/post-images-profile.json")) {
            return in.readAllBytes();
        }
    }
}
