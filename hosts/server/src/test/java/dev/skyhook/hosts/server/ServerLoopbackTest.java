package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who the server answers, over its real HTTP stack: it listens on loopback unless told otherwise, answers only
 * for the names it serves, and hands demo tokens only to callers on its own machine of a server not configured
 * for real users. A caller on another machine is played by a socket bound to this machine's own non-loopback
 * address: the server then sees that address as the peer, as it would a neighbour's.
 */
class ServerLoopbackTest {
    private static final String DEMO_TOKEN_BODY = "{\"username\":\"alice\"}";

    @TempDir
    Path data;

    @Test
    void byDefaultTheServerListensOnLoopbackOnly() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (EmbeddedServer server = start(Map.of())) {
            assertThat(server.getHost()).isEqualTo("127.0.0.1");
            assertThat(send(
                                    InetAddress.getLoopbackAddress(),
                                    InetAddress.getLoopbackAddress(),
                                    server.getPort(),
                                    "GET",
                                    "/hello",
                                    "localhost",
                                    null)
                            .status())
                    .isEqualTo(200);

            assertThatThrownBy(() -> new Socket(lan, server.getPort()).close())
                    .as("nothing listens on %s:%d", lan.getHostAddress(), server.getPort())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aDemoTokenIsRefusedToACallerOnAnotherMachineWhateverItsHost() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (EmbeddedServer server = start(Map.of("micronaut.server.host", lan.getHostAddress()))) {
            for (String host :
                    new String[] {"localhost:" + server.getPort(), lan.getHostAddress() + ":" + server.getPort()}) {
                Answer answer = send(lan, lan, server.getPort(), "POST", "/auth/demo-token", host, DEMO_TOKEN_BODY);

                assertThat(answer.status()).as("Host %s from %s", host, lan).isEqualTo(403);
                assertThat(answer.json()).containsOnlyKeys("error").doesNotContainKey("token");
                assertThat((String) answer.json().get("error")).contains("own machine");
            }
        }
    }

    @Test
    void aDemoTokenIsRefusedUnderANameThatIsNotLoopbackEvenFromThisMachine() throws Exception {
        try (EmbeddedServer server = start(Map.of("skyhook.env.ALLOWED_HOSTS", "skyhook.example"))) {
            InetAddress loopback = InetAddress.getLoopbackAddress();

            Answer named = send(
                    loopback,
                    loopback,
                    server.getPort(),
                    "POST",
                    "/auth/demo-token",
                    "skyhook.example",
                    DEMO_TOKEN_BODY);
            Answer local = send(
                    loopback,
                    loopback,
                    server.getPort(),
                    "POST",
                    "/auth/demo-token",
                    "localhost:" + server.getPort(),
                    DEMO_TOKEN_BODY);

            assertThat(named.status()).isEqualTo(403);
            assertThat(local.status()).isEqualTo(200);
            assertThat(local.json()).containsEntry("username", "alice").containsKey("token");
            HostResponse ride = new HttpHostClient(server.getURI())
                    .send(HostRequest.json(
                                    "POST", "/ride", "{\"PickupLocation\":{\"Latitude\":47.61,\"Longitude\":-122.28}}")
                            .withHeader("Authorization", (String) local.json().get("token")));
            assertThat(ride.status()).isEqualTo(201);
            assertThat(ride.jsonObject()).containsEntry("Rider", "alice");
        }
    }

    @Test
    void demoTokensAreNotServedWhenRealKeysOrARealJwtKeyAreConfigured() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (Map<String, Object> realUse : new Map[] {
            Map.of("skyhook.env.JWT_SECRET", TestJwts.SECRET), Map.of("skyhook.env.API_KEYS", "operator-key-0001=basic")
        }) {
            try (EmbeddedServer server = start(realUse)) {
                Answer answer = send(
                        loopback, loopback, server.getPort(), "POST", "/auth/demo-token", "localhost", DEMO_TOKEN_BODY);

                assertThat(answer.status()).as("%s", realUse.keySet()).isEqualTo(404);
                assertThat(answer.json()).doesNotContainKey("token");
            }
        }
        // Keys turned off (API_KEYS=) is a demo setting: tokens stay, for this machine.
        try (EmbeddedServer server = start(Map.of("skyhook.env.API_KEYS", ""))) {
            assertThat(send(
                                    loopback,
                                    loopback,
                                    server.getPort(),
                                    "POST",
                                    "/auth/demo-token",
                                    "localhost",
                                    DEMO_TOKEN_BODY)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void boundBeyondLoopbackARequestForAnotherNameIsRefused() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (EmbeddedServer server = start(Map.of(
                "micronaut.server.host", lan.getHostAddress(), "skyhook.env.ALLOWED_HOSTS", "skyhook.example"))) {
            int port = server.getPort();

            Answer rebound = send(lan, lan, port, "GET", "/users", "attacker.example:" + port, null);
            assertThat(rebound.status()).isEqualTo(421);
            assertThat(rebound.json()).containsOnlyKeys("error");
            assertThat(rebound.headers()).containsKey("x-request-id");
            assertThat(send(lan, lan, port, "GET", "/users", "", null).status())
                    .as("no Host at all")
                    .isIn(400, 421);

            for (String served : new String[] {
                "skyhook.example", "SKYHOOK.example:" + port, lan.getHostAddress() + ":" + port, "localhost:" + port
            }) {
                assertThat(send(lan, lan, port, "GET", "/hello", served, null).status())
                        .as(served)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void onLoopbackTooARebindingSiteIsRefused() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            InetAddress loopback = InetAddress.getLoopbackAddress();

            // What a browser sends after evil.example re-pointed its name at 127.0.0.1: the list of users is not its to
            // read.
            Answer rebound = send(
                    loopback, loopback, server.getPort(), "GET", "/users", "evil.example:" + server.getPort(), null);

            assertThat(rebound.status()).isEqualTo(421);
            assertThat(rebound.body()).doesNotContain("users");
        }
    }

    private EmbeddedServer start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(Map.of(
                "micronaut.server.port",
                -1,
                "skyhook.env.DATA_DIR",
                data.resolve("data").toString()));
        all.putAll(properties);
        return ApplicationContext.run(EmbeddedServer.class, all);
    }

    /** This machine's first IPv4 address that is not loopback; the test is skipped, saying why, on a machine without one. */
    static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address;
                }
            }
        }
        assumeTrue(
                false,
                "not checked: this machine has no non-loopback IPv4 address to play a caller on another machine");
        throw new AssertionError("unreachable");
    }

    record Answer(int status, Map<String, String> headers, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One request from {@code from} to {@code to:port}, with the {@code Host} given (none when empty), read to the end. */
    static Answer send(InetAddress from, InetAddress to, int port, String method, String path, String host, String json)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(to, port), 5_000);
            socket.setSoTimeout(10_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (!host.isEmpty()) {
                head.append("Host: ").append(host).append("\r\n");
            }
            if (json != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            Map<String, String> headers = new HashMap<>();
            String[] lines = response.substring(0, end).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
        }
    }
}
