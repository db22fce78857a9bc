package io.dynarocks.ttl;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.operation.TableNameRequest;
import io.dynarocks.protocol.operation.UpdateTimeToLiveRequest;
import java.time.Duration;

/** The TTL module wired into a server: its change hook, its two actions and its running sweeper. */
public final class TimeToLive implements AutoCloseable {

    private final TtlSweeper sweeper;

    private TimeToLive(TtlSweeper sweeper) {
        this.sweeper = sweeper;
    }

    /** Adds the expiry index hook and the TTL actions; the sweeper runs once {@link #start}ed. */
    public static TimeToLive install(Engine engine, OperationRegistry registry) {
        engine.addHook(new ExpiryIndex(engine));
        registry.register("UpdateTimeToLive", UpdateTimeToLiveRequest::decode, new UpdateTimeToLiveOperation(engine));
        registry.register("DescribeTimeToLive", TableNameRequest::decode, new DescribeTimeToLiveOperation(engine));
        return new TimeToLive(new TtlSweeper(engine));
    }

    /** Sweeps every {@code interval} until closed. */
    public TimeToLive start(Duration interval) {
        sweeper.start(interval);
        return this;
    }

    /** The sweeper, e.g. to read the per-table count of TTL deletions. */
    public TtlSweeper sweeper() {
        return sweeper;
    }

    /** Stops the sweeper; call before the engine closes. */
    @Override
    public void close() {
        sweeper.close();
    }
}
