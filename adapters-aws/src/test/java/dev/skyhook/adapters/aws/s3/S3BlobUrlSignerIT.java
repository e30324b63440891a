package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Presigned URLs used by a plain HTTP client against a server that checks SigV4 (S3Proxy), as a browser would. */
class S3BlobUrlSignerIT {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final byte[] PNG_BYTES = "not really a PNG, but S3 does not look".getBytes(StandardCharsets.UTF_8);

    private static S3Clients clients;
    private static S3BlobStore store;
    private static S3BlobUrlSigner signer;
    private final HttpClient http = HttpClient.newHttpClient();
    private String prefix;

    @BeforeAll
    static void openBucket() {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("signer");
        clients = bucket.openClients();
        store = new S3BlobStore(clients.client(), bucket.settings());
        signer = new S3BlobUrlSigner(clients.presigner(), bucket.settings());
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @BeforeEach
    void newPrefix() {
        prefix = "signed-" + UUID.randomUUID() + "/";
    }

    @Test
    void presignedGetDownloadsTheBytesAsAnAttachmentThatNeverRenders() throws Exception {
        BlobKey key = key("files/분기 보고서 (최종)+1.html");
        store.put(key, PNG_BYTES, "text/html");

        SignedRequest get = signer.signGet(key, TTL);
        HttpResponse<byte[]> response = send(get, HttpRequest.BodyPublishers.noBody());

        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.headers()).isEmpty();
        assertThat(get.expiresAt()).isCloseTo(Instant.now().plus(TTL), within(5, ChronoUnit.SECONDS));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PNG_BYTES);
        // S3Proxy applies S3's response overrides, as S3 does: the stored text/html is not what the browser sees.
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains(
                        "attachment; filename=\"__ ___ (__)+1.html\"; filename*=UTF-8''%EB%B6%84%EA%B8%B0%20%EB%B3%B4%EA%B3%A0%EC%84%9C%20%28%EC%B5%9C%EC%A2%85%29%2B1.html");
        assertThat(response.headers().firstValue("Cache-Control")).contains("private");
        Instant expires = ZonedDateTime.parse(
                        response.headers().firstValue("Expires").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        assertThat(expires).isBetween(get.expiresAt().minusSeconds(2), get.expiresAt());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "response-content-disposition",
                "response-content-type",
                "response-cache-control",
                "response-expires"
            })
    void theOverridesAreSignedSoDroppingOrChangingOneIsRefused(String parameter) throws Exception {
        BlobKey key = key("files/page.html");
        store.put(key, PNG_BYTES, "text/html");
        URI signed = signer.signGet(key, TTL).url();
        String query = signed.getRawQuery();
        assertThat(query).contains(parameter + "=");

        String dropped = Arrays.stream(query.split("&"))
                .filter(p -> !p.startsWith(parameter + "="))
                .collect(Collectors.joining("&"));
        String changed = Arrays.stream(query.split("&"))
                .map(p -> p.startsWith(parameter + "=")
                        ? parameter + "=" + URLEncoder.encode("text/html", StandardCharsets.UTF_8)
                        : p)
                .collect(Collectors.joining("&"));

        assertThat(get(signed).statusCode()).isEqualTo(200);
        assertThat(get(withQuery(signed, dropped)).statusCode()).isEqualTo(403);
        assertThat(get(withQuery(signed, changed)).statusCode()).isEqualTo(403);
    }

    @Test
    void tamperedSignatureIsRefused() throws Exception {
        BlobKey key = key("a.png");
        store.put(key, PNG_BYTES, "image/png");
        URI signed = signer.signGet(key, TTL).url();

        String query = signed.getRawQuery();
        int signatureEnd = query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length() + 64;
        char last = query.charAt(signatureEnd - 1);
        String tampered =
                query.substring(0, signatureEnd - 1) + (last == '0' ? '1' : '0') + query.substring(signatureEnd);

        assertThat(get(signed).statusCode()).isEqualTo(200);
        assertThat(get(withQuery(signed, tampered)).statusCode()).isEqualTo(403);
    }

    @Test
    void urlRepointedAtAnotherKeyIsRefused() throws Exception {
        BlobKey signedKey = key("mine.png");
        BlobKey otherKey = key("theirs.png");
        store.put(signedKey, PNG_BYTES, "image/png");
        store.put(otherKey, PNG_BYTES, "image/png");
        URI signed = signer.signGet(signedKey, TTL).url();

        URI repointed = URI.create(signed.toString().replace("/mine.png?", "/theirs.png?"));

        assertThat(get(signed).statusCode()).isEqualTo(200);
        assertThat(repointed).isNotEqualTo(signed);
        assertThat(get(repointed).statusCode()).isEqualTo(403);
    }

    @Test
    void expiredUrlIsRefused() throws Exception {
        BlobKey key = key("soon-gone.png");
        store.put(key, PNG_BYTES, "image/png");
        SignedRequest shortLived = signer.signGet(key, Duration.ofSeconds(2));
        assertThat(get(shortLived.url()).statusCode()).isEqualTo(200);

        // The server counts from X-Amz-Date, which has whole seconds: a second more makes sure.
        Thread.sleep(Math.max(
                        0,
                        Duration.between(Instant.now(), shortLived.expiresAt()).toMillis())
                + 1_100);

        assertThat(get(shortLived.url()).statusCode()).isEqualTo(403);
    }

    @Test
    void presignedPutStoresTheUploadWithTheSignedContentType() throws Exception {
        BlobKey key = key("uploads/사진 1.png");

        SignedRequest put = signer.signPut(key, "image/png", PNG_BYTES.length, TTL);
        HttpResponse<byte[]> response = send(put, HttpRequest.BodyPublishers.ofByteArray(PNG_BYTES));

        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.headers())
                .isEqualTo(Map.of("content-type", "image/png", "content-length", Integer.toString(PNG_BYTES.length)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.stat(key).map(info -> new BlobInfo(info.key(), info.length(), info.contentType())))
                .contains(new BlobInfo(key, PNG_BYTES.length, "image/png"));
        assertThat(store.open(key).orElseThrow().readAllBytes()).isEqualTo(PNG_BYTES);
    }

    @Test
    void presignedPutRefusesAnotherLength() throws Exception {
        BlobKey key = key("uploads/longer.png");
        SignedRequest put = signer.signPut(key, "image/png", PNG_BYTES.length, TTL);

        byte[] longer =
                (new String(PNG_BYTES, StandardCharsets.UTF_8) + " and then some").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send(put, HttpRequest.BodyPublishers.ofByteArray(longer));

        assertThat(response.statusCode()).isIn(400, 403);
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void presignedPutRefusesAnotherContentType() throws Exception {
        BlobKey key = key("uploads/actually-html.png");
        SignedRequest put = signer.signPut(key, "image/png", PNG_BYTES.length, TTL);

        HttpRequest.Builder request = HttpRequest.newBuilder(put.url())
                .header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG_BYTES));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isIn(400, 403);
        assertThat(store.stat(key)).isEmpty();
    }

    private BlobKey key(String name) {
        return new BlobKey(prefix + name);
    }

    /**
     * Sends {@code signed} with its headers. Content-Length is one the JDK client will not let a
     * caller set (like browsers): it sends the body's length, so a signed length must match the body.
     */
    private HttpResponse<byte[]> send(SignedRequest signed, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.url()).method(signed.method(), body);
        signed.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI withQuery(URI url, String rawQuery) {
        String text = url.toString();
        return URI.create(text.substring(0, text.indexOf('?') + 1) + rawQuery);
    }
}
