package io.dynarocks.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures a candidate engine of the scale-out backend on what DynaRocks' {@code Storage} SPI needs, with
 * the same workload for each: cluster start (3 members on loopback), memory, loading keys in atomic
 * batches, atomic 4-key writes (an item with its index, stream and TTL entries), ordered range scans,
 * read-modify-write commits of one hot key, and reads of 10 keys from one snapshot. One thread, so each
 * figure is the latency of one operation. Prints one JSON line per measurement.
 *
 * <pre>java -cp ... io.dynarocks.probe.EngineProbe etcd|ignite [keys] [rounds] [ignite nodes: 1 (default) or 3]</pre>
 */
public final class EngineProbe {

    /** The operations measured, as each engine provides them. */
    interface Engine extends AutoCloseable {
        /** Writes every key (with {@code value}) in one atomic transaction. */
        void putAll(List<String> keys, String value);

        /** Up to {@code limit} keys from {@code from} on, in key order. */
        List<String> scan(String from, int limit);

        /** Reads a number under {@code key} and writes it plus one, committing only if unchanged since read. */
        void increment(String key);

        /** The values of {@code keys} read from one snapshot. */
        List<String> snapshotRead(List<String> keys);

        /** Resident memory of the engine's processes (bytes). */
        long rssBytes();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path dir = Files.createTempDirectory("engine-probe-" + name);
        long baseline = ProcessMemory.rss(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        int nodes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        try (Engine engine = name.equals("ignite") ? IgniteEngine.start(dir, nodes) : EtcdEngine.start(dir)) {
            name = name.equals("ignite") ? "ignite-" + nodes + "-node" : name;
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            emit(name, "start", Map.of("seconds", startSeconds, "rssMiB", mib(engine.rssBytes()),
                    "probeJvmBaselineMiB", mib(baseline)));
            String value = "v".repeat(200);
            long load = System.nanoTime();
            for (int i = 0; i < keys; i += 100) {
                List<String> batch = new ArrayList<>();
                for (int j = i; j < Math.min(keys, i + 100); j++) {
                    batch.add(key(j));
                }
                engine.putAll(batch, value);
            }
            emit(name, "load", Map.of("keys", keys, "batch", 100,
                    "keysPerSecond", keys / ((System.nanoTime() - load) / 1e9)));
            Random random = new Random(1);
            measure(name, "atomic-4-key-write", rounds, i -> engine.putAll(List.of("item/" + i, "index/" + i,
                    "stream/" + i, "ttl/" + i), value));
            measure(name, "ordered-scan-100", rounds, i -> {
                List<String> got = engine.scan(key(random.nextInt(keys - 100)), 100);
                if (got.size() != 100 || !isSorted(got)) {
                    throw new IllegalStateException("scan out of order or short: " + got.size());
                }
            });
            engine.putAll(List.of("counter"), "0");
            measure(name, "read-modify-write", rounds, i -> engine.increment("counter"));
            measure(name, "snapshot-read-10", rounds, i -> {
                List<String> ks = new ArrayList<>();
                for (int j = 0; j < 10; j++) {
                    ks.add(key(random.nextInt(keys)));
                }
                if (engine.snapshotRead(ks).size() != 10) {
                    throw new IllegalStateException("snapshot read missed keys");
                }
            });
            emit(name, "memory-after", Map.of("rssMiB", mib(engine.rssBytes())));
        }
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static void measure(String engine, String op, int rounds, Step step) throws Exception {
        for (int i = 0; i < Math.max(10, rounds / 10); i++) {
            step.run(-1 - i); // warm-up
        }
        long[] nanos = new long[rounds];
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        emit(engine, op, Map.of("ops", rounds, "opsPerSecond", rounds / seconds,
                "p50Ms", nanos[rounds / 2] / 1e6, "p99Ms", nanos[(int) (rounds * 0.99)] / 1e6));
    }

    private static boolean isSorted(List<String> keys) {
        for (int i = 1; i < keys.size(); i++) {
            if (keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String key(int i) {
        return String.format("k%08d", i);
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static void emit(String engine, String measurement, Map<String, ?> figures) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("engine", engine);
        line.put("measurement", measurement);
        line.putAll(figures);
        StringBuilder out = new StringBuilder("{");
        line.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof String s ? '"' + s + '"' : v instanceof Double d
                        ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(v)));
        System.out.println(out.append('}'));
    }
}
