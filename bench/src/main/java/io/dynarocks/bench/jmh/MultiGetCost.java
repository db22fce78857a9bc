package io.dynarocks.bench.jmh;

import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A BatchWriteItem's old-item reads on RocksDB: 25 point reads against one {@code Storage.getAll} of the same
 * 25 keys, by the calling thread's CPU time (best of 5 rounds of 20,000 batches), on a store of {@code keys}
 * keys with 200-byte values, for keys that are absent (a bulk load of new items) or present.
 * {@code java -cp dynarocks-bench.jar io.dynarocks.bench.jmh.MultiGetCost [keys] [absent|present]}.
 */
public final class MultiGetCost {

    private MultiGetCost() {}

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean present = args.length > 1 && args[1].equals("present");
        Path dir = Files.createTempDirectory("multi-get-cost");
        try (RocksDbStorage storage = RocksDbStorage.open(dir, false)) {
            byte[] value = new byte[200];
            for (int i = 0; i < keys; i += 25) {
                WriteBatch batch = new WriteBatch();
                for (int k = i; k < i + 25; k++) {
                    batch.put(key(k * 2L), value);
                }
                storage.write(batch);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double bestGets = Double.MAX_VALUE;
            double bestGetAll = Double.MAX_VALUE;
            for (int round = 0; round <= 5; round++) {
                List<List<byte[]>> batches = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    List<byte[]> batch = new ArrayList<>(25);
                    long base = ThreadLocalRandom.current().nextLong(keys);
                    for (int k = 0; k < 25; k++) {
                        // Even keys are stored, odd ones absent.
                        batch.add(key((base + k * 7919L) % keys * 2 + (present ? 0 : 1)));
                    }
                    batches.add(batch);
                }
                long start = threads.getCurrentThreadCpuTime();
                for (List<byte[]> batch : batches) {
                    for (byte[] key : batch) {
                        storage.get(key);
                    }
                }
                double gets = (threads.getCurrentThreadCpuTime() - start) / (double) batches.size();
                start = threads.getCurrentThreadCpuTime();
                for (List<byte[]> batch : batches) {
                    storage.getAll(batch);
                }
                double getAll = (threads.getCurrentThreadCpuTime() - start) / (double) batches.size();
                if (round > 0) { // round 0 warms up
                    bestGets = Math.min(bestGets, gets);
                    bestGetAll = Math.min(bestGetAll, getAll);
                }
            }
            System.out.printf("%,d keys, %s: 25 gets %,.0f ns CPU, getAll %,.0f ns CPU per batch of 25%n", keys,
                    present ? "present" : "absent", bestGets, bestGetAll);
        } finally {
            BenchStore.delete(dir);
        }
    }

    /** An item key's shape: a prefix, a 4-byte hash spreading the keys, then the key itself. */
    private static byte[] key(long k) {
        byte[] b = new byte[20];
        b[0] = 'T';
        int hash = Long.hashCode(k * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < 4; i++) {
            b[5 + i] = (byte) (hash >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            b[12 + i] = (byte) (k >>> (56 - 8 * i));
        }
        return b;
    }
}
