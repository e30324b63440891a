package dev.skyhook.adapters.aws.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real DynamoDB API for tests: DynamoDB Local 2.x in this JVM, in memory, on a free loopback port.
 * {@code ServerRunner} has no host option and would listen on every interface, so the Jetty
 * connectors are bound to 127.0.0.1 before it starts.
 */
public final class DynamoDbLocalServer {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocalServer shared;

    private final DynamoDBProxyServer proxy;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer proxy, int port) {
        this.proxy = proxy;
        this.port = port;
    }

    /** One server for the whole test JVM, stopped when the JVM exits. */
    public static synchronized DynamoDbLocalServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly, "dynamodb-local-stop"));
        }
        return shared;
    }

    /** A server of its own, for tests that stop it. */
    public static DynamoDbLocalServer start() {
        try {
            // It refuses port 0, so take a free port first; the loopback binding below keeps it private.
            int port = freePort();
            DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            for (Connector connector : jetty(proxy).getConnectors()) {
                ((ServerConnector) connector).setHost("127.0.0.1");
            }
            proxy.start();
            return new DynamoDbLocalServer(proxy, port);
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local", e);
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

    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop DynamoDB Local", e);
        }
    }

    private void stopQuietly() {
        try {
            proxy.stop();
        } catch (Exception | Error e) {
            // The JVM is exiting; the server dies with it.
        }
    }
}
