package io.dynarocks.bench.jmh;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/** Point put and get of 1 KB values over 100,000 keys, on each backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StorageBenchmark {

    private static final int KEYS = 100_000;

    @Param({"memory", "rocksdb"})
    public String backend;

    private BenchStore store;
    private Storage storage;
    private final byte[] value = new byte[1024];

    @Setup(Level.Trial)
    public void open() throws IOException {
        store = BenchStore.open(backend);
        storage = store.storage;
        for (int i = 0; i < KEYS; i += 100) {
            WriteBatch batch = new WriteBatch();
            for (int k = i; k < i + 100; k++) {
                batch.put(key(k), value);
            }
            storage.write(batch);
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
    public void put() {
        storage.write(new WriteBatch().put(key(ThreadLocalRandom.current().nextInt(KEYS)), value));
    }

    @Benchmark
    public byte[] get() {
        return storage.get(key(ThreadLocalRandom.current().nextInt(KEYS)));
    }
}
