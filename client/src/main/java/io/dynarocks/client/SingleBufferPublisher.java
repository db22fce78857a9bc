package io.dynarocks.client;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Publishes one response body to one subscriber, then completes {@code delivered}. */
final class SingleBufferPublisher implements Publisher<ByteBuffer> {

    private final byte[] body;
    private final CompletableFuture<Void> delivered;

    SingleBufferPublisher(byte[] body, CompletableFuture<Void> delivered) {
        this.body = body;
        this.delivered = delivered;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        AtomicBoolean done = new AtomicBoolean();
        subscriber.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    if (done.compareAndSet(false, true)) {
                        IllegalArgumentException e = new IllegalArgumentException("Rule 3.9: request " + n);
                        subscriber.onError(e);
                        delivered.completeExceptionally(e);
                    }
                    return;
                }
                // Set before onNext, which may call request() again from inside.
                if (done.compareAndSet(false, true)) {
                    subscriber.onNext(ByteBuffer.wrap(body).asReadOnlyBuffer());
                    subscriber.onComplete();
                    delivered.complete(null);
                }
            }

            @Override
            public void cancel() {
                done.set(true);
                delivered.complete(null);
            }
        });
    }
}
