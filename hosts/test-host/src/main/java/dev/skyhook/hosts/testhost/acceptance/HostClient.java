package dev.skyhook.hosts.testhost.acceptance;

import java.time.Duration;

/** Sends a request to one host the way that host is reached in production (events, HTTP, a call). */
@FunctionalInterface
public interface HostClient {
    HostResponse send(HostRequest request) throws Exception;

    /**
     * Sends {@code request} again every 200 ms while it is answered 503, for at most {@code within}; returns the
     * last answer. After an outage, recovery is prompt but not instant (a pool may still be backing off).
     */
    default HostResponse sendUntilNot503(HostRequest request, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HostResponse response = send(request);
        while (response.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = send(request);
        }
        return response;
    }
}
