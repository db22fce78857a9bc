package io.dynarocks.bench.vector;

import io.dynarocks.bench.load.LoadGenerator;
import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.VectorIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Vector search quality and speed, in process: loads clustered synthetic unit vectors into a table, adds
 * one vector index per distance function (each a timed backfill), then runs SearchVectors through the
 * in-process SDK client and compares every answer with exact (brute-force) search in the same run.
 * Also times incremental indexing of writes to an indexed table. Prints a Markdown report.
 *
 * <pre>
 * java -Xmx10g -cp dynarocks-bench.jar io.dynarocks.bench.vector.VectorBench --items 100000 --dims 768 \
 *     --clusters 200 --queries 200 --distances COSINE,EUCLIDEAN,DOT_PRODUCT [--data-dir DIR] [--http]
 * </pre>
 * With {@code --http} the searches go over HTTP to the started server (the SDK's Apache client), as an
 * application's would; loading stays in process.
 * <pre>
 * </pre>
 */
public final class VectorBench {

    private static final String TABLE = "Vectors";
    private static final int TOP_K = 10;
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private VectorBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadGenerator.options(args);
        int items = Integer.parseInt(opts.getOrDefault("items", "100000"));
        int dims = Integer.parseInt(opts.getOrDefault("dims", "768"));
        int clusters = Integer.parseInt(opts.getOrDefault("clusters", "200"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "200"));
        int incremental = Integer.parseInt(opts.getOrDefault("incremental", "2000"));
        List<String> distances = List.of(opts.getOrDefault("distances", "COSINE,EUCLIDEAN,DOT_PRODUCT").split(","));
        Random random = new Random(42);
        float[][] centers = gaussian(random, clusters, dims, 1.0f);
        float[][] data = clustered(random, centers, items, dims);
        float[][] probes = clustered(random, centers, queries, dims);

        DynaRocks.Builder builder = DynaRocks.builder().port(0);
        Path dir = opts.containsKey("data-dir") ? Files.createDirectories(Path.of(opts.get("data-dir"))) : null;
        builder = dir == null ? builder.inMemory() : builder.dataDir(dir);
        System.out.printf("# Vector search: %,d x %d, %d clusters, %d queries, TopK %d, %s store, searches %s, Java %s,"
                + " %d cores, load average %.1f at start%n%n", items, dims, clusters, queries, TOP_K,
                dir == null ? "in-memory" : "RocksDB", opts.containsKey("http") ? "over HTTP" : "in process",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        boolean http = opts.containsKey("http");
        try (DynaRocks db = builder.start(); DynamoDbClient client = InProcessClients.client(db);
                DynamoDbClient searcher = http ? LoadGenerator.client(db.endpoint(), 4) : client) {
            client.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            long t0 = System.nanoTime();
            load(client, data, 0);
            double loadSeconds = seconds(t0);
            System.out.printf("Loaded %,d items (no index yet) in %.1f s%n%n", items, loadSeconds);
            System.out.println("| distance | backfill s (CPU s) | build rate vectors/s | heap bytes/vector"
                    + " | IndexSizeBytes/item | recall@10 | SearchVectors p50 ms | p90 ms | p99 ms | CPU ms p50 | load avg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (String distance : distances) {
                String index = "vec-" + distance.toLowerCase().replace('_', '-');
                long heapBefore = usedHeap();
                long b0 = System.nanoTime();
                long c0 = cpuNanos();
                client.updateTable(b -> b.tableName(TABLE).vectorIndexUpdates(u -> u.create(c -> c.indexName(index)
                        .vectorAttribute(v -> v.attributeName("e")).dimensions((long) dims).distanceFunction(distance)
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
                VectorIndexDescription d = awaitActive(client, index);
                double backfill = seconds(b0);
                double backfillCpu = (cpuNanos() - c0) / 1e9;
                long heapPerVector = (usedHeap() - heapBefore) / items;
                long[] latencies = new long[queries];
                long[] cpu = new long[queries];
                double recall = 0;
                for (int warm = 0; warm < Math.min(queries, 50); warm++) {
                    search(searcher, index, probes[warm]);
                }
                for (int q = 0; q < queries; q++) {
                    long s = System.nanoTime();
                    long sc = THREADS.getCurrentThreadCpuTime();
                    SearchVectorsResponse r = search(searcher, index, probes[q]);
                    cpu[q] = THREADS.getCurrentThreadCpuTime() - sc;
                    latencies[q] = System.nanoTime() - s;
                    recall += recall(r, exact(data, probes[q], distance));
                }
                Arrays.sort(latencies);
                Arrays.sort(cpu);
                System.out.printf("| %s | %.1f (%.1f) | %,.0f | %,d | %,d | %.3f | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
                        distance,
                        backfill, backfillCpu, items / backfill, heapPerVector,
                        d.indexSizeBytes() / Math.max(1, d.itemCount()), recall / queries, millis(latencies, 0.5),
                        millis(latencies, 0.9), millis(latencies, 0.99), millis(cpu, 0.5),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.flush();
            }
            if (incremental > 0) {
                float[][] more = clustered(random, centers, incremental, dims);
                String index = "vec-" + distances.get(0).toLowerCase().replace('_', '-');
                long i0 = System.nanoTime();
                load(client, more, items);
                // The search applies whatever the background thread has not yet linked.
                search(client, index, probes[0]);
                double s = seconds(i0);
                System.out.printf("%nIncremental: %,d more items written and indexed (%d vector indexes) in %.1f s:"
                        + " %,.0f items/s%n", incremental, distances.size(), s, incremental / s);
            }
        }
    }

    private static SearchVectorsResponse search(DynamoDbClient client, String index, float[] probe) {
        List<AttributeValue> v = new ArrayList<>(probe.length);
        for (float f : probe) {
            v.add(AttributeValue.fromN(Float.toString(f)));
        }
        return client.searchVectors(b -> b.tableName(TABLE).indexName(index).searchVector(v).topK(TOP_K)
                .projectionExpression("id"));
    }

    private static double recall(SearchVectorsResponse r, int[] exact) {
        int hits = 0;
        for (var item : r.searchResults()) {
            int id = Integer.parseInt(item.item().get("id").s());
            for (int e : exact) {
                if (e == id) {
                    hits++;
                }
            }
        }
        return hits / (double) exact.length;
    }

    /** The exact TopK by brute force, in DynamoDB's order for the distance function. */
    private static int[] exact(float[][] data, float[] q, String distance) {
        double[] score = new double[data.length];
        IntStream.range(0, data.length).parallel().forEach(i -> score[i] = score(distance, q, data[i]));
        boolean higherIsNearer = distance.equals("DOT_PRODUCT");
        return IntStream.range(0, data.length).boxed()
                .sorted((a, b) -> higherIsNearer ? Double.compare(score[b], score[a]) : Double.compare(score[a], score[b]))
                .limit(TOP_K).mapToInt(Integer::intValue).toArray();
    }

    private static double score(String distance, float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
            double d = a[i] - b[i];
            l2 += d * d;
        }
        return switch (distance) {
            case "COSINE" -> 1 - dot / Math.sqrt(na * nb);
            case "EUCLIDEAN" -> Math.sqrt(l2);
            default -> dot;
        };
    }

    private static void load(DynamoDbClient client, float[][] vectors, int firstId) {
        IntStream.range(0, (vectors.length + 24) / 25).parallel().forEach(batch -> {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = batch * 25; i < Math.min(vectors.length, batch * 25 + 25); i++) {
                List<AttributeValue> v = new ArrayList<>(vectors[i].length);
                for (float f : vectors[i]) {
                    v.add(AttributeValue.fromN(Float.toString(f)));
                }
                Map<String, AttributeValue> item = new HashMap<>();
                item.put("id", AttributeValue.fromS(Integer.toString(firstId + i)));
                item.put("e", AttributeValue.fromL(v));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        });
    }

    private static VectorIndexDescription awaitActive(DynamoDbClient client, String index) throws InterruptedException {
        while (true) {
            for (VectorIndexDescription d : client.describeTable(b -> b.tableName(TABLE)).table().vectorIndexes()) {
                if (d.indexName().equals(index) && "ACTIVE".equals(d.indexStatusAsString())
                        && !Boolean.TRUE.equals(d.backfilling())) {
                    return d;
                }
            }
            Thread.sleep(200);
        }
    }

    private static float[][] gaussian(Random random, int n, int dims, float scale) {
        float[][] out = new float[n][dims];
        for (float[] v : out) {
            for (int i = 0; i < dims; i++) {
                v[i] = (float) random.nextGaussian() * scale;
            }
        }
        return out;
    }

    /** Points around random centres, normalised to unit length as embedding models' outputs are. */
    private static float[][] clustered(Random random, float[][] centers, int n, int dims) {
        float[][] out = new float[n][dims];
        for (float[] v : out) {
            float[] c = centers[random.nextInt(centers.length)];
            double norm = 0;
            for (int i = 0; i < dims; i++) {
                v[i] = c[i] + (float) random.nextGaussian() * 0.6f;
                norm += v[i] * v[i];
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dims; i++) {
                v[i] *= inv;
            }
        }
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double millis(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
