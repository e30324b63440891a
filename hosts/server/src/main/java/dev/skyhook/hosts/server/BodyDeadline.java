package dev.skyhook.hosts.server;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connection of a request whose body arrives too slowly. Netty's and Micronaut's idle
 * timeouts start again with every byte, so a client sending one byte every few seconds held a thread
 * and two descriptors for as long as it liked. Here a body gets {@link RequestBodyLimits#timeout()}
 * from the end of its headers plus time for every byte received ({@link RequestBodyLimits#allowedFor});
 * when that runs out the connection is closed, the route reading the body fails with 408
 * ({@link #wasCutOff}), and whatever it was writing is thrown away.
 */
@Singleton
final class BodyDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
    private static final String HANDLER = "skyhook-body-deadline";
    private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf(BodyDeadline.class, "cutOff");

    private final RequestBodyLimits limits;

    BodyDeadline(ServerSettings settings) {
        this.limits = settings.bodies();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null, limits));
        return event.getBean();
    }

    /** Whether the connection was closed because a request body on it was too slow. */
    static boolean wasCutOff(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(CUT_OFF).get());
    }

    /** Adds the watch in front of Micronaut's handler on every HTTP/1 connection. */
    private record PerConnection(Channel channel, RequestBodyLimits limits) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new PerConnection(channel, limits) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline()
                        .addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, HANDLER, new Watch(limits));
            }
        }
    }

    /** One per connection, on its event loop: times the body of the request being received. */
    private static final class Watch extends ChannelInboundHandlerAdapter {
        private final RequestBodyLimits limits;
        private long startedNanos;
        private long received;
        private ScheduledFuture<?> check;

        Watch(RequestBodyLimits limits) {
            this.limits = limits;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                RequestTargets.remember(context.channel(), request.uri());
            }
            if (message instanceof HttpRequest && !(message instanceof LastHttpContent)) {
                // Headers without the whole body: the body's time starts now.
                startedNanos = System.nanoTime();
                received = 0;
                schedule(context, limits.timeout().toNanos());
            }
            if (message instanceof HttpContent content) {
                received += content.content().readableBytes();
                if (message instanceof LastHttpContent) {
                    cancel();
                }
            }
            context.fireChannelRead(message);
        }

        private void schedule(ChannelHandlerContext context, long delayNanos) {
            cancel();
            check = context.executor().schedule(() -> check(context), delayNanos, TimeUnit.NANOSECONDS);
        }

        private void check(ChannelHandlerContext context) {
            long elapsed = System.nanoTime() - startedNanos;
            long allowed = limits.allowedFor(received).toNanos();
            if (elapsed < allowed) {
                schedule(context, allowed - elapsed); // bytes came in meanwhile
                return;
            }
            LOG.info(
                    "Closing the connection from {}: {} body bytes in {} s, slower than allowed",
                    context.channel().remoteAddress(),
                    received,
                    Duration.ofNanos(elapsed).toSeconds());
            context.channel().attr(CUT_OFF).set(true);
            context.channel().close();
        }

        private void cancel() {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            cancel();
            context.fireChannelInactive();
        }
    }
}
