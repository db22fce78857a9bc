package io.dynarocks.bench.jmh;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What keeping item counts in the write batch costs (docs/design-notes.md, "Item counts"): a 1 KB item
 * put alone, with two merged counters (WriteBatch.add, what the engine does), and with two counters
 * written as absolute values per lock stripe (the alternative); and reading a counter that many
 * writes have merged into.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(2)
public class CounterBenchmark {

    private static final int KEYS = 100_000;
    private static final byte[] COUNT = {'N', 0, 0, 0, 1, 0, 0, 'c'};
    private static final byte[] BYTES = {'N', 0, 0, 0, 1, 0, 0, 'b'};

    @Param({"memory", "rocksdb"})
    public String backend;

    private BenchStore store;
    private Storage storage;
    private final byte[] value = new byte[1024];

    @Setup(Level.Trial)
    public void open() throws IOException {
        store = BenchStore.open(backend);
        storage = store.storage;
        // A counter that 200,000 writes have added to, as a busy table's would be.
        for (int i = 0; i < 200_000; i++) {
            storage.write(new WriteBatch().add(COUNT, 1));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
    }

    private static byte[] key(int i) {
        return BenchStore.itemKey(i);
    }

    @Benchmark
    public void putItem() {
        storage.write(new WriteBatch().put(key(ThreadLocalRandom.current().nextInt(KEYS)), value));
    }

    @Benchmark
    public void putItemWithMergedCounters() {
        storage.write(new WriteBatch().put(key(ThreadLocalRandom.current().nextInt(KEYS)), value)
                .add(COUNT, 1).add(BYTES, value.length));
    }

    @Benchmark
    public void putItemWithStripeCounters() {
        int stripe = ThreadLocalRandom.current().nextInt(64);
        byte[] count = ByteBuffer.allocate(9).put(COUNT).put((byte) stripe).array();
        byte[] bytes = ByteBuffer.allocate(9).put(BYTES).put((byte) stripe).array();
        storage.write(new WriteBatch().put(key(ThreadLocalRandom.current().nextInt(KEYS)), value)
                .put(count, WriteBatch.counterBytes(stripe)).put(bytes, WriteBatch.counterBytes(stripe)));
    }

    @Benchmark
    public long readMergedCounter() {
        return WriteBatch.counter(storage.get(COUNT));
    }
}
