package dev.skyhook.hosts.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * The request target as the client sent it, kept on its connection. For a target Micronaut cannot parse
 * ({@code /ride?a=%zz}) it answers with a stand-in request for {@code /}, so without this the refusal could not
 * tell which family's path was asked for, and would not answer in that family's shape.
 */
final class RequestTargets {
    private static final AttributeKey<String> TARGET = AttributeKey.valueOf(RequestTargets.class, "target");

    private RequestTargets() {}

    /** Called for each request head read on the connection, before Micronaut parses it. */
    static void remember(Channel channel, String target) {
        channel.attr(TARGET).set(target);
    }

    /** The target of the last request head read on {@code channel}. */
    static Optional<String> last(Channel channel) {
        return Optional.ofNullable(channel.attr(TARGET).get());
    }
}
