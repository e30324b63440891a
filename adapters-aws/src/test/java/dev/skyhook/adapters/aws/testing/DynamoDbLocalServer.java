package dev.skyhook.adapters.aws.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB API for tests: DynamoDB Local 2.x in this JVM, in memory, on a free loopback port.
 * {@code ServerRunner} has no host option and would listen on every interface, so the Jetty
 * connectors are bound to 127.0.0.1 before it starts.
 */
public final class DynamoDbLocalServer {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocalServer shared;

    private final String[] arguments;
    private final int port;
    private DynamoDBProxyServer proxy;

    private DynamoDbLocalServer(String[] arguments, int port) {
        this.arguments = arguments;
        this.port = port;
    }

    /** One server for the whole test JVM, stopped when the JVM exits. */
    public static synchronized DynamoDbLocalServer shared() {
        if (shared == null) {
            shared = start();
            shared.warmUp();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly, "dynamodb-local-stop"));
        }
        return shared;
    }

    /** A server of its own, in memory, for tests that stop it (its tables are gone once stopped). */
    public static DynamoDbLocalServer start() {
        return startWith("-inMemory");
    }

    /**
     * A server of its own keeping its tables in {@code directory} (one shared SQLite file), so that
     * after {@link #stop()} and {@link #restart()} they are still there, as after a DynamoDB outage.
     */
    public static DynamoDbLocalServer startOnDisk(Path directory) {
        return startWith("-sharedDb", "-dbPath", directory.toAbsolutePath().toString());
    }

    private static DynamoDbLocalServer startWith(String... storage) {
        try {
            // It refuses port 0, so take a free port first; the loopback binding below keeps it private.
            int port = freePort();
            List<String> arguments = new ArrayList<>(List.of(storage));
            arguments.addAll(List.of("-port", Integer.toString(port), "-disableTelemetry"));
            DynamoDbLocalServer server = new DynamoDbLocalServer(arguments.toArray(String[]::new), port);
            server.restart();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start DynamoDB Local", e);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and storage. */
    public synchronized void restart() {
        if (proxy != null) {
            throw new IllegalStateException("DynamoDB Local is already running on port " + port);
        }
        try {
            DynamoDBProxyServer started = ServerRunner.createServerFromCommandLineArgs(arguments);
            for (Connector connector : jetty(started).getConnectors()) {
                ((ServerConnector) connector).setHost("127.0.0.1");
            }
            started.start();
            proxy = started;
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local", e);
        }
    }

    /**
     * Its first request loads SQLite and most of its classes: seconds on a busy machine, more than
     * the adapters' own call timeout. One patient request first, so tests measure a warm server.
     */
    private void warmUp() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(2)))
                .build()) {
            client.listTables();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Server jetty(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A table name no other test uses (DynamoDB wants at least three characters). */
    public static String uniqueTableName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
    }

    /** Stops answering: clients then get connection refused, as when DynamoDB cannot be reached. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop DynamoDB Local", e);
        }
        proxy = null;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception | Error e) {
            // The JVM is exiting; the server dies with it.
        }
    }
}
