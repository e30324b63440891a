package dev.skyhook.hosts.testhost.acceptance;

/** Sends a request to one host the way that host is reached in production (events, HTTP, a call). */
@FunctionalInterface
public interface HostClient {
    HostResponse send(HostRequest request) throws Exception;
}
