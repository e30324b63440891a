package dev.skyhook.hosts.testhost;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost;
import dev.skyhook.hosts.testhost.acceptance.TestHostClient;
import java.time.Clock;
import java.util.List;

class TestHostAcceptanceTest extends AcceptanceSuite {
    private final TestHost host = new TestHost(AccessLog.discarding(), API_KEY + "=unlimited", FILE_SETTINGS);
    private final HostClient client = new TestHostClient(host);

    @Override
    protected HostClient client() {
        return client;
    }

    @Override
    protected List<String> storedKeys(String prefix) {
        return host.blobs().list(prefix).stream().map(BlobKey::value).toList();
    }

    @Override
    protected long storedRideCount() {
        return host.storedRideCount();
    }

    @Override
    protected long storedUserCount() {
        return host.storedUserCount();
    }

    @Override
    protected HostClient hostWithBusyUnicorns() {
        return new TestHostClient(new TestHost(RideSettings.defaults(), Clock.systemUTC()));
    }

    @Override
    protected AcceptanceHost host() {
        return AcceptanceHost.TEST_HOST;
    }
}
