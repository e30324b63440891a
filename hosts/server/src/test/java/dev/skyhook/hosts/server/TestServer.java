package dev.skyhook.hosts.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the server in this process as a test needs it: a free port, its own data directory, some variables set. */
final class TestServer {
    private TestServer() {}

    /** The server on a free port with {@code DATA_DIR} set to {@code data} and {@code variables} (names as in the environment) set. */
    static EmbeddedServer start(Path data, Map<String, String> variables) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("skyhook.env.DATA_DIR", data.toString());
        variables.forEach((name, value) -> properties.put("skyhook.env." + name, value));
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    /** The server on a free port with only {@code DATA_DIR} set: the local server's defaults. */
    static EmbeddedServer start(Path data) {
        return start(data, Map.of());
    }
}
