package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for the demo conveniences (the demo API key on the demo page, demo user tokens): the caller is
 * on this machine when it connects from a loopback address AND names a loopback host. The address alone is not
 * enough: a page on another site can re-point its own name at 127.0.0.1 (DNS rebinding), and the browser then
 * sends that name in {@code Host}.
 */
final class ThisMachine {
    private static final Pattern LOOPBACK_NAME =
            Pattern.compile("localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\]");
    /** {@code name}, {@code name:port} or {@code [v6]:port}; nothing else is a Host a browser sends. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-f:.]+\\]|[^\\[\\]:/@\\s]+)(:\\d{1,5})?");

    private ThisMachine() {}

    static boolean isCaller(ApiRequest request) {
        return isLoopbackAddress(request.context().sourceIp())
                && hostName(request.headers().first("Host"))
                        .filter(ThisMachine::isLoopbackName)
                        .isPresent();
    }

    /** The name in a {@code Host} header, lower case and without its port; empty when the header is missing or malformed. */
    static Optional<String> hostName(Optional<String> host) {
        return host.map(value -> value.strip().toLowerCase(Locale.ROOT))
                .map(HOST::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1));
    }

    /** {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, as {@link #hostName} gives it. */
    static boolean isLoopbackName(String name) {
        return LOOPBACK_NAME.matcher(name).matches();
    }

    static boolean isLoopbackAddress(String ip) {
        // Only literal addresses: the host wrote them, and looking up a name could leave the machine.
        if (ip == null || !ip.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
