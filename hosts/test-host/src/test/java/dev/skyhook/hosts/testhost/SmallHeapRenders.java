package dev.skyhook.hosts.testhost;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.TestHostClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Run in a child JVM with a small heap by {@link SmallHeapRenderTest}: stores the JPEG named by
 * {@code args[0]} as an upload and asks for four different uncached variants of it at once. Prints
 * one status per line and the peak heap; exits 0 unless something other than 200 or 503 came back
 * (an OutOfMemoryError ends the JVM with a non-zero status of its own).
 */
public final class SmallHeapRenders {
    private SmallHeapRenders() {}

    public static void main(String[] args) throws Exception {
        TestHost host = new TestHost(AccessLog.discarding(), "");
        String key = "post/big-" + System.nanoTime() + ".jpg";
        host.blobs().put(new BlobKey(key), Files.readAllBytes(Path.of(args[0])), "image/jpeg");
        TestHostClient client = new TestHostClient(host);
        List<String> queries = List.of("", "?w=3840", "?w=2048&fmt=png", "?w=1920&h=1080&fit=cover");
        ExecutorService requests = Executors.newFixedThreadPool(queries.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HostResponse>> answers = new ArrayList<>();
        for (String query : queries) {
            answers.add(requests.submit(() -> {
                start.await();
                return client.send(HostRequest.get("/img/" + key + query));
            }));
        }
        start.countDown();
        boolean ok = true;
        for (int i = 0; i < queries.size(); i++) {
            HostResponse answer = answers.get(i).get();
            System.out.println("status " + answer.status() + " " + queries.get(i) + " "
                    + answer.header("Retry-After").orElse("") + " "
                    + (answer.status() == 200 ? "" : new String(answer.body())));
            ok &= answer.status() == 200
                    || (answer.status() == 503 && answer.header("Retry-After").isPresent());
        }
        requests.shutdown();
        System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        System.exit(ok ? 0 : 1);
    }
}
