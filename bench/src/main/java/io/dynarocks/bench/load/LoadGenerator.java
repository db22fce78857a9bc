package io.dynarocks.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
 * server answers UnknownOperationException. With {@code --client raw} the same workloads go through
 * {@link RawConnection}s instead (one keep-alive connection per thread, no SDK), which costs the client
 * a fraction of the CPU, so that the server rather than the client is measured; the preload always
 * uses the SDK.
 *
 * <pre>
 * java -cp dynarocks-bench.jar io.dynarocks.bench.load.LoadGenerator --endpoint http://127.0.0.1:8000 \
 *     --label dynarocks --workloads put,get --threads 1,16 --seconds 5 --items 100000 --item-bytes 1024 \
 *     [--client sdk|raw] [--server-pid PID] [--no-preload | --preload-only [--settle-seconds S]]
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
        long pid = Long.parseLong(opts.getOrDefault("server-pid", "-1"));
        try (DynamoDbClient client = client(endpoint, Math.max(16, maxThreads))) {
            if (!opts.containsKey("no-preload")) {
                double idleRss = pid > 0 ? StartupProbe.rssMb(pid) : -1;
                long start = System.nanoTime();
                data.create(client);
                data.preload(client, 16);
                double preloadSeconds = (System.nanoTime() - start) / 1e9;
                // RSS settles once the last writes are flushed and the heap has grown.
                Thread.sleep(1000);
                double afterPreload = pid > 0 ? StartupProbe.rssMb(pid) : -1;
                // And again once the server has been idle long enough to give memory back.
                double settleSeconds = Double.parseDouble(opts.getOrDefault("settle-seconds", "0"));
                Thread.sleep((long) (settleSeconds * 1000));
                System.out.printf(Locale.ROOT, "{\"label\":\"%s\",\"items\":%d,\"itemBytes\":%s,"
                        + "\"preloadSeconds\":%.2f,\"idleRssMb\":%.1f,\"rssAfterPreloadMb\":%.1f,"
                        + "\"settleSeconds\":%.0f,\"rssSettledMb\":%.1f}%n", label, data.items,
                        opts.getOrDefault("item-bytes", "1024"), preloadSeconds, idleRss, afterPreload, settleSeconds,
                        pid > 0 ? StartupProbe.rssMb(pid) : -1);
            }
            if (opts.containsKey("preload-only")) {
                return;
            }
            // The client's own JIT warm-up would otherwise be charged to whichever run comes first.
            double clientWarmup = Double.parseDouble(opts.getOrDefault("client-warmup-seconds", "5"));
            String kind = opts.getOrDefault("client", "sdk");
            boolean raw = "raw".equals(kind);
            // --client-warmup-workloads (default get): each of them warms the client for that long, in turn.
            for (String w : opts.getOrDefault("client-warmup-workloads", "get").split(",")) {
                run(callers(raw, client, endpoint, data, w), kind, label, w, maxThreads, clientWarmup, 0);
            }
            for (String workload : workloads) {
                Callers callers = callers(raw, client, endpoint, data, workload);
                for (int threads : threadCounts) {
                    System.out.println(run(callers, kind, label, workload, threads, warmup, seconds, pid));
                    System.out.flush();
                }
            }
        }
    }

    /** One load thread's way of issuing requests of one workload; throws when a request failed. */
    interface Caller extends AutoCloseable {
        /** Issues one request; {@link UnsupportedOperationException} when the server lacks the operation. */
        void call(ThreadLocalRandom random) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** Opens a {@link Caller} for each load thread. */
    @FunctionalInterface
    interface Callers {
        Caller open() throws Exception;
    }

    /** Callers sharing one SDK client. */
    static Callers sdk(DynamoDbClient client, DataSet data, Workloads.Request request) {
        return () -> random -> {
            try {
                request.issue(client, data, random);
            } catch (DynamoDbException e) {
                if (Workloads.isUnsupported(e)) {
                    throw new UnsupportedOperationException(e);
                }
                throw e;
            }
        };
    }

    /** Callers with a {@link RawConnection} each. */
    static Callers raw(URI endpoint, DataSet data, RawWorkloads.Builder builder) {
        return () -> {
            RawConnection connection = new RawConnection(endpoint);
            return new Caller() {
                @Override
                public void call(ThreadLocalRandom random) throws Exception {
                    RawWorkloads.Request request = builder.next(data, random);
                    int status = connection.post(request.action(), request.body());
                    if (status != 200) {
                        String body = connection.lastBody();
                        if (body.contains("UnknownOperationException")) {
                            throw new UnsupportedOperationException(body);
                        }
                        throw new IllegalStateException(status + " " + body);
                    }
                }

                @Override
                public void close() throws Exception {
                    connection.close();
                }
            };
        };
    }

    static String run(DynamoDbClient client, DataSet data, String label, String workload,
            Workloads.Request request, int threads, double warmupSeconds, double seconds) throws Exception {
        return run(sdk(client, data, request), "sdk", label, workload, threads, warmupSeconds, seconds);
    }

    static String run(Callers callers, String client, String label, String workload, int threads,
            double warmupSeconds, double seconds) throws Exception {
        return run(callers, client, label, workload, threads, warmupSeconds, seconds, -1);
    }

    /**
     * One run of {@code threads} load threads; the JSON line names the client kind ({@code sdk} or
     * {@code raw}) and, given the server's process id, the server's CPU time per request over the
     * measured window ({@code serverCpuUsPerOp}).
     */
    static String run(Callers callers, String client, String label, String workload, int threads,
            double warmupSeconds, double seconds, long serverPid) throws Exception {
        String head = String.format(Locale.ROOT,
                "{\"label\":\"%s\",\"client\":\"%s\",\"workload\":\"%s\",\"threads\":%d,",
                label, client, workload, threads);
        try (Caller probe = callers.open()) {
            probe.call(ThreadLocalRandom.current());
        } catch (UnsupportedOperationException e) {
            return head + "\"status\":\"unsupported\"}";
        } catch (DynamoDbException e) {
            return head + "\"status\":\"error\",\"message\":\"" + e.awsErrorDetails().errorCode() + "\"}";
        } catch (IllegalStateException e) {
            return head + "\"status\":\"error\",\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}";
        }
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long end = warmupEnd + (long) (seconds * 1e9);
        Latencies[] latencies = new Latencies[threads];
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder callerCpu = new LongAdder();
        LongAdder callerAllocated = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Latencies mine = new Latencies();
            latencies[t] = mine;
            Caller caller = callers.open();
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                ThreadCost cost = new ThreadCost();
                try (caller) {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            return;
                        }
                        if (before >= warmupEnd) {
                            cost.start();
                        }
                        try {
                            caller.call(random);
                        } catch (Exception e) {
                            errors.computeIfAbsent(errorType(e), k -> new LongAdder()).increment();
                        }
                        if (before >= warmupEnd) {
                            mine.add(System.nanoTime() - before);
                        }
                    }
                } catch (Exception e) {
                    errors.computeIfAbsent(errorType(e), k -> new LongAdder()).increment();
                } finally {
                    cost.stop(callerCpu, callerAllocated);
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        // The server's CPU clock is read when the warm-up ends and when the last worker has stopped.
        long sleep = warmupEnd - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        long cpuStart = ProcessCpu.nanos(serverPid);
        for (Thread worker : workers) {
            worker.join();
        }
        long cpuEnd = ProcessCpu.nanos(serverPid);
        long[] sorted = Latencies.merged(latencies);
        String cpu = cpuStart < 0 || cpuEnd < 0 || sorted.length == 0 ? ""
                : String.format(Locale.ROOT, ",\"serverCpuUsPerOp\":%.1f", (cpuEnd - cpuStart) / 1e3 / sorted.length);
        // The load threads' own CPU and allocation per request: for the in-process client that is the whole
        // request (client and server run on the caller's thread), without the JIT's and the collector's threads,
        // so it moves less than ops/s when other processes share the machine.
        String caller = sorted.length == 0 ? "" : String.format(Locale.ROOT,
                ",\"callerCpuUsPerOp\":%.1f,\"callerAllocBytesPerOp\":%d",
                callerCpu.sum() / 1e3 / sorted.length, callerAllocated.sum() / sorted.length);
        return head + String.format(Locale.ROOT,
                "\"status\":\"ok\",\"ops\":%d,\"opsPerSec\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"errors\":%d%s%s%s}",
                sorted.length, sorted.length / seconds, Latencies.quantileMillis(sorted, 0.50),
                Latencies.quantileMillis(sorted, 0.99), errors.values().stream().mapToLong(LongAdder::sum).sum(),
                errors.isEmpty() ? "" : ",\"errorTypes\":\"" + new TreeMap<>(errors) + "\"", cpu, caller);
    }

    /** CPU time and allocated bytes of the current thread from its first measured request to its end. */
    private static final class ThreadCost {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        private long cpu = -1;
        private long allocated;

        void start() {
            if (cpu < 0) {
                cpu = THREADS.getCurrentThreadCpuTime();
                allocated = THREADS.getCurrentThreadAllocatedBytes();
            }
        }

        void stop(LongAdder cpuSum, LongAdder allocatedSum) {
            if (cpu >= 0) {
                cpuSum.add(THREADS.getCurrentThreadCpuTime() - cpu);
                allocatedSum.add(THREADS.getCurrentThreadAllocatedBytes() - allocated);
            }
        }
    }

    /** What failed, for the run's {@code errorTypes}: the DynamoDB error type where there is one. */
    private static String errorType(Exception e) {
        if (e instanceof DynamoDbException d && d.awsErrorDetails() != null) {
            return d.awsErrorDetails().errorCode();
        }
        String message = String.valueOf(e.getMessage());
        int type = message.indexOf("#");
        if (type >= 0) { // a raw response body: {"__type":"com.amazonaws.dynamodb.v20120810#Type",...}
            return message.substring(type + 1).replaceAll("[^A-Za-z].*", "");
        }
        return e.getClass().getSimpleName();
    }

    private static Callers callers(boolean raw, DynamoDbClient client, URI endpoint, DataSet data, String workload) {
        if (raw ? !RawWorkloads.ALL.containsKey(workload) : !Workloads.ALL.containsKey(workload)) {
            throw new IllegalArgumentException("unknown workload " + workload + "; known: " + Workloads.ALL.keySet());
        }
        return raw ? raw(endpoint, data, RawWorkloads.ALL.get(workload)) : sdk(client, data, Workloads.ALL.get(workload));
    }

    public static DynamoDbClient client(URI endpoint, int connections) {
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

    public static Map<String, String> options(String[] args) {
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
