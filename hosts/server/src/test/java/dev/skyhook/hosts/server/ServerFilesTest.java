package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.FileOwner;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server's signed download URLs over real HTTP: valid, re-pointed at another file or owner, expired, and how they may be cached. */
class ServerFilesTest {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    @Test
    void aSignedDownloadIsCachedPrivatelyNoLongerThanItsLinkAndCarriesTheFilesRealTime(@TempDir Path data)
            throws Exception {
        try (EmbeddedServer server =
                TestServer.start(data, Map.of("FILE_URL_TTL_SECONDS", "600", "JWT_SECRET", TestJwts.SECRET))) {
            HttpHostClient client = new HttpHostClient(server.getURI());
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertThat(client.send(new MultipartBody()
                                    .file(
                                            "file",
                                            "q3.pdf",
                                            "application/pdf",
                                            "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))
                                    .field("filename", "reports/q3.pdf")
                                    .post("/files")
                                    .asUser("alice"))
                            .status())
                    .isEqualTo(200);
            Instant after = Instant.now();
            URI url = URI.create((String) client.send(
                            HostRequest.get("/files?filename=reports/q3.pdf").asUser("alice"))
                    .jsonObject()
                    .get("url"));
            long expires = Long.parseLong(url.getRawQuery().replaceAll(".*expires=(\\d+).*", "$1"));
            String target = url.getRawPath() + "?" + url.getRawQuery();

            HostResponse download = client.send(HostRequest.get(target));

            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("Cache-Control")).hasValueSatisfying(value -> {
                assertThat(value).matches("private, max-age=\\d+");
                long maxAge = Long.parseLong(value.substring(value.indexOf('=') + 1));
                assertThat(maxAge)
                        .isBetween(1L, 600L)
                        .isLessThanOrEqualTo(expires - Instant.now().getEpochSecond() + 1);
            });
            assertThat(download.header("Expires")
                            .map(value -> ZonedDateTime.parse(value, HTTP_DATE).toEpochSecond()))
                    .contains(expires);
            // When the file was stored (not 1969), to the second.
            assertThat(download.header("Last-Modified")
                            .map(value -> ZonedDateTime.parse(value, HTTP_DATE).toInstant()))
                    .hasValueSatisfying(time -> assertThat(time).isBetween(before, after));
            assertThat(download.header("Content-Disposition"))
                    .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"q3.pdf\""));
            assertThat(download.header("X-Content-Type-Options")).contains("nosniff");

            // A browser asking whether its copy is still current: not modified, and no bytes.
            String lastModified = download.header("Last-Modified").orElseThrow();
            HostResponse unchanged = client.send(HostRequest.get(target).withHeader("If-Modified-Since", lastModified));
            HostResponse older = client.send(
                    HostRequest.get(target).withHeader("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"));
            assertThat(unchanged.status()).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.header("Cache-Control"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("private, max-age="));
            assertThat(older.status()).isEqualTo(200);
            assertThat(older.text()).isEqualTo("%PDF-1.7");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void signedUrlsServeTheFileUntilTheyExpireAndOnlyForTheirOwnKey(@TempDir Path data) throws Exception {
        try (EmbeddedServer server =
                TestServer.start(data, Map.of("FILE_URL_TTL_SECONDS", "1", "JWT_SECRET", TestJwts.SECRET))) {
            HttpHostClient client = new HttpHostClient(server.getURI());
            for (String name : new String[] {"mine.txt", "theirs.txt"}) {
                client.send(new MultipartBody()
                        .file("file", name, "text/plain", name.getBytes(StandardCharsets.UTF_8))
                        .field("filename", name)
                        .post("/files")
                        .asUser("me"));
            }
            client.send(new MultipartBody()
                    .file("file", "mine.txt", "text/plain", "someone else's".getBytes(StandardCharsets.UTF_8))
                    .field("filename", "mine.txt")
                    .post("/files")
                    .asUser("someone else"));
            URI url = URI.create((String)
                    client.send(HostRequest.get("/files?filename=mine.txt").asUser("me"))
                            .jsonObject()
                            .get("url"));
            String target = url.getRawPath() + "?" + url.getRawQuery();

            HostResponse valid = client.send(HostRequest.get(target));
            HostResponse repointed = client.send(HostRequest.get(target.replace("mine.txt", "theirs.txt")));
            HostResponse anotherOwner = client.send(HostRequest.get(target.replace(
                    FileOwner.of("me").segment(), FileOwner.of("someone else").segment())));
            Thread.sleep(2100);
            HostResponse expired = client.send(HostRequest.get(target));

            assertThat(valid.status()).isEqualTo(200);
            assertThat(valid.text()).isEqualTo("mine.txt");
            assertThat(valid.header("Content-Disposition"))
                    .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"mine.txt\""));
            assertThat(valid.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(repointed.status()).isEqualTo(403);
            assertThat(anotherOwner.status()).isEqualTo(403);
            assertThat(expired.status()).isEqualTo(403);
            assertThat((String) expired.jsonObject().get("error")).contains("expired");
        }
    }
}
