package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.core.contract.BlobStoreContract;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ListedBlob;
import dev.skyhook.core.port.out.BlobStore;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The blob store contract, and what is particular to S3, against a real S3 API server (S3Proxy). */
class S3BlobStoreIT extends BlobStoreContract {
    private static S3TestBucket bucket;
    private static S3Clients clients;

    @BeforeAll
    static void openBucket() {
        bucket = S3ProxyServer.shared().createBucket("blob-store");
        clients = bucket.openClients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @Override
    protected BlobStore store() {
        return new S3BlobStore(clients.client(), bucket.settings());
    }

    @Test
    void objectKeysAreTheBlobKeysVerbatim() {
        BlobKey key = new BlobKey("verbatim/김민준 사진+1 (2)&'🦄.png");

        store().put(key, new byte[] {1}, "image/png");

        assertThat(objectKeysUnder("verbatim/")).containsExactly(key.value());
    }

    @Test
    void listsEveryKeyAcrossPages() {
        BlobStore smallPages = new S3BlobStore(clients.client(), bucket.settings(), 2);
        List<BlobKey> keys = IntStream.range(0, 5)
                .mapToObj(i -> new BlobKey("paged/" + i + ".txt"))
                .toList();
        keys.forEach(key -> smallPages.put(key, new byte[] {1}, "text/plain"));

        assertThat(smallPages.list("paged/")).containsExactlyElementsOf(keys);
    }

    @Test
    void listsSizesAcrossPagesAndStopsAtTheLimit() {
        BlobStore smallPages = new S3BlobStore(clients.client(), bucket.settings(), 2);
        List<BlobKey> keys = IntStream.range(0, 5)
                .mapToObj(i -> new BlobKey("sized/" + i + ".txt"))
                .toList();
        keys.forEach(key -> smallPages.put(key, new byte[key.value().charAt(6) - '0'], "text/plain"));

        assertThat(smallPages.listWithSizes("sized/", 10))
                .extracting(ListedBlob::length)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(smallPages.listWithSizes("sized/", 3))
                .extracting(ListedBlob::key)
                .containsExactlyElementsOf(keys.subList(0, 3));
    }

    @Test
    void leavesOutObjectsItCannotAddress() {
        String folderMarker = "markers/post/";
        String decomposedKey = "markers/cafe\u0301.txt"; // BlobKeys are NFC, so this one has no BlobKey
        putObjectDirectly(folderMarker);
        putObjectDirectly(decomposedKey);
        store().put(new BlobKey("markers/post/a.jpg"), new byte[] {1}, "image/jpeg");

        assertThat(objectKeysUnder("markers/")).contains(folderMarker, decomposedKey);
        assertThat(store().list("markers/")).containsExactly(new BlobKey("markers/post/a.jpg"));
        assertThat(store().listWithSizes("markers/", 10))
                .containsExactly(new ListedBlob(new BlobKey("markers/post/a.jpg"), 1));
    }

    private void putObjectDirectly(String key) {
        clients.client()
                .putObject(
                        request -> request.bucket(bucket.settings().bucket())
                                .key(key)
                                .overrideConfiguration(call -> call.addPlugin(S3BlobStore.WHOLE_BODY)),
                        RequestBody.empty());
    }

    private List<String> objectKeysUnder(String prefix) {
        return clients
                .client()
                .listObjectsV2(
                        request -> request.bucket(bucket.settings().bucket()).prefix(prefix))
                .contents()
                .stream()
                .map(S3Object::key)
                .toList();
    }
}
