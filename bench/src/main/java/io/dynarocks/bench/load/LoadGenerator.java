package io.dynarocks.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Drives a DynamoDB endpoint with the AWS SDK v2 (sync, Apache 5 client) and prints one JSON line
 * per (workload, threads) run: ops/s, p50 and p99 latency, errors, or {@code "unsupported"} when the
 * server answers UnknownOperationException.
 *
 * <pre>
 * java -cp dynarocks-bench.jar io.dynarocks.bench.load.LoadGenerator --endpoint http://127.0.0.1:8000 \
 *     --label dynarocks --workloads put,get --threads 1,16 --seconds 5 --items 100000 --item-bytes 1024 \
 *     [--no-preload | --preload-only [--server-pid PID]]
 * </pre>
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        URI endpoint = URI.create(opts.getOrDefault("endpoint", "http://127.0.0.1:8000"));
        String label = opts.getOrDefault("label", endpoint.toString());
        List<String> workloads = List.of(opts.getOrDefault("workloads", String.join(",", Workloads.ALL.keySet()))
                .split(","));
        int[] threadCounts = java.util.Arrays.stream(opts.getOrDefault("threads", "1,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "5"));
        double warmup = Double.parseDouble(opts.getOrDefault("warmup-seconds", "1"));
        DataSet data = new DataSet(opts.getOrDefault("table", "bench"),
                Integer.parseInt(opts.getOrDefault("items", "100000")),
                Integer.parseInt(opts.getOrDefault("item-bytes", "1024")));
        int maxThreads = java.util.Arrays.stream(threadCounts).max().orElse(1);
        try (DynamoDbClient client = client(endpoint, Math.max(16, maxThreads))) {
            if (!opts.containsKey("no-preload")) {
                long pid = Long.parseLong(opts.getOrDefault("server-pid", "-1"));
                double idleRss = pid > 0 ? StartupProbe.rssMb(pid) : -1;
                long start = System.nanoTime();
                data.create(client);
                data.preload(client, 16);
                double preloadSeconds = (System.nanoTime() - start) / 1e9;
                // RSS settles once the last writes are flushed and the heap has grown.
                Thread.sleep(1000);
                System.out.printf(Locale.ROOT, "{\"label\":\"%s\",\"items\":%d,\"itemBytes\":%s,"
                        + "\"preloadSeconds\":%.2f,\"idleRssMb\":%.1f,\"rssAfterPreloadMb\":%.1f}%n", label,
                        data.items, opts.getOrDefault("item-bytes", "1024"), preloadSeconds, idleRss,
                        pid > 0 ? StartupProbe.rssMb(pid) : -1);
            }
            if (opts.containsKey("preload-only")) {
                return;
            }
            // The client's own JIT warm-up would otherwise be charged to whichever run comes first.
            double clientWarmup = Double.parseDouble(opts.getOrDefault("client-warmup-seconds", "5"));
            run(client, data, label, "get", Workloads.ALL.get("get"), maxThreads, clientWarmup, 0);
            for (String workload : workloads) {
                Workloads.Request request = Workloads.ALL.get(workload);
                if (request == null) {
                    throw new IllegalArgumentException("unknown workload " + workload + "; known: "
                            + Workloads.ALL.keySet());
                }
                for (int threads : threadCounts) {
                    System.out.println(run(client, data, label, workload, request, threads, warmup, seconds));
                    System.out.flush();
                }
            }
        }
    }

    static String run(DynamoDbClient client, DataSet data, String label, String workload,
            Workloads.Request request, int threads, double warmupSeconds, double seconds) throws InterruptedException {
        String head = String.format(Locale.ROOT, "{\"label\":\"%s\",\"workload\":\"%s\",\"threads\":%d,",
                label, workload, threads);
        try {
            request.issue(client, data, ThreadLocalRandom.current());
        } catch (DynamoDbException e) {
            if (Workloads.isUnsupported(e)) {
                return head + "\"status\":\"unsupported\"}";
            }
            return head + "\"status\":\"error\",\"message\":\"" + e.awsErrorDetails().errorCode() + "\"}";
        }
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long end = warmupEnd + (long) (seconds * 1e9);
        Latencies[] latencies = new Latencies[threads];
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Latencies mine = new Latencies();
            latencies[t] = mine;
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    long before = System.nanoTime();
                    if (before >= end) {
                        return;
                    }
                    try {
                        request.issue(client, data, random);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    if (before >= warmupEnd) {
                        mine.add(System.nanoTime() - before);
                    }
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long[] sorted = Latencies.merged(latencies);
        return head + String.format(Locale.ROOT,
                "\"status\":\"ok\",\"ops\":%d,\"opsPerSec\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"errors\":%d}",
                sorted.length, sorted.length / seconds, Latencies.quantileMillis(sorted, 0.50),
                Latencies.quantileMillis(sorted, 0.99), errors.get());
    }

    static DynamoDbClient client(URI endpoint, int connections) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .httpClient(Apache5HttpClient.builder().maxConnections(connections)
                        .connectionTimeout(Duration.ofSeconds(5)).build())
                // Failures must show as errors, not as retried (and so slower) successes.
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(name, flag ? "true" : args[++i]);
        }
        return opts;
    }
}
