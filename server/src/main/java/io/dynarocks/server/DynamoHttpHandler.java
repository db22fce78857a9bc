package io.dynarocks.server;

import io.dynarocks.engine.OperationRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * Reads DynamoDB's JSON-over-HTTP requests and hands them to the {@link Dispatcher} on a worker
 * pool, so long storage work never blocks the event loop. {@code GET /metrics} serves Prometheus
 * metrics; any other GET answers a health check.
 *
 * <p>Single-item operations without fsync take microseconds, less than the two thread hand-offs
 * of the pool (measured in bench/RESULTS.md), so those run on the event loop itself.
 */
@ChannelHandler.Sharable
final class DynamoHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final byte[] HEALTHY = "healthy: dynarocks\n".getBytes(StandardCharsets.UTF_8);

    private static final Set<String> POINT_OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem")
            .stream().map(name -> OperationRegistry.DYNAMODB + "." + name).collect(Collectors.toUnmodifiableSet());

    private final Dispatcher dispatcher;
    private final ExecutorService workers;
    private final Supplier<String> metrics;
    private final boolean pointOperationsInline;

    /** @param pointOperationsInline run single-item operations on the event loop (false when writes fsync) */
    DynamoHttpHandler(Dispatcher dispatcher, ExecutorService workers, Supplier<String> metrics,
            boolean pointOperationsInline) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.metrics = metrics;
        this.pointOperationsInline = pointOperationsInline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.method().equals(HttpMethod.GET) && isMetrics(request.uri())) {
            send(ctx, 200, metrics.get().getBytes(StandardCharsets.UTF_8), ServerMetrics.CONTENT_TYPE, keepAlive);
            return;
        }
        if (request.method().equals(HttpMethod.GET)) {
            send(ctx, 200, HEALTHY, "text/plain; charset=utf-8", keepAlive);
            return;
        }
        String target = request.headers().get("X-Amz-Target");
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (pointOperationsInline && target != null && POINT_OPERATIONS.contains(target)) {
            Dispatcher.Reply reply = dispatcher.dispatch(target, body);
            send(ctx, reply.status(), reply.body(), "application/x-amz-json-1.0", keepAlive);
            return;
        }
        try {
            workers.execute(() -> {
                Dispatcher.Reply reply = dispatcher.dispatch(target, body);
                ctx.executor().execute(() ->
                        send(ctx, reply.status(), reply.body(), "application/x-amz-json-1.0", keepAlive));
            });
        } catch (RejectedExecutionException e) {
            ctx.close();
        }
    }

    private static boolean isMetrics(String uri) {
        return uri.equals("/metrics") || uri.startsWith("/metrics?");
    }

    private static void send(ChannelHandlerContext ctx, int status, byte[] body, String contentType,
            boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        CRC32 crc = new CRC32();
        crc.update(body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amz-crc32", Long.toString(crc.getValue()))
                .set("x-amzn-RequestId", requestId());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A random UUID-formatted id; UUID.randomUUID() would serialize every response on one SecureRandom. */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
