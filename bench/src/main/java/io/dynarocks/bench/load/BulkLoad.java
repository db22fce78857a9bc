package io.dynarocks.bench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many items: loads a table by BatchWriteItem (25 items per request) through the lean client and
 * prints the load rate, the server's resident memory sampled every second during the load and after
 * it, GetItem and Query p99 on the first 10,000 items before the load and on the whole table after it,
 * and GetItem throughput second by second after the load (how soon compactions stop costing reads).
 * With {@code --load-only} it only creates the table, loads it and prints the load line (for A/B runs of
 * the server's CPU per item). A batch the server refuses for now (503 while RocksDB holds writes back, or
 * items left unprocessed) is sent again after a pause, as an SDK would, and counted in {@code retries}.
 *
 * <pre>
 * java -cp dynarocks-bench.jar io.dynarocks.bench.load.BulkLoad --endpoint http://127.0.0.1:8000 \
 *     --server-pid PID --items 10000000 --item-bytes 200 --threads 16 [--label dynarocks-rocksdb] [--load-only]
 * </pre>
 */
public final class BulkLoad {

    private static final int SMALL = 10_000;
    private static final int BATCH = 25;
    private static final AtomicLong RETRIES = new AtomicLong();

    private BulkLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadGenerator.options(args);
        URI endpoint = URI.create(opts.getOrDefault("endpoint", "http://127.0.0.1:8000"));
        String label = opts.getOrDefault("label", "dynarocks-rocksdb");
        long pid = Long.parseLong(opts.getOrDefault("server-pid", "-1"));
        int items = Integer.parseInt(opts.getOrDefault("items", "1000000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "4"));
        DataSet small = new DataSet("bulk", SMALL, Integer.parseInt(opts.getOrDefault("item-bytes", "200")));
        DataSet all = new DataSet("bulk", items, Integer.parseInt(opts.getOrDefault("item-bytes", "200")));
        try (var client = LoadGenerator.client(endpoint, threads)) {
            all.create(client);
        }
        if (opts.containsKey("load-only")) {
            long cpuBefore = ProcessCpu.nanos(pid);
            long start = System.nanoTime();
            load(endpoint, all, 0, items, threads);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long cpuAfter = ProcessCpu.nanos(pid);
            System.out.printf(Locale.ROOT, "{\"label\":\"%s\",\"probe\":\"bulk-load-only\",\"items\":%d,"
                    + "\"threads\":%d,\"loadSeconds\":%.1f,\"itemsPerSec\":%.0f,\"serverCpuUsPerItem\":%.2f,"
                    + "\"retries\":%d}%n", label, items, threads, loadSeconds, items / loadSeconds,
                    cpuBefore < 0 ? -1 : (cpuAfter - cpuBefore) / 1e3 / items, RETRIES.get());
            return;
        }
        load(endpoint, all, 0, SMALL, threads);
        LoadGenerator.run(reads(endpoint, small, "get"), "raw", label, "get", threads, 5, 0);
        for (String workload : List.of("get", "query")) {
            System.out.println(LoadGenerator.run(reads(endpoint, small, workload), "raw", label + " 10,000 items",
                    workload, threads, 1, seconds, pid));
        }
        // The load, with resident memory sampled every second from its start until 20 s after its end.
        List<String> samples = new ArrayList<>();
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    samples.add(String.format(Locale.ROOT, "%.0f:%.0f", (System.nanoTime() - start) / 1e9,
                            StartupProbe.rssMb(pid)));
                    Thread.sleep(1000);
                }
            } catch (Exception e) {
                // Interrupted: the measurement is over.
            }
        }, "rss-sampler");
        if (pid > 0) {
            sampler.start();
        }
        long cpuBefore = ProcessCpu.nanos(pid);
        load(endpoint, all, SMALL, items, threads);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long cpuAfter = ProcessCpu.nanos(pid);
        // GetItem throughput second by second right after the load.
        StringBuilder recovery = new StringBuilder();
        for (int s = 1; s <= 10; s++) {
            String line = LoadGenerator.run(reads(endpoint, all, "get"), "raw", label, "get", threads, 0, 1, pid);
            Map<String, String> m = ResultsReport.parse(line);
            recovery.append(s).append(':').append(m.get("opsPerSec")).append(':')
                    .append(m.getOrDefault("serverCpuUsPerOp", "-")).append(' ');
        }
        while (pid > 0 && (System.nanoTime() - start) / 1e9 < loadSeconds + 20) {
            Thread.sleep(200);
        }
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "{\"label\":\"%s\",\"probe\":\"bulk-load\",\"items\":%d,\"itemBytes\":%s,"
                + "\"threads\":%d,\"loadSeconds\":%.1f,\"itemsPerSec\":%.0f,\"serverCpuUsPerItem\":%.2f,"
                + "\"rssEndMb\":%.0f,\"retries\":%d,\"getRecovery\":\"%s\",\"samples\":\"%s\"}%n", label, items - SMALL,
                opts.getOrDefault("item-bytes", "200"), threads, loadSeconds, (items - SMALL) / loadSeconds,
                cpuBefore < 0 ? -1 : (cpuAfter - cpuBefore) / 1e3 / (items - SMALL),
                pid > 0 ? StartupProbe.rssMb(pid) : -1, RETRIES.get(), recovery.toString().trim(),
                String.join(" ", samples));
        for (String workload : List.of("get", "query")) {
            System.out.println(LoadGenerator.run(reads(endpoint, all, workload), "raw",
                    label + " " + String.format(Locale.ROOT, "%,d", items) + " items", workload, threads, 1, seconds, pid));
        }
    }

    private static LoadGenerator.Callers reads(URI endpoint, DataSet data, String workload) {
        return LoadGenerator.raw(endpoint, data, RawWorkloads.ALL.get(workload));
    }

    /** Writes items {@code [from, to)} in batches of 25 from {@code threads} connections. */
    private static void load(URI endpoint, DataSet data, int from, int to, int threads) throws Exception {
        AtomicLong next = new AtomicLong(from);
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            RawConnection connection = new RawConnection(endpoint);
            Thread worker = new Thread(() -> {
                try (connection) {
                    long first;
                    while ((first = next.getAndAdd(BATCH)) < to) {
                        StringBuilder body = new StringBuilder("{\"RequestItems\":{\"").append(data.table).append("\":[");
                        for (long i = first; i < Math.min(first + BATCH, to); i++) {
                            body.append(i == first ? "" : ",").append("{\"PutRequest\":{\"Item\":")
                                    .append(RawWorkloads.item(data, (int) i)).append("}}");
                        }
                        byte[] json = body.append("]}}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        send(connection, json);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "bulk-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Posts one batch until all of it is written; the batch holds puts only, so sending it again is harmless. */
    private static void send(RawConnection connection, byte[] json) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int status = connection.post("BatchWriteItem", json);
            boolean unprocessed = status == 200 && connection.lastBody().contains("\"UnprocessedItems\":{\"");
            if (status == 200 && !unprocessed) {
                return;
            }
            if ((status != 503 && !unprocessed) || attempt == 50) {
                throw new IllegalStateException(status + " " + connection.lastBody());
            }
            RETRIES.incrementAndGet();
            Thread.sleep(Math.min(1000, 10L << Math.min(attempt, 6)));
        }
    }
}
