package dev.skyhook.hosts.testhost;

import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.TestHostClient;

class TestHostAcceptanceTest extends AcceptanceSuite {
    private final TestHost host = new TestHost();
    private final HostClient client = new TestHostClient(host);

    @Override
    protected HostClient client() {
        return client;
    }

    @Override
    protected long storedRideCount() {
        return host.storedRideCount();
    }
}
