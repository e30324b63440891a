package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.RequestContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThisMachineTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, localhost:8080, true",
        "127.0.0.1, localhost, true",
        "127.0.0.1, 127.0.0.1:8080, true",
        "127.0.0.2, 127.0.0.1:8080, true",
        "0:0:0:0:0:0:0:1, [::1]:8080, true",
        "::1, [::1], true",
        "127.0.0.1, LOCALHOST:8080, true",
        "192.168.1.20, localhost:8080, false",
        "::ffff:192.168.1.20, localhost:8080, false",
        "127.0.0.1, 192.168.1.20:8080, false",
        "127.0.0.1, localhost.attacker.example, false",
        "127.0.0.1, localhost:8080@attacker.example, false",
        "127.0.0.1, 127.0.0.1.nip.io, false",
        "127.0.0.1, , false",
        "localhost, localhost:8080, false",
        ", localhost:8080, false",
    })
    void onlyLoopbackCallersUsingALoopbackNameAreOnThisMachine(String sourceIp, String host, boolean local) {
        Map<String, String> headers = new HashMap<>();
        if (host != null) {
            headers.put("Host", host);
        }
        ApiRequest request = new ApiRequest(
                "POST",
                "/auth/demo-token",
                Map.of(),
                Headers.ofSingle(headers),
                new byte[0],
                RequestContext.of("request-1", sourceIp, Instant.now()));

        assertThat(ThisMachine.isCaller(request)).isEqualTo(local);
    }

    @Test
    void aHostHeaderIsANameAndAnOptionalPort() {
        assertThat(ThisMachine.hostName(Optional.of("Skyhook.Example:8443"))).contains("skyhook.example");
        assertThat(ThisMachine.hostName(Optional.of("[FD00::2]:8080"))).contains("[fd00::2]");
        assertThat(ThisMachine.hostName(Optional.of("192.0.2.2"))).contains("192.0.2.2");
        for (String malformed :
                new String[] {"", " ", "a:b:c", "host:99999999", "user@host", "host/path", "[::1", "two words"}) {
            assertThat(ThisMachine.hostName(Optional.of(malformed)))
                    .as(malformed)
                    .isEmpty();
        }
        assertThat(ThisMachine.hostName(Optional.empty())).isEmpty();
    }
}
