package io.dynarocks.bench.load;

import io.dynarocks.server.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The ceiling for GetItem: a Netty server with DynaRocks' pipeline and event-loop count that answers
 * every request with a fixed 200 {@code {}} (the SDK reads it as "no item"), doing no work at all.
 */
public final class BaselineServer {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private BaselineServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        CRC32 crc = new CRC32();
        crc.update(BODY);
        String checksum = Long.toString(crc.getValue());
        // The same transport choice as DynaRocks: epoll where it loads, NIO with -Dio.netty.transport.noNative=true.
        NettyTransport transport = NettyTransport.available();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                transport.ioHandlerFactory());
        Fixed handler = new Fixed(checksum);
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20), handler);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("baseline listening on http://127.0.0.1:"
                + ((InetSocketAddress) channel.localAddress()).getPort() + ", " + transport.label() + " transport");
        System.out.flush();
        channel.closeFuture().sync();
    }

    @ChannelHandler.Sharable
    private static final class Fixed extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String checksum;

        Fixed(String checksum) {
            this.checksum = checksum;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(BODY));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
                    .set("x-amz-crc32", checksum)
                    .set("x-amzn-RequestId", "baseline");
            ctx.writeAndFlush(response);
        }
    }
}
