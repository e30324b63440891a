package dev.skyhook.hosts.testhost;

import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.TestHostClient;

class TestHostAcceptanceTest extends AcceptanceSuite {
    private final HostClient client = new TestHostClient(new TestHost());

    @Override
    protected HostClient client() {
        return client;
    }
}
