package dev.skyhook.hosts.server;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names this server answers for in {@code Host}: loopback names always, the address it is bound to
 * ({@code SERVER_HOST}) when that is one address, and the names listed in {@code ALLOWED_HOSTS}. A request for
 * any other name is refused before it is routed: whoever made the browser send it (a rebound DNS name, a
 * misconfigured proxy) is not talking to this server on purpose. {@code ALLOWED_HOSTS=*} turns the check off,
 * for a proxy in front that checks {@code Host} itself.
 */
final class AllowedHosts {
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9a-f:.]+)\\]?");
    private static final Set<String> EVERY_INTERFACE = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private final Set<String> names;
    private final boolean any;

    private AllowedHosts(Set<String> names, boolean any) {
        this.names = Set.copyOf(names);
        this.any = any;
    }

    /** {@code allowedHosts}: {@code ALLOWED_HOSTS}, names or addresses separated by commas; {@code bindHost}: {@code SERVER_HOST}. */
    static AllowedHosts parse(String allowedHosts, Optional<String> bindHost) {
        Set<String> names = new LinkedHashSet<>();
        boolean any = false;
        for (String entry : allowedHosts.split(",")) {
            String name = entry.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("*")) {
                any = true;
                continue;
            }
            names.add(normalised(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "ALLOWED_HOSTS lists host names or IP addresses without ports, like skyhook.example.com,192.0.2.10; '"
                                    + entry.strip() + "' is not one")));
        }
        bindHost.map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty() && !EVERY_INTERFACE.contains(host))
                .flatMap(AllowedHosts::normalised)
                .ifPresent(names::add);
        return new AllowedHosts(names, any);
    }

    /** A name as {@link ThisMachine#hostName} gives it: lower case, IPv6 in brackets. */
    private static Optional<String> normalised(String name) {
        if (name.contains(":")) {
            Matcher v6 = IPV6.matcher(name);
            return v6.matches() ? Optional.of("[" + v6.group(1) + "]") : Optional.empty();
        }
        return NAME.matcher(name).matches() && name.length() <= 253 ? Optional.of(name) : Optional.empty();
    }

    /** Whether a request with this {@code Host} header is served. */
    boolean allows(Optional<String> host) {
        if (any) {
            return true;
        }
        return ThisMachine.hostName(host)
                .filter(name -> ThisMachine.isLoopbackName(name) || names.contains(name))
                .isPresent();
    }
}
