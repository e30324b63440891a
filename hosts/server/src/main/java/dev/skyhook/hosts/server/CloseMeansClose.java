package dev.skyhook.hosts.server;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

/**
 * Once a request says {@code Connection: close}, nothing more is read from that connection (RFC 9112
 * 9.6: the server "MUST NOT process any further requests received on that connection"). Micronaut's
 * pipelining handler went on to run whatever followed in the same packet, so a second request smuggled
 * behind the first (after a chunked body that also claimed a {@code Content-Length}) was served.
 */
@Singleton
final class CloseMeansClose implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String HANDLER = "skyhook-close-means-close";

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    /** Adds the guard in front of Micronaut's handler on every HTTP/1 connection. */
    private record PerConnection(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, HANDLER, new Guard());
            }
        }
    }

    /** One per connection: passes messages on until the end of a request that asked to close, then drops the rest. */
    private static final class Guard extends ChannelInboundHandlerAdapter {
        private boolean closeAfterThisRequest;
        private boolean closed;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (closed) {
                ReferenceCountUtil.release(message);
                return;
            }
            if (message instanceof HttpRequest request && !HttpUtil.isKeepAlive(request)) {
                closeAfterThisRequest = true;
            }
            if (message instanceof LastHttpContent && closeAfterThisRequest) {
                closed = true;
            }
            context.fireChannelRead(message);
        }
    }
}
