package io.dynarocks.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guards one connection: a request must arrive whole within {@link TransportLimits#requestTimeout()} of its
 * first byte (slow-loris clients that trickle headers or body are disconnected), a connection without a
 * request closes after {@link TransportLimits#idleTimeout()}, and the bytes of requests received but not yet
 * answered count against one budget shared by all connections, so that any number of clients sending large
 * bodies cannot fill the heap: a request that would exceed it is not read into memory but answered
 * {@code 503 ServiceUnavailable}, which the AWS SDKs retry with back-off, as they do DynamoDB's.
 *
 * <p>Two handlers share the state: one before the HTTP codec sees the first raw byte of a request (before
 * its headers can be parsed), one after it sees where each request ends and its response is written.
 */
final class ConnectionGuard {

    /** The request bytes all connections of a server hold. */
    static final class Budget {
        private final long limit;
        private final AtomicLong used = new AtomicLong();

        Budget(long limit) {
            this.limit = limit;
        }

        boolean reserve(long bytes) {
            while (true) {
                long now = used.get();
                if (now + bytes > limit && now > 0) {
                    // One request alone may always use the whole budget (up to the body limit).
                    return false;
                }
                if (used.compareAndSet(now, now + bytes)) {
                    return true;
                }
            }
        }

        void release(long bytes) {
            used.addAndGet(-bytes);
        }

        long used() {
            return used.get();
        }
    }

    /** Answers a request refused for want of budget; called on the event loop, after which the guard drops it. */
    interface Refusal {
        void refuse(ChannelHandlerContext ctx, String target, boolean keepAlive);
    }

    private final TransportLimits limits;
    private final Budget budget;
    private final int maxBodyBytes;
    private final Refusal refusal;

    /** Bytes reserved per request received and not yet answered, oldest first (HTTP answers in order). */
    private final ArrayDeque<long[]> reserved = new ArrayDeque<>();
    private long[] current;
    private boolean receiving;
    private boolean shedding;
    /** Whether the current request announced its length (reserved at once) or is chunked (reserved as it comes). */
    private boolean sized;
    private boolean keepAlive;
    private String target;
    private ScheduledFuture<?> timer;

    private ConnectionGuard(TransportLimits limits, Budget budget, int maxBodyBytes, Refusal refusal) {
        this.limits = limits;
        this.budget = budget;
        this.maxBodyBytes = maxBodyBytes;
        this.refusal = refusal;
    }

    /** Adds the guard around {@code codec}, which must already be in {@code pipeline}. */
    static void install(ChannelPipeline pipeline, String codec, TransportLimits limits, Budget budget,
            int maxBodyBytes, Refusal refusal) {
        ConnectionGuard guard = new ConnectionGuard(limits, budget, maxBodyBytes, refusal);
        pipeline.addBefore(codec, "request-start", guard.new Arrival());
        pipeline.addAfter(codec, "request-budget", guard.new Requests());
    }

    /** Sees raw bytes: the first one of a request starts its deadline. */
    private final class Arrival extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            idle(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (!receiving && msg instanceof ByteBuf buf && buf.isReadable()) {
                receiving = true;
                schedule(ctx, limits.requestTimeout());
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            while (!reserved.isEmpty()) {
                budget.release(reserved.poll()[0]);
            }
            super.channelInactive(ctx);
        }
    }

    /** Sees parsed requests and written responses: reserves and releases budget, ends deadlines. */
    private final class Requests extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest request) {
                current = new long[] {0};
                reserved.add(current);
                shedding = false;
                long length = HttpUtil.getContentLength(request, -1L);
                sized = length >= 0;
                keepAlive = HttpUtil.isKeepAlive(request);
                target = request.headers().get("X-Amz-Target");
                // An oversized body is left to the aggregator, which answers 413 without reading it.
                if (length > 0 && length <= maxBodyBytes && !take(length)) {
                    shedding = true;
                }
            }
            boolean last = msg instanceof LastHttpContent;
            if (last) {
                receiving = false;
                cancel();
            }
            if (msg instanceof HttpContent content && !shedding && !sized && current != null
                    && !take(content.content().readableBytes())) {
                // A chunked body that no longer fits: its start was passed on, so the connection goes.
                shedding = true;
                ReferenceCountUtil.release(msg);
                refusal.refuse(ctx.pipeline().lastContext(), target, false);
                return;
            }
            if (shedding) {
                ReferenceCountUtil.release(msg);
                if (last && sized) {
                    // Answered from the last handler, so that the answer passes write() below like any other.
                    refusal.refuse(ctx.pipeline().lastContext(), target, keepAlive);
                }
                return;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent) {
                promise = promise.unvoid();
                promise.addListener((ChannelFutureListener) f -> answered(ctx));
            }
            super.write(ctx, msg, promise);
        }
    }

    private boolean take(long bytes) {
        if (!budget.reserve(bytes)) {
            return false;
        }
        current[0] += bytes;
        return true;
    }

    /** A response went out: its request's bytes are free, and the connection is idle unless another arrives. */
    private void answered(ChannelHandlerContext ctx) {
        long[] done = reserved.poll();
        if (done != null) {
            budget.release(done[0]);
        }
        if (reserved.isEmpty() && !receiving && ctx.channel().isActive()) {
            idle(ctx);
        }
    }

    private void idle(ChannelHandlerContext ctx) {
        schedule(ctx, limits.idleTimeout());
    }

    private void schedule(ChannelHandlerContext ctx, java.time.Duration after) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
