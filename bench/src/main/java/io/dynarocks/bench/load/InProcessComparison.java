package io.dynarocks.bench.load;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 7's comparison: the same workloads through the {@code client} module's in-process SDK client
 * and through loopback HTTP, against one embedded in-memory server in this JVM. Prints the load
 * generator's JSON lines, labelled {@code embedded-http} and {@code embedded-in-process}.
 *
 * <pre>
 * java -cp dynarocks-bench.jar io.dynarocks.bench.load.InProcessComparison --workloads get,put \
 *     --threads 1,16 --seconds 4 --warmup-seconds 2 --items 100000 --item-bytes 1024 \
 *     [--clients embedded-in-process] [--process-cpu]
 * </pre>
 */
public final class InProcessComparison {

    private InProcessComparison() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadGenerator.options(args);
        List<String> workloads = List.of(opts.getOrDefault("workloads", "get,put").split(","));
        int[] threadCounts = Arrays.stream(opts.getOrDefault("threads", "1,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "4"));
        double warmup = Double.parseDouble(opts.getOrDefault("warmup-seconds", "1"));
        double clientWarmup = Double.parseDouble(opts.getOrDefault("client-warmup-seconds", "5"));
        DataSet data = new DataSet("bench", Integer.parseInt(opts.getOrDefault("items", "100000")),
                Integer.parseInt(opts.getOrDefault("item-bytes", "1024")));
        // With --process-cpu, serverCpuUsPerOp is this whole JVM's CPU per request: client and server together.
        long cpuPid = opts.containsKey("process-cpu") ? ProcessHandle.current().pid() : -1;
        int maxThreads = Arrays.stream(threadCounts).max().orElse(1);
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient http = LoadGenerator.client(server.endpoint(), Math.max(16, maxThreads));
                DynamoDbClient inProcess = InProcessClients.client(server)) {
            data.create(inProcess);
            data.preload(inProcess, 16);
            Map<String, DynamoDbClient> clients = Map.of("embedded-http", http, "embedded-in-process", inProcess);
            List<String> labels = List.of(opts.getOrDefault("clients", "embedded-http,embedded-in-process").split(","));
            // --client-warmup-workloads (default get): each of them warms every client for that long, in turn.
            for (String w : opts.getOrDefault("client-warmup-workloads", "get").split(",")) {
                for (String label : labels) {
                    LoadGenerator.run(clients.get(label), data, label, w, Workloads.ALL.get(w), maxThreads,
                            clientWarmup, 0);
                }
            }
            for (String workload : workloads) {
                for (int threads : threadCounts) {
                    // Alternating, so both clients meet the same machine load.
                    for (String label : labels) {
                        System.out.println(LoadGenerator.run(LoadGenerator.sdk(clients.get(label), data,
                                Workloads.ALL.get(workload)), "sdk", label, workload, threads, warmup, seconds, cpuPid));
                        System.out.flush();
                    }
                }
            }
        }
    }
}
