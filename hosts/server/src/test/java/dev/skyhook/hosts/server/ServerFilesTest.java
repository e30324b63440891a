package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.FileOwner;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server's signed download URLs over real HTTP: valid, re-pointed at another file or owner, and expired. */
class ServerFilesTest {
    @Test
    @SuppressWarnings("unchecked")
    void signedUrlsServeTheFileUntilTheyExpireAndOnlyForTheirOwnKey(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
            "skyhook.data-dir", data.toString(), "skyhook.files.url-ttl-seconds", "1", "skyhook.jwt.secret", TestJwts.SECRET))) {
            HttpHostClient client = new HttpHostClient(server.getURI());
            for (String name : new String[] {"mine.txt", "theirs.txt"}) {
                client.send(new MultipartBody().file("file", name, "text/plain", name.getBytes(StandardCharsets.UTF_8))
                    .field("filename", name).post("/files").asUser("me"));
            }
            client.send(new MultipartBody().file("file", "mine.txt", "text/plain", "someone else's".getBytes(StandardCharsets.UTF_8))
                .field("filename", "mine.txt").post("/files").asUser("someone else"));
            URI url = URI.create((String) client.send(HostRequest.get("/files?filename=mine.txt").asUser("me")).jsonObject().get("url"));
            String target = url.getRawPath() + "?" + url.getRawQuery();

            HostResponse valid = client.send(HostRequest.get(target));
            HostResponse repointed = client.send(HostRequest.get(target.replace("mine.txt", "theirs.txt")));
            HostResponse anotherOwner = client.send(HostRequest.get(target.replace(FileOwner.of("me").segment(),
                FileOwner.of("someone else").segment())));
            Thread.sleep(2100);
            HostResponse expired = client.send(HostRequest.get(target));

            assertThat(valid.status()).isEqualTo(200);
            assertThat(valid.text()).isEqualTo("mine.txt");
            assertThat(valid.header("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"mine.txt\""));
            assertThat(valid.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(repointed.status()).isEqualTo(403);
            assertThat(anotherOwner.status()).isEqualTo(403);
            assertThat(expired.status()).isEqualTo(403);
            assertThat((String) expired.jsonObject().get("error")).contains("expired");
        }
    }
}
