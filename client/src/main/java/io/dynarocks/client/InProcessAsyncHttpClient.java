package io.dynarocks.client;

import io.dynarocks.server.Dispatcher;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * An asynchronous SDK HTTP client that hands each request to a server's {@link Dispatcher} on a
 * worker thread, without a socket, so the caller gets its future back at once as over HTTP.
 */
public final class InProcessAsyncHttpClient implements SdkAsyncHttpClient {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Delivery delivery;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dynarocks-in-process-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public InProcessAsyncHttpClient(Dispatcher dispatcher) {
        this(Delivery.unsigned(dispatcher));
    }

    InProcessAsyncHttpClient(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        SdkAsyncHttpResponseHandler handler = request.responseHandler();
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CompletableFuture<Void> received = request.requestContentPublisher() == null
                ? CompletableFuture.completedFuture(null)
                : SdkPublisher.adapt(request.requestContentPublisher()).subscribe(buffer -> append(body, buffer));
        received.thenRunAsync(() -> {
            Dispatcher.Reply reply = delivery.deliver(request.request(), body.toByteArray());
            handler.onHeaders(Exchange.response(reply));
            handler.onStream(new SingleBufferPublisher(reply.body(), delivered));
        }, workers).whenComplete((ignored, failure) -> {
            if (failure != null) {
                handler.onError(failure);
                delivered.completeExceptionally(failure);
            }
        });
        return delivered;
    }

    private static void append(ByteArrayOutputStream body, ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        body.write(bytes, 0, bytes.length);
    }

    @Override
    public String clientName() {
        return "DynaRocksInProcess";
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
