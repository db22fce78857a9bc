package io.dynarocks.bench.jmh;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * {@link CounterBenchmark}'s cases timed by the calling thread's CPU time instead of wall time, which a
 * busy shared machine distorts far less: {@code java -cp dynarocks-bench.jar
 * io.dynarocks.bench.jmh.CounterCost [ops] [rounds] [backends]}. The cases run interleaved, round after round, and
 * the lowest figure of each counts.
 */
public final class CounterCost {

    private static final byte[] COUNT = {'N', 0, 0, 0, 1, 0, 0, 'c'};
    private static final byte[] BYTES = {'N', 0, 0, 0, 1, 0, 0, 'b'};

    private CounterCost() {}

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] backends = (args.length > 2 ? args[2] : "memory,rocksdb").split(",");
        for (String backend : backends) {
            Path dir = Files.createTempDirectory("dynarocks-counter");
            try (Storage storage = backend.equals("memory") ? new MemoryStorage() : RocksDbStorage.open(dir, false)) {
                byte[] value = new byte[1024];
                Random random = new Random(1);
                String[] names = {"putItem", "putItemWithMergedCounters", "putItemWithStripeCounters", "readMergedCounter"};
                IntConsumer[] cases = {
                    i -> storage.write(new WriteBatch().put(key(random.nextInt(100_000)), value)),
                    i -> storage.write(new WriteBatch().put(key(random.nextInt(100_000)), value)
                            .add(COUNT, 1).add(BYTES, value.length)),
                    i -> {
                        int stripe = random.nextInt(64);
                        storage.write(new WriteBatch().put(key(random.nextInt(100_000)), value)
                                .put(stripeKey(COUNT, stripe), WriteBatch.counterBytes(i))
                                .put(stripeKey(BYTES, stripe), WriteBatch.counterBytes(i)));
                    },
                    i -> WriteBatch.counter(storage.get(COUNT)),
                };
                double[] best = new double[cases.length];
                java.util.Arrays.fill(best, Double.MAX_VALUE);
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                for (int r = 0; r < rounds; r++) {
                    for (int c = 0; c < cases.length; c++) {
                        long start = mx.getCurrentThreadCpuTime();
                        for (int i = 0; i < ops; i++) {
                            cases[c].accept(i);
                        }
                        best[c] = Math.min(best[c], (mx.getCurrentThreadCpuTime() - start) / (double) ops);
                    }
                }
                for (int c = 0; c < cases.length; c++) {
                    System.out.printf("%s %-28s %8.0f ns CPU/op%n", backend, names[c], best[c]);
                }
            }
        }
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(12).put((byte) 'T').putInt(1).putShort((short) 0).putInt(i).put((byte) 0).array();
    }

    private static byte[] stripeKey(byte[] counter, int stripe) {
        return ByteBuffer.allocate(counter.length + 1).put(counter).put((byte) stripe).array();
    }
}
