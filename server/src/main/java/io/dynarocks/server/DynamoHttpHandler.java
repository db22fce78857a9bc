package io.dynarocks.server;

import io.dynarocks.console.ConsoleAssets;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.security.AccessKey;
import io.dynarocks.storage.NonBlockingWrites;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads DynamoDB's JSON-over-HTTP requests and hands them to the {@link Dispatcher} on a worker
 * pool, so long storage work never blocks the event loop. Like DynamoDB, {@code GET /} answers a
 * health check, {@code OPTIONS} with an {@code Origin} a CORS preflight, and other methods and
 * paths {@code 404}; {@code GET /metrics} serves Prometheus metrics and {@code GET /console/…} the web
 * console's files (on the main port, unless turned off).
 *
 * <p>Single-item operations without fsync take microseconds, less than the two thread hand-offs
 * of the pool (measured in bench/RESULTS.md), so those run on the event loop itself. A single-item write
 * never waits there for a store that holds writes back (RocksDB's write stall, e.g. on a slow disk): it
 * goes to the workers, and while the store stops writes it is tried again every few milliseconds, holding
 * no thread, until it is applied or its {@code queueTimeout} from arrival runs out (503, unexecuted). Batch,
 * transaction and PartiQL writes run on the workers and are held back the same way.
 */
@ChannelHandler.Sharable
final class DynamoHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String JSON = "application/x-amz-json-1.0";
    private static final byte[] NOT_FOUND = "<UnknownOperationException/>\n".getBytes(StandardCharsets.UTF_8);

    private static final Set<String> POINT_WRITES = targets("PutItem", "UpdateItem", "DeleteItem");
    /**
     * Every data write, which a stalled store must not hold on a worker: the single-item writes, and those a
     * store refuses as a whole (one storage batch) or that answer for the part written (BatchWriteItem's
     * UnprocessedItems, BatchExecuteStatement's per-statement errors), so trying them again repeats nothing.
     */
    private static final Set<String> WRITES = targets("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");
    /** The PartiQL actions, which may be reads: served during a stall, they only wait if they turn out to write. */
    private static final Set<String> STATEMENTS = targets("ExecuteStatement", "BatchExecuteStatement",
            "ExecuteTransaction");
    /** How long a write the store held back waits before it is tried again (RocksDB flushes take longer). */
    private static final long STALL_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Set<String> POINT_OPERATIONS = targets("GetItem", "PutItem", "UpdateItem", "DeleteItem");

    private final Admission admission;
    private final CompatibilityOptions compatibility;
    private final ExecutorService workers;
    private final Supplier<String> metrics;
    private final boolean pointOperationsInline;
    private final int maxBodyBytes;
    private final boolean secure;
    private final ConsoleAssets console;
    private final long queueTimeoutNanos;

    /**
     * @param admission   verifies, routes and authorizes each request
     * @param pointOperationsInline run single-item operations on the event loop (false when writes fsync)
     * @param maxBodyBytes the request size limit, also for bodies after their content encoding is undone
     * @param secure       whether the port speaks TLS ({@code aws:SecureTransport})
     * @param compatibility which browser origins get CORS headers
     * @param console      the web console's files; null when this port serves none
     * @param queueTimeout how long a request may wait for a worker before it is answered 503 unexecuted
     */
    DynamoHttpHandler(Admission admission, ExecutorService workers, Supplier<String> metrics,
            boolean pointOperationsInline, int maxBodyBytes, boolean secure, CompatibilityOptions compatibility,
            ConsoleAssets console, Duration queueTimeout) {
        this.admission = admission;
        this.compatibility = compatibility;
        this.workers = workers;
        this.metrics = metrics;
        this.pointOperationsInline = pointOperationsInline;
        this.maxBodyBytes = maxBodyBytes;
        this.secure = secure;
        this.console = console;
        this.queueTimeoutNanos = queueTimeout.toNanos();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        // DynamoDB Local's -cors: pages of other origins get no CORS headers, so browsers refuse them.
        HttpReply reply = new HttpReply(ctx, HttpUtil.isKeepAlive(request),
                origin == null ? null : compatibility.allowOriginHeader(origin));
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            post(ctx, request, reply);
        } else if (method.equals(HttpMethod.GET)) {
            get(ctx, request, reply);
        } else if (method.equals(HttpMethod.OPTIONS) && reply.hasOrigin()) {
            reply.preflight(request.headers());
        } else {
            reply.send(404, NOT_FOUND, "application/xml");
        }
    }

    /** The GET routes: health, metrics and the console's files. */
    private void get(ChannelHandlerContext ctx, FullHttpRequest request, HttpReply reply) {
        String path = path(request.uri());
        Optional<ConsoleAssets.Asset> asset = console == null ? Optional.empty() : console.find(path);
        if (path.equals("/metrics")) {
            reply.send(200, metrics.get().getBytes(StandardCharsets.UTF_8), ServerMetrics.CONTENT_TYPE);
        } else if (path.equals("/")) {
            // DynamoDB answers "healthy: dynamodb.<region>.amazonaws.com " (trailing space included).
            String healthy = "healthy: " + host(ctx, request) + " ";
            reply.send(200, healthy.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        } else if (asset.isPresent()) {
            reply.send(200, asset.get().body(), asset.get().contentType());
        } else {
            reply.send(404, NOT_FOUND, "application/xml");
        }
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest request, HttpReply reply) {
        long deadline = System.nanoTime() + queueTimeoutNanos;
        String target = request.headers().get("X-Amz-Target");
        String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        String host = host(ctx, request);
        byte[] raw = ByteBufUtil.getBytes(request.content());
        NettySignedRequest signed = new NettySignedRequest(request, raw, ctx.channel().remoteAddress(), secure);
        AccessKey key;
        try {
            // The signature covers the body as sent, before its content encoding is undone.
            key = admission.verify(signed);
        } catch (DynamoException e) {
            Dispatcher.Reply refused = admission.reject(target, e);
            reply.send(refused.status(), refused.body(), JSON);
            return;
        }
        if (encoding != null) {
            // Routing reads the table names of the decoded body, so an encoded one is decoded (off the event
            // loop) before it is routed.
            enqueue(ctx, reply, target, deadline, () -> {
                Admission.Admitted admitted;
                try {
                    admitted = admission.admit(signed, ContentEncoding.decode(encoding, raw, maxBodyBytes), key);
                } catch (DynamoException e) {
                    Dispatcher.Reply refused = admission.reject(target, e);
                    reply.sendFromEventLoop(refused.status(), refused.body(), JSON);
                    return;
                } catch (ContentEncoding.TooLarge e) {
                    reply.tooLarge();
                    return;
                }
                if (target != null && WRITES.contains(target)) {
                    writeWithoutWaiting(new StalledWrite(ctx, reply, target, deadline, admitted.routed().database()
                            .engine().storage(), () -> answer(admitted, reply, target, host)));
                } else {
                    answer(admitted, reply, target, host);
                }
            });
            return;
        }
        Admission.Admitted admitted;
        try {
            admitted = admission.admit(signed, raw, key);
        } catch (DynamoException e) {
            Dispatcher.Reply refused = admission.reject(target, e);
            reply.send(refused.status(), refused.body(), JSON);
            return;
        }
        if (target != null && WRITES.contains(target)) {
            StalledWrite write = new StalledWrite(ctx, reply, target, deadline,
                    admitted.routed().database().engine().storage(), () -> answer(admitted, reply, target, host));
            if (pointOperationsInline && POINT_WRITES.contains(target)
                    && write.storage.writeStall() == Storage.WriteStall.NONE && tryWithoutWaiting(write.task)) {
                return;
            }
            enqueue(ctx, reply, target, deadline, () -> writeWithoutWaiting(write));
            return;
        }
        if (pointOperationsInline && target != null && POINT_OPERATIONS.contains(target)) {
            answer(admitted, reply, target, host);
            return;
        }
        enqueue(ctx, reply, target, deadline, () -> answer(admitted, reply, target, host));
    }

    private static Set<String> targets(String... actions) {
        return Set.of(actions).stream().map(name -> OperationRegistry.DYNAMODB + "." + name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Runs {@code task} on a worker, unless no worker takes it before {@code deadline} ({@link System#nanoTime}):
     * then it is answered 503 unexecuted.
     */
    private void enqueue(ChannelHandlerContext ctx, HttpReply reply, String target, long deadline, Runnable task) {
        // Whichever comes first answers: a worker taking the request, or its time in the queue running out
        // (every worker stuck, e.g. on a slow disk). Refused unexecuted, it can be retried safely.
        AtomicBoolean taken = new AtomicBoolean();
        ScheduledFuture<?> expiry = ctx.executor().schedule(() -> {
            if (taken.compareAndSet(false, true)) {
                busy(reply, target);
            }
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            workers.execute(() -> {
                if (taken.compareAndSet(false, true)) {
                    expiry.cancel(false);
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            expiry.cancel(false);
            // Every worker busy and the queue full: refuse this one now rather than queue without bound.
            busy(reply, target);
        }
    }

    /** Runs {@code write} unless the store holds writes back; false (nothing written, nothing answered) if it does. */
    private static boolean tryWithoutWaiting(Runnable write) {
        try {
            NonBlockingWrites.run(write);
            return true;
        } catch (StorageException.Stalled e) {
            return false;
        }
    }

    /** A write that must not wait for a stalled store, and what it needs to be tried again. */
    private record StalledWrite(ChannelHandlerContext ctx, HttpReply reply, String target, long deadline,
            Storage storage, Runnable task, boolean mayRead) {
        StalledWrite(ChannelHandlerContext ctx, HttpReply reply, String target, long deadline, Storage storage,
                Runnable task) {
            this(ctx, reply, target, deadline, storage, task, STATEMENTS.contains(target));
        }

        /** The same write, known to write: a PartiQL statement that a stall refused once is not a read. */
        StalledWrite writes() {
            return mayRead ? new StalledWrite(ctx, reply, target, deadline, storage, task, false) : this;
        }
    }

    /**
     * Runs a write on a worker without letting a stopped store hold the worker: while the store
     * stops writes, the write is tried again a little later, holding no thread (so reads and other requests
     * keep their workers), and refused 503 unexecuted once its deadline has passed. A write is only tried
     * while the store reports no stop, so a stall leaves no trail of failed attempts (each would hold back
     * the table's stream for a while, see StreamState). A delayed store slows each write by a short sleep
     * of RocksDB's, which a worker may take.
     */
    private void writeWithoutWaiting(StalledWrite write) {
        Storage.WriteStall stall = write.storage.writeStall();
        if (stall == Storage.WriteStall.DELAYED) {
            write.task.run();
        } else if ((stall == Storage.WriteStall.STOPPED && !write.mayRead) || !tryWithoutWaiting(write.task)) {
            // A PartiQL request is tried once even while the store stops writes: a SELECT needs none.
            retryLater(write.writes());
        }
    }

    private void retryLater(StalledWrite write) {
        long left = write.deadline - System.nanoTime();
        if (left <= 0) {
            busy(write.reply, write.target);
            return;
        }
        write.ctx.executor().schedule(() -> {
            if (write.storage.writeStall() == Storage.WriteStall.STOPPED && System.nanoTime() < write.deadline) {
                retryLater(write);
            } else {
                enqueue(write.ctx, write.reply, write.target, write.deadline, () -> writeWithoutWaiting(write));
            }
        }, Math.min(STALL_RETRY_NANOS, left), TimeUnit.NANOSECONDS);
    }

    /** Answers 503 ServiceUnavailable with Retry-After: the server is overloaded, the client should back off. */
    void busy(HttpReply reply, String target) {
        Dispatcher.Reply refused = admission.reject(target, DynamoException.serviceUnavailable());
        reply.sendRetryLater(refused.status(), refused.body(), JSON);
    }

    /** Answers an admitted request (its body decoded) from the event loop. */
    private void answer(Admission.Admitted admitted, HttpReply reply, String target, String host) {
        Dispatcher.Reply answer = admission.answer(admitted, target, host);
        reply.sendFromEventLoop(answer.status(), answer.body(), JSON);
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The host (and port) the client addressed: its {@code Host} header, else the address it connected to. */
    private static String host(ChannelHandlerContext ctx, FullHttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null && !host.isBlank()) {
            return host.trim();
        }
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        return local.getHostString() + ":" + local.getPort();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
