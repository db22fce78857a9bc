package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A mixed workload (puts with and without a TTL, updates, deletes, reads, queries) from several clients
 * against the command-line server on RocksDB, while a consumer follows the table's stream and the TTL
 * sweeper deletes expired items. After a warm-up, the server's resident memory ({@code VmRSS}) and open
 * files stay flat, and its data directory holds no more than what was written (everything written is
 * still within the stream's 24-hour retention). Short here ({@code -Dsoak.duration}, default 60 s);
 * {@code scripts/soak.sh} runs it for 30 minutes and prints the curve.
 */
class SoakIT {

    private static final Duration DURATION = Duration.parse(System.getProperty("soak.duration", "PT60S"));
    /** Each sample runs {@code jcmd} on the server, so not more often than every 5 s. */
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(Math.max(5_000, DURATION.toMillis() / 60));
    private static final int WRITERS = 4;
    private static final int KEYS = 2_000;
    /** The heap is committed and touched at start, so resident memory shows native growth, not heap sizing. */
    private static final List<String> JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", ProcessMemory.NMT);

    @TempDir
    Path dataDir;

    private Process server;

    /**
     * One sample of the server process: resident memory, what the JVM accounts for (NMT's committed total
     * and the heap's used bytes), RocksDB's memtables and block cache, and the clients' latency since the
     * previous sample.
     */
    private record Sample(Duration at, long rssKb, long rssAnonKb, long nmtKb, long heapUsedBytes,
            long memtableBytes, long blockCacheBytes, long pinnedBytes, long tableReaderBytes, long openFiles, long dataDirBytes, long operations, long streamRecords,
            long expired, double p50Millis, double p99Millis, long errors) {}

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void memoryOpenFilesAndDataStayBoundedUnderAMixedWorkloadWithTtlAndStreams() throws Exception {
        server = ServerProcess.start(JVM, "--port", "0", "--data-dir", dataDir.toString(), "--ttl-interval", "1s",
                "--shard-rollover", "30s");
        URI endpoint = ServerProcess.awaitEndpoint(server);
        DynamoDbClient client = ServerExtension.client(endpoint);
        client.createTable(b -> b.tableName("soak").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                        a -> a.attributeName("sk").attributeType("N"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
        client.updateTimeToLive(b -> b.tableName("soak").timeToLiveSpecification(t -> t.enabled(true)
                .attributeName("expires")));
        String streamArn = client.describeTable(b -> b.tableName("soak")).table().latestStreamArn();

        Instant end = Instant.now().plus(DURATION);
        LongAdder operations = new LongAdder();
        AtomicLong bytesWritten = new AtomicLong();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            long seed = w;
            threads.add(start("soak-writer-" + w, () -> {
                Random random = new Random(seed);
                while (Instant.now().isBefore(end)) {
                    try {
                        long t0 = System.nanoTime();
                        bytesWritten.addAndGet(step(client, random));
                        latencies.add(System.nanoTime() - t0);
                        operations.increment();
                    } catch (RuntimeException e) {
                        errors.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                k -> new LongAdder()).increment();
                    }
                }
            }));
        }
        StreamFollower follower = new StreamFollower(StreamClients.client(endpoint), streamArn);
        threads.add(start("soak-stream-consumer", () -> {
            while (Instant.now().isBefore(end)) {
                try {
                    follower.poll();
                } catch (RuntimeException e) {
                    errors.computeIfAbsent("stream: " + e.getMessage(), k -> new LongAdder()).increment();
                }
            }
        }));

        ProcessMemory memory = new ProcessMemory(server.pid(), endpoint);
        List<Sample> samples = new ArrayList<>();
        Map<String, Long> nmtAtWarm = Map.of();
        Map<String, Long> histogramAtWarm = null;
        Instant started = Instant.now();
        Instant warmedUp = started.plus(DURATION.dividedBy(3));
        while (Instant.now().isBefore(end)) {
            if (histogramAtWarm == null && !Instant.now().isBefore(warmedUp)) {
                histogramAtWarm = memory.heapHistogram();
                nmtAtWarm = memory.nativeMemoryKb();
            }
            samples.add(sample(memory, Duration.between(started, Instant.now()), operations.sum(), follower,
                    latencies.drain(), errors.values().stream().mapToLong(LongAdder::sum).sum()));
            Thread.sleep(SAMPLE_EVERY.toMillis());
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
        }
        print(samples, bytesWritten.get());
        printMemory(memory, nmtAtWarm, histogramAtWarm);
        // What of the resident memory is the C allocator's free memory rather than live allocations: glibc's
        // malloc_trim returns the free pages of all its arenas to the system.
        long untrimmedKb = OverloadIT.rssKb(server.pid());
        memory.trimNativeHeap();
        long trimmedKb = OverloadIT.rssKb(server.pid());
        System.out.printf("soak: resident memory the C allocator held free: %.1f MB (%.1f MB before jcmd "
                + "System.trim_native_heap, %.1f MB after)%n", (untrimmedKb - trimmedKb) / 1024.0,
                untrimmedKb / 1024.0, trimmedKb / 1024.0);

        assertThat(errors).as("errors of the workload and the stream consumer").isEmpty();
        assertThat(server.isAlive()).isTrue();
        assertThat(follower.records.sum()).as("stream records consumed").isGreaterThan(0);
        assertThat(follower.expired.sum()).as("TTL deletions seen in the stream").isGreaterThan(0);
        // Warm-up: the first third (memtables fill, the block cache and class loading settle).
        List<Sample> warm = samples.subList(samples.size() / 3, samples.size());
        Sample atWarm = warm.get(0);
        long maxRss = warm.stream().mapToLong(Sample::rssKb).max().orElseThrow();
        long maxFiles = warm.stream().mapToLong(Sample::openFiles).max().orElseThrow();
        // Slack: RocksDB's block cache and memtables (96 MB together, --storage-memory) may still be filling,
        // and it opens a file per SST, whose number compaction keeps bounded.
        assertThat(maxRss).as("resident memory after warm-up (KB)").isLessThanOrEqualTo(atWarm.rssKb() + 128 * 1024);
        assertThat(maxFiles).as("open files after warm-up").isLessThanOrEqualTo(atWarm.openFiles() + 32);
        // A leak outside the heap shows in what neither the JVM (NMT, the heap included) nor RocksDB's block
        // cache (its memtables are charged to it) accounts for: RocksDB's other allocations and the allocator's
        // arenas, which rise to 40-50 MB here over the first 50,000-150,000 operations and to ~70 MB after a
        // million, nearly all of it free pages glibc keeps (the trim above returns them). It stays under a bound
        // in every run; in a long run it is flat after that, give or take the arenas' ups and downs of up to
        // ~13 MB between samples, so the means of the middle and the last third are compared.
        int n = samples.size();
        double middle = meanUnaccountedMb(samples.subList(n / 3, 2 * n / 3));
        double last = meanUnaccountedMb(samples.subList(2 * n / 3, n));
        double maxUnaccounted = warm.stream().mapToDouble(SoakIT::unaccountedMb).max().orElseThrow();
        System.out.printf("soak: memory neither NMT nor the block cache accounts for: %.1f MB on average over the "
                + "middle third, %.1f MB over the last, at most %.1f MB%n", middle, last, maxUnaccounted);
        assertThat(maxUnaccounted).as("memory neither NMT nor the block cache accounts for (MB)")
                .isLessThanOrEqualTo(128);
        if (DURATION.compareTo(Duration.ofMinutes(10)) >= 0) {
            assertThat(last - middle).as("growth of memory neither NMT nor the block cache accounts for (MB)")
                    .isLessThanOrEqualTo(32);
        }
        // Everything written is within the stream's 24 h retention, so it may all still be on disk (item,
        // old and new image in the stream record, the WAL): beyond that, growth is unexplained.
        long dataBytes = samples.get(samples.size() - 1).dataDirBytes();
        assertThat(dataBytes).as("data directory bytes").isLessThanOrEqualTo(4 * bytesWritten.get() + (64L << 20));
    }

    private Sample sample(ProcessMemory memory, Duration at, long operations, StreamFollower follower,
            long[] latencyNanos, long errors) throws IOException {
        String metrics = memory.scrape();
        Arrays.sort(latencyNanos);
        return new Sample(at, OverloadIT.rssKb(server.pid()), ProcessMemory.statusKb(server.pid(), "RssAnon"),
                memory.nativeMemoryKb().getOrDefault("Total", -1L),
                (long) memory.metric(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
                (long) memory.metric(metrics, "dynarocks_storage_cur_size_all_mem_tables", null),
                (long) memory.metric(metrics, "dynarocks_storage_block_cache_usage", null),
                (long) memory.metric(metrics, "dynarocks_storage_block_cache_pinned_usage", null),
                (long) memory.metric(metrics, "dynarocks_storage_estimate_table_readers_mem", null),
                OverloadIT.openFiles(server.pid()), size(dataDir), operations, follower.records.sum(),
                follower.expired.sum(), percentile(latencyNanos, 0.50), percentile(latencyNanos, 0.99), errors);
    }

    /** Resident memory minus NMT's committed total and RocksDB's block cache, in MB. */
    private static double unaccountedMb(Sample s) {
        return (s.rssKb() - s.nmtKb()) / 1024.0 - s.blockCacheBytes() / 1048576.0;
    }

    private static double meanUnaccountedMb(List<Sample> samples) {
        assertThat(samples).as("samples with NMT's total").allMatch(s -> s.nmtKb() > 0).isNotEmpty();
        return samples.stream().mapToDouble(SoakIT::unaccountedMb).average().orElseThrow();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
    }

    /** The clients' operation times since the last {@link #drain()}. */
    private static final class Latencies {
        private long[] nanos = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = value;
        }

        synchronized long[] drain() {
            long[] out = Arrays.copyOf(nanos, size);
            size = 0;
            return out;
        }
    }

    /** One random operation; returns the bytes of attribute values it wrote. */
    private static long step(DynamoDbClient client, Random random) {
        String pk = "p" + random.nextInt(KEYS / 10);
        String sk = Integer.toString(random.nextInt(10));
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(sk));
        int op = random.nextInt(100);
        if (op < 40) {
            Map<String, AttributeValue> item = new HashMap<>(key);
            String payload = "v".repeat(100 + random.nextInt(900));
            item.put("payload", AttributeValue.fromS(payload));
            if (random.nextBoolean()) {
                // Expires within seconds: the sweeper deletes it and the stream shows a service delete.
                item.put("expires", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()
                        + 1 + random.nextInt(5))));
            }
            client.putItem(b -> b.tableName("soak").item(item));
            return payload.length();
        } else if (op < 60) {
            client.updateItem(b -> b.tableName("soak").key(key).updateExpression("ADD hits :one SET touched = :t")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":t", AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
            return 32;
        } else if (op < 70) {
            client.deleteItem(b -> b.tableName("soak").key(key));
            return 0;
        } else if (op < 90) {
            client.getItem(b -> b.tableName("soak").key(key));
            return 0;
        } else {
            client.query(b -> b.tableName("soak").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))));
            return 0;
        }
    }

    /** Follows every shard of a stream as it appears, the way a Lambda event-source mapping or the KCL does. */
    private static final class StreamFollower {
        private final DynamoDbStreamsClient streams;
        private final String arn;
        private final Map<String, String> iterators = new HashMap<>();
        private final java.util.Set<String> finished = new java.util.HashSet<>();
        final LongAdder records = new LongAdder();
        final LongAdder expired = new LongAdder();

        StreamFollower(DynamoDbStreamsClient streams, String arn) {
            this.streams = streams;
            this.arn = arn;
        }

        void poll() {
            for (Shard shard : StreamClients.shards(streams, arn)) {
                if (!finished.contains(shard.shardId()) && !iterators.containsKey(shard.shardId())) {
                    iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(arn)
                            .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
                }
            }
            boolean any = false;
            for (Map.Entry<String, String> e : new ArrayList<>(iterators.entrySet())) {
                var page = streams.getRecords(b -> b.shardIterator(e.getValue()).limit(1000));
                for (Record r : page.records()) {
                    records.increment();
                    if (r.userIdentity() != null && "Service".equals(r.userIdentity().type())) {
                        expired.increment();
                    }
                }
                any |= !page.records().isEmpty();
                if (page.nextShardIterator() == null) {
                    iterators.remove(e.getKey());
                    finished.add(e.getKey());
                } else {
                    iterators.put(e.getKey(), page.nextShardIterator());
                }
            }
            if (!any) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** NMT's categories at the end of warm-up and now, and the heap's classes that grew most meanwhile. */
    private static void printMemory(ProcessMemory memory, Map<String, Long> nmtAtWarm,
            Map<String, Long> histogramAtWarm) {
        Map<String, Long> nmtNow = memory.nativeMemoryKb();
        System.out.println("soak: NMT committed MB   after warm-up   at the end");
        nmtNow.forEach((category, kb) -> System.out.printf("soak:   %-20s %8.1f  %8.1f%n", category,
                nmtAtWarm.getOrDefault(category, 0L) / 1024.0, kb / 1024.0));
        if (histogramAtWarm != null) {
            System.out.println("soak: live heap bytes grown most since warm-up (after a full GC):");
            for (Map.Entry<String, Long> e : ProcessMemory.growth(histogramAtWarm, memory.heapHistogram(), 10)) {
                System.out.printf("soak:   %+12d  %s%n", e.getValue(), e.getKey());
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by a compaction meanwhile
                }
            }).sum();
        }
    }

    private void print(List<Sample> samples, long bytesWritten) throws IOException {
        System.out.println("soak: seconds  rss_mb  anon_mb  nmt_mb  heap_used_mb  memtables_mb  block_cache_mb"
                + "  pinned_mb  table_readers_mb  unaccounted_mb  open_files  data_dir_mb  operations  stream_records"
                + "  ttl_deletes  p50_ms  p99_ms  errors");
        for (Sample s : samples) {
            System.out.printf("soak: %7d  %6d  %7d  %6d  %12.1f  %12.1f  %14.1f  %9.1f  %16.1f  %14.1f  %10d  %11.1f"
                    + "  %10d  %14d  %11d  %6.1f  %6.1f  %6d%n", s.at().toSeconds(), s.rssKb() / 1024,
                    s.rssAnonKb() / 1024, s.nmtKb() / 1024, s.heapUsedBytes() / 1048576.0,
                    s.memtableBytes() / 1048576.0, s.blockCacheBytes() / 1048576.0, s.pinnedBytes() / 1048576.0,
                    s.tableReaderBytes() / 1048576.0, unaccountedMb(s),
                    s.openFiles(), s.dataDirBytes() / 1048576.0, s.operations(), s.streamRecords(), s.expired(),
                    s.p50Millis(), s.p99Millis(), s.errors());
        }
        System.out.printf("soak: %.1f MB of attribute values written; data directory by kind:%n",
                bytesWritten / 1048576.0);
        Map<String, Long> kinds = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                String kind = name.endsWith(".sst") ? "sst" : name.endsWith(".log") ? "wal"
                        : name.startsWith("LOG") ? "info-log" : "other";
                try {
                    kinds.merge(kind, Files.size(p), Long::sum);
                } catch (IOException e) {
                    // gone meanwhile
                }
            });
        }
        kinds.forEach((k, v) -> System.out.printf("soak:   %-8s %8.1f MB%n", k, v / 1048576.0));
    }
}
