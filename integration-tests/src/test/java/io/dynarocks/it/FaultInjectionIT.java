package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The command-line server under storage faults: a full disk, a file system turning read-only, a
 * read-only data directory, a damaged write-ahead log or SST file, a second server on the same
 * directory. Clients get InternalServerError (500) for what failed, never a half-applied write;
 * reads keep working; writes work again once the fault clears; every acknowledged write is still
 * there after a restart, with the GSI and the stream agreeing with the table; a directory the server
 * cannot use is refused at start-up with one line saying why.
 */
class FaultInjectionIT {

    private static final String TABLE = CrashWorkload.TABLE;

    @TempDir
    Path dir;

    private final List<Path> mounts = new ArrayList<>();
    private final List<KillableServer> servers = new ArrayList<>();
    private final Map<String, String> acked = new LinkedHashMap<>();
    private final Random random = new Random(42);
    private int next;
    /** A disk slowed down by a test, to be restored even when it fails (other tests may get its loop device). */
    private Path slowed;

    @AfterEach
    void cleanUp() throws Exception {
        if (slowed != null) {
            Disks.throttle(slowed, 0);
        }
        for (KillableServer s : servers) {
            s.close();
        }
        for (Path m : mounts) {
            Disks.unmount(m);
        }
    }

    private KillableServer server(Path data, String... args) throws Exception {
        KillableServer s = new KillableServer(data, args);
        servers.add(s);
        return s.start();
    }

    private Path tmpfs(int megabytes) throws Exception {
        Path mount = dir.resolve("disk");
        Disks.tmpfs(mount, megabytes);
        mounts.add(mount);
        return mount;
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsRefusedWithAClearMessage() throws Exception {
        Path data = dir.resolve("data");
        KillableServer first = server(data);
        CrashWorkload.createTable(first.client());
        putAll(first.client(), 20, 100);
        String refusal = refusal(ServerProcess.serve(data));
        assertThat(refusal).contains("dynarocks: cannot start: the data directory", "is in use by another process")
                .doesNotContain("\tat ");
        verify(first);
    }

    @Test
    void fullDiskFailsWritesWithInternalServerErrorAndRecoversOnceSpaceIsFreed() throws Exception {
        Path disk = tmpfs(64);
        KillableServer server = server(disk.resolve("data"));
        DynamoDbClient db = server.client();
        CrashWorkload.createTable(db);
        putAll(db, 5, 1000);
        Path filler = Disks.fill(disk, 3L << 20);
        List<DynamoDbException> failures = new ArrayList<>();
        for (int i = 0; i < 200 && failures.size() < 5; i++) {
            DynamoDbException e = put(db, 300_000);
            if (e != null) {
                failures.add(e);
            }
        }
        assertThat(failures).isNotEmpty().allSatisfy(e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
        });
        String someKey = acked.keySet().iterator().next();
        assertThat(db.getItem(b -> b.tableName(TABLE).key(key(someKey)).consistentRead(true)).item()).isNotEmpty();

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> put(db, 100) == null);
        // Stream readers stop below a sequence number whose write failed until it is given up (10 s).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> verify(server));
        server.kill();
        verify(server.start());
    }

    @Test
    void fileSystemTurningReadOnlyFailsWritesAndKeepsEverySyncedWrite() throws Exception {
        Path image = dir.resolve("disk.img");
        Path disk = dir.resolve("disk");
        Disks.ext4(image, disk, 64);
        mounts.add(disk);
        KillableServer server = server(disk.resolve("data"), "--sync");
        DynamoDbClient db = server.client();
        CrashWorkload.createTable(db);
        putAll(db, 30, 1000);
        Disks.failExt4(disk);
        for (int i = 0; i < 5; i++) {
            DynamoDbException e = put(db, 1000);
            assertThat(e).as("write %d after the file system turned read-only", i).isNotNull();
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
        }
        String someKey = acked.keySet().iterator().next();
        assertThat(db.getItem(b -> b.tableName(TABLE).key(key(someKey)).consistentRead(true)).item()).isNotEmpty();
        server.kill();
        Disks.unmount(disk);
        Disks.fsck(image);
        Disks.mountExt4(image, disk);
        verify(server.start());
    }

    @Test
    void slowDiskSlowsWritesOrRefusesThemWithServiceUnavailableAndLosesNothing() throws Exception {
        Path image = dir.resolve("slow.img");
        Path disk = dir.resolve("disk");
        Disks.ext4(image, disk, 64);
        mounts.add(disk);
        // --sync puts the disk on every write's path; a request waiting 1 s for a worker is refused unexecuted.
        KillableServer server = server(disk.resolve("data"), "--sync", "--queue-timeout", "1s");
        DynamoDbClient db = server.client();
        CrashWorkload.createTable(db);
        putAll(db, 10, 1000);

        WriteOutcomes outcomes = new WriteOutcomes();
        Map<String, String> refused = outcomes.refused;
        Map<String, String> answered = outcomes.answered;
        Map<String, LongAdder> other = outcomes.other;
        List<Thread> writers = new ArrayList<>();
        try {
            // One read and one write a second: an fsync (data, then the journal's commit) takes seconds.
            Disks.throttle(disk, 1);
            slowed = disk;
            // More writers than the server has workers (4 per core, at least 4; the test runs on the same machine).
            int count = Math.max(4, Runtime.getRuntime().availableProcessors() * 4) + 16;
            for (int w = 0; w < count; w++) {
                String pk = "slow" + w;
                Thread t = new Thread(() -> {
                    outcomes.attempt(pk, () -> db.putItem(b -> b.tableName(TABLE).item(Map.of(
                            "pk", AttributeValue.fromS(pk),
                            "tag", AttributeValue.fromS("t" + pk), "grp", AttributeValue.fromS("red"),
                            "ttl", AttributeValue.fromN(Long.toString(CrashWorkload.FAR_FUTURE))))));
                }, "slow-disk-writer-" + w);
                t.setDaemon(true);
                t.start();
                writers.add(t);
            }
            // The server itself stays responsive meanwhile: its health check is answered from the event loop.
            try (RawHttp http = new RawHttp(server.endpoint())) {
                assertThat(http.request("GET", "/").status()).isEqualTo(200);
            }
            for (Thread t : writers) {
                t.join(TimeUnit.MINUTES.toMillis(5));
            }
        } finally {
            Disks.throttle(disk, 0);
            slowed = null;
        }
        System.out.printf("slow disk: %d writes acknowledged, %d refused with 503 ServiceUnavailable, other: %s%n",
                answered.size(), refused.size(), other);

        // Every worker held by a sync write for seconds: the other writes waited longer than the queue timeout.
        assertThat(other).as("answers other than success or 503 ServiceUnavailable").isEmpty();
        assertThat(refused).as("writes refused for want of a worker").isNotEmpty();
        assertThat(answered).as("writes that got through the slow disk").isNotEmpty();
        acked.putAll(answered);
        // Refused writes were never executed: none of them is there, now or after a crash.
        Map<String, Map<String, AttributeValue>> items = TableAudit.scan(db, TABLE, null);
        assertThat(refused.keySet()).allSatisfy(k -> assertThat(items).doesNotContainKey(k));
        putAll(db, 10, 1000);
        verify(server);
        server.kill();
        verify(server.start());
        Map<String, Map<String, AttributeValue>> afterCrash = TableAudit.scan(server.client(), TABLE, null);
        assertThat(refused.keySet()).allSatisfy(k -> assertThat(afterCrash).doesNotContainKey(k));
    }

    @Test
    void stalledStoreWithoutSyncRefusesWritesWithServiceUnavailableWhileReadsAndTheHealthCheckAreServed()
            throws Exception {
        // No --sync: single-item writes run on the event loop.
        StalledServer stalled = stalledServer();
        DynamoDbClient db = stalled.server.client();
        String readKey = acked.keySet().iterator().next();
        stalled.writeUntilRefused(8, (writer, i, pads) -> {
            String pk = "stall" + writer + "-" + i;
            stalled.outcomes.attempt(pk, () -> db.putItem(b -> b.tableName(TABLE).item(Map.of(
                    "pk", AttributeValue.fromS(pk),
                    "tag", AttributeValue.fromS("t" + pk), "grp", AttributeValue.fromS("green"),
                    "ttl", AttributeValue.fromN(Long.toString(CrashWorkload.FAR_FUTURE)),
                    "pad", pad(pads, 256 * 1024)))));
        }, () -> {
            // Meanwhile the server answers the health check and GetItem on the event loop.
            try (RawHttp http = new RawHttp(stalled.server.endpoint())) {
                assertThat(http.request("GET", "/").status()).isEqualTo(200);
            }
            assertThat(db.getItem(b -> b.tableName(TABLE).key(key(readKey))).item().get("tag").s())
                    .isEqualTo(acked.get(readKey));
        });
        stalled.recoverWithNothingRefusedWritten("write stall");
    }

    @Test
    void stalledStoreRefusesBatchTransactionAndPartiqlWritesWithServiceUnavailableWithoutHoldingWorkers()
            throws Exception {
        StalledServer stalled = stalledServer();
        DynamoDbClient db = stalled.server.client();
        String readKey = acked.keySet().iterator().next();
        // More writers than the server has workers (4 per core, at least 4), each rotating through the five
        // multi-item and PartiQL writes (all run on the workers): any of them waiting on a worker would leave none
        // for the Query the stall is met with.
        int count = Math.max(4, Runtime.getRuntime().availableProcessors() * 4) + 4;
        stalled.writeUntilRefused(count, (writer, i, pads) -> {
            MultiWrite kind = MultiWrite.values()[(writer + i) % MultiWrite.values().length];
            String prefix = "multi" + writer + "-" + i;
            List<String> pks = kind == MultiWrite.EXECUTE_STATEMENT ? List.of(prefix)
                    : List.of(prefix + "a", prefix + "b");
            AttributeValue pad = pad(pads, 128 * 1024);
            stalled.outcomes.attempt(pks, () -> kind.write(db, pks, pad));
        }, () -> {
            // A PartiQL SELECT is tried although writes stop.
            assertThat(db.executeStatement(b -> b.statement("SELECT tag FROM \"" + TABLE + "\" WHERE pk = ?")
                    .parameters(AttributeValue.fromS(readKey))).items()).singleElement()
                    .extracting(i -> i.get("tag").s()).isEqualTo(acked.get(readKey));
        });
        stalled.recoverWithNothingRefusedWritten("write stall, multi-item writes");
    }

    /**
     * A server whose store a slow disk brings to a write stall: the smallest memory budget flushes memtables at
     * ~5 MB, so a few dozen large items fill both memtables while the throttled disk crawls through a flush, and
     * RocksDB stops writes until the flush is done; writes that cannot get in within the 1 s queue timeout are
     * refused. It holds 10 acknowledged items of the GSI's "red" group.
     */
    private StalledServer stalledServer() throws Exception {
        Path image = dir.resolve("stall.img");
        Path disk = dir.resolve("disk");
        Disks.ext4(image, disk, 256);
        mounts.add(disk);
        KillableServer server = server(disk.resolve("data"), "--queue-timeout", "1s", "--storage-memory", "16MB");
        CrashWorkload.createTable(server.client());
        putAll(server.client(), 10, 1000);
        return new StalledServer(server, disk);
    }

    /** {@code bytes} random bytes (they do not compress) from {@code pads}, as a Binary attribute. */
    private static AttributeValue pad(Random pads, int bytes) {
        byte[] pad = new byte[bytes];
        pads.nextBytes(pad);
        return AttributeValue.fromB(SdkBytes.fromByteArray(pad));
    }

    /** One write of a stall test's writer thread: its {@code i}-th, with pads from its own {@code pads}. */
    private interface StallWrite {
        void write(int writer, int i, Random pads);
    }

    /** Checks run while the store stops writes. */
    private interface StallCheck {
        void run() throws Exception;
    }

    /** The server of {@link #stalledServer()}, its throttled disk, and what became of the writes tried on it. */
    private final class StalledServer {
        final KillableServer server;
        final Path disk;
        final WriteOutcomes outcomes = new WriteOutcomes();

        StalledServer(KillableServer server, Path disk) {
            this.server = server;
            this.disk = disk;
        }

        /**
         * Slows the disk down and runs {@code writers} threads, each doing {@code write} again and again, until
         * RocksDB stops writes and some were refused; then a Query (on a worker) and {@code checks} must be
         * answered. The disk is fast again when this returns, even when it fails.
         */
        void writeUntilRefused(int writers, StallWrite write, StallCheck checks) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            try {
                Disks.throttle(disk, 1);
                slowed = disk;
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    Random pads = new Random(writer);
                    Thread t = new Thread(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            write.write(writer, i, pads);
                        }
                    }, "stall-writer-" + w);
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                }
                await().atMost(Duration.ofMinutes(5)).until(() -> writesStopped(server) && !outcomes.refused.isEmpty());
                // Meanwhile reads are served: Query on a worker.
                assertThat(server.client().query(b -> b.tableName(TABLE).indexName(CrashWorkload.GSI)
                        .keyConditionExpression("grp = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("red")))).count()).isEqualTo(10);
                checks.run();
                stop.set(true);
                for (Thread t : threads) {
                    t.join(TimeUnit.MINUTES.toMillis(5));
                }
            } finally {
                stop.set(true);
                Disks.throttle(disk, 0);
                slowed = null;
            }
        }

        /**
         * Every write was acknowledged or refused with 503 ServiceUnavailable; once the disk is fast again the
         * stall ends and writes are taken again; refused writes were never executed (never half applied: each
         * item of a refused request is absent, each of an acknowledged one present), now or after a crash.
         */
        void recoverWithNothingRefusedWritten(String label) throws Exception {
            System.out.printf("%s: %d items acknowledged, %d refused, other: %s%n",
                    label, outcomes.answered.size(), outcomes.refused.size(), outcomes.other);
            assertThat(outcomes.other).as("answers other than success or 503 ServiceUnavailable").isEmpty();
            acked.putAll(outcomes.answered);
            DynamoDbClient db = server.client();
            await().atMost(Duration.ofMinutes(2)).until(() -> put(db, 1000) == null);
            Map<String, Map<String, AttributeValue>> items = TableAudit.scan(db, TABLE, null);
            assertThat(outcomes.refused.keySet()).allSatisfy(k -> assertThat(items).doesNotContainKey(k));
            // A write tried while RocksDB was stopping writes held back its stream record's sequence number, so
            // the stream may show the newest records up to 10 s late (StreamState): the audit waits for that.
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> verify(server));
            server.kill();
            verify(server.start());
            Map<String, Map<String, AttributeValue>> afterCrash = TableAudit.scan(server.client(), TABLE, null);
            assertThat(outcomes.refused.keySet()).allSatisfy(k -> assertThat(afterCrash).doesNotContainKey(k));
        }
    }

    /**
     * The writes of several items in one request (ExecuteStatement: one item); each writes the items {@code pks}
     * (tag "t" + pk) and returns
     * those the response reports unwritten (with their error code), or throws when the request fails as a whole.
     */
    private enum MultiWrite {
        BATCH_WRITE_ITEM {
            @Override
            Map<String, String> write(DynamoDbClient db, List<String> pks, AttributeValue pad) {
                var unprocessed = db.batchWriteItem(b -> b.requestItems(Map.of(TABLE, pks.stream()
                        .map(pk -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(r -> r.item(item(pk, pad))).build()).toList()))).unprocessedItems();
                Map<String, String> unwritten = new LinkedHashMap<>();
                unprocessed.getOrDefault(TABLE, List.of())
                        .forEach(r -> unwritten.put(r.putRequest().item().get("pk").s(), "Unprocessed"));
                return unwritten;
            }
        },
        TRANSACT_WRITE_ITEMS {
            @Override
            Map<String, String> write(DynamoDbClient db, List<String> pks, AttributeValue pad) {
                db.transactWriteItems(b -> b.transactItems(pks.stream()
                        .map(pk -> software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder()
                                .put(p -> p.tableName(TABLE).item(item(pk, pad))).build()).toList()));
                return Map.of();
            }
        },
        EXECUTE_STATEMENT {
            @Override
            Map<String, String> write(DynamoDbClient db, List<String> pks, AttributeValue pad) {
                db.executeStatement(b -> b.statement(INSERT).parameters(parameters(pks.get(0), pad)));
                return Map.of();
            }
        },
        BATCH_EXECUTE_STATEMENT {
            @Override
            Map<String, String> write(DynamoDbClient db, List<String> pks, AttributeValue pad) {
                var responses = db.batchExecuteStatement(b -> b.statements(pks.stream()
                        .map(pk -> software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest.builder()
                                .statement(INSERT).parameters(parameters(pk, pad)).build()).toList())).responses();
                Map<String, String> unwritten = new LinkedHashMap<>();
                for (int i = 0; i < pks.size(); i++) {
                    if (responses.get(i).error() != null) {
                        unwritten.put(pks.get(i), responses.get(i).error().codeAsString());
                    }
                }
                return unwritten;
            }
        },
        EXECUTE_TRANSACTION {
            @Override
            Map<String, String> write(DynamoDbClient db, List<String> pks, AttributeValue pad) {
                db.executeTransaction(b -> b.transactStatements(pks.stream()
                        .map(pk -> software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement.builder()
                                .statement(INSERT).parameters(parameters(pk, pad)).build()).toList()));
                return Map.of();
            }
        };

        private static final String INSERT = "INSERT INTO \"" + TABLE + "\" VALUE "
                + "{'pk': ?, 'tag': ?, 'grp': 'blue', 'ttl': ?, 'pad': ?}";

        abstract Map<String, String> write(DynamoDbClient db, List<String> pks, AttributeValue pad);

        private static Map<String, AttributeValue> item(String pk, AttributeValue pad) {
            return Map.of("pk", AttributeValue.fromS(pk), "tag", AttributeValue.fromS("t" + pk),
                    "grp", AttributeValue.fromS("blue"),
                    "ttl", AttributeValue.fromN(Long.toString(CrashWorkload.FAR_FUTURE)), "pad", pad);
        }

        private static List<AttributeValue> parameters(String pk, AttributeValue pad) {
            return List.of(AttributeValue.fromS(pk), AttributeValue.fromS("t" + pk),
                    AttributeValue.fromN(Long.toString(CrashWorkload.FAR_FUTURE)), pad);
        }
    }

    /** Whether the server's store reports that RocksDB stops writes (its /metrics). */
    private static boolean writesStopped(KillableServer server) throws Exception {
        try (RawHttp http = new RawHttp(server.endpoint())) {
            return http.request("GET", "/metrics").text().lines()
                    .anyMatch(l -> l.startsWith("dynarocks_storage_is_write_stopped") && l.endsWith(" 1.0"));
        }
    }

    @Test
    void readOnlyDataDirectoryIsRefusedAtStartWithAClearMessage() throws Exception {
        Path disk = tmpfs(64);
        KillableServer server = server(disk.resolve("data"));
        CrashWorkload.createTable(server.client());
        putAll(server.client(), 20, 100);
        server.close();
        Disks.remount(disk, true);
        String refusal = refusal(ServerProcess.serve(disk.resolve("data")));
        assertThat(refusal).contains("dynarocks: cannot start: the data directory", "is not writable")
                .doesNotContain("\tat ");
        Disks.remount(disk, false);
        verify(server.start());
    }

    @Test
    void writeAheadLogCutShortByACrashStartsWithEveryWriteBeforeTheCut() throws Exception {
        Path data = dir.resolve("data");
        KillableServer server = server(data);
        CrashWorkload.createTable(server.client());
        putAll(server.client(), 50, 2000);
        server.kill();
        try (RandomAccessFile wal = new RandomAccessFile(wal(data).toFile(), "rw")) {
            wal.setLength(wal.length() - 500); // the last write was never complete on disk
        }
        server.start();
        List<String> lost = missing(server.client());
        assertThat(lost).hasSizeBetween(1, 2).containsAnyOf("f49");
        lost.forEach(acked::remove);
        verify(server);
    }

    @Test
    void damagedWriteAheadLogIsRefusedAtStartUnlessSalvaged() throws Exception {
        Path data = dir.resolve("data");
        KillableServer server = server(data);
        CrashWorkload.createTable(server.client());
        putAll(server.client(), 50, 2000);
        server.kill();
        try (RandomAccessFile wal = new RandomAccessFile(wal(data).toFile(), "rw")) {
            wal.seek(wal.length() / 2);
            wal.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        }
        String refusal = refusal(ServerProcess.serve(data));
        assertThat(refusal).contains("dynarocks: cannot start: the data in", "is corrupted", "--salvage-wal")
                .doesNotContain("\tat ");
        KillableServer salvaged = server(data, "--salvage-wal");
        // The writes before the damage are kept whole, the ones after it are gone whole.
        List<String> lost = missing(salvaged.client());
        assertThat(lost).isNotEmpty().contains("f49");
        lost.forEach(acked::remove);
        verify(salvaged);
    }

    @Test
    void damagedSstFileFailsReadsWithInternalServerErrorNeverWrongData() throws Exception {
        Path data = dir.resolve("data");
        KillableServer server = server(data);
        CrashWorkload.createTable(server.client());
        putAll(server.client(), 200, 2000);
        server.close(); // a clean stop flushes everything into SST files
        Path sst;
        try (Stream<Path> files = Files.list(data)) {
            sst = files.filter(p -> p.toString().endsWith(".sst")).max((a, b) -> Long.compare(a.toFile().length(),
                    b.toFile().length())).orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
            for (long at = 4096; at < f.length() / 2; at += 8192) {
                f.seek(at);
                f.write("damaged!".getBytes(StandardCharsets.US_ASCII));
            }
        }
        KillableServer reading = server.start();
        int served = 0;
        int failed = 0;
        for (String k : acked.keySet()) {
            try {
                Map<String, AttributeValue> item = reading.client()
                        .getItem(b -> b.tableName(TABLE).key(key(k)).consistentRead(true)).item();
                assertThat(item.get("tag").s()).as("item %s", k).isEqualTo(acked.get(k));
                served++;
            } catch (DynamoDbException e) {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                failed++;
            }
        }
        assertThat(failed).as("reads of the damaged blocks fail (%d served)", served).isPositive();
    }

    /** Puts {@code count} items with pads of {@code padBytes}; each must be acknowledged. */
    private void putAll(DynamoDbClient db, int count, int padBytes) {
        for (int i = 0; i < count; i++) {
            assertThat(put(db, padBytes)).isNull();
        }
    }

    /** One put of a new item (GSI key, TTL, a pad that does not compress); the failure, or null when acknowledged. */
    private DynamoDbException put(DynamoDbClient db, int padBytes) {
        String pk = "f" + next++;
        String tag = "t" + pk;
        StringBuilder pad = new StringBuilder(padBytes);
        for (int i = 0; i < padBytes; i++) {
            pad.append((char) ('a' + random.nextInt(26)));
        }
        try {
            db.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk),
                    "tag", AttributeValue.fromS(tag), "grp", AttributeValue.fromS("red"),
                    "ttl", AttributeValue.fromN(Long.toString(CrashWorkload.FAR_FUTURE)),
                    "pad", AttributeValue.fromS(pad.toString()))));
            acked.put(pk, tag);
            return null;
        } catch (DynamoDbException e) {
            return e;
        }
    }

    /** Acknowledged writes not in the table. */
    private List<String> missing(DynamoDbClient db) {
        Map<String, Map<String, AttributeValue>> items = TableAudit.scan(db, TABLE, null);
        return acked.keySet().stream().filter(k -> !items.containsKey(k)).toList();
    }

    /** Every acknowledged write is there, and the GSI, the item counts and the stream agree with the table. */
    private void verify(KillableServer server) {
        Map<String, Map<String, AttributeValue>> items = TableAudit.scan(server.client(), TABLE, null);
        acked.forEach((k, tag) -> assertThat(items.get(k)).as("acknowledged item %s", k).isNotNull()
                .extracting(i -> i.get("tag").s()).isEqualTo(tag));
        assertThat(TableAudit.check(server.client(), server.streams(), TABLE, CrashWorkload.GSI, "grp").problems())
                .isEmpty();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Path wal(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
        }
    }

    /** The output of a server that must refuse to start, once it has exited with a non-zero status. */
    private static String refusal(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }

    /**
     * What became of each write of a fault test: acknowledged, refused with 503 ServiceUnavailable (the item
     * must then be absent), or any other answer (counted by kind; a test expects none).
     */
    private static final class WriteOutcomes {
        final Map<String, String> answered = new ConcurrentHashMap<>();
        final Map<String, String> refused = new ConcurrentHashMap<>();
        final Map<String, LongAdder> other = new ConcurrentHashMap<>();

        /** Runs {@code put}, which writes the item {@code pk} with tag "t" + pk, and records its outcome. */
        void attempt(String pk, Runnable put) {
            attempt(List.of(pk), () -> {
                put.run();
                return Map.of();
            });
        }

        /**
         * Runs {@code write}, which writes the items {@code pks} with tags "t" + pk in one request and returns
         * those the response reports unwritten with their error code, and records each item's outcome. An item
         * refused on its own (BatchExecuteStatement's InternalServerError, BatchWriteItem's UnprocessedItems)
         * counts as refused.
         */
        void attempt(List<String> pks, java.util.function.Supplier<Map<String, String>> write) {
            try {
                Map<String, String> unwritten = write.get();
                for (String pk : pks) {
                    String code = unwritten.get(pk);
                    if (code == null) {
                        answered.put(pk, "t" + pk);
                    } else if (code.equals("InternalServerError") || code.equals("Unprocessed")) {
                        refused.put(pk, "t" + pk);
                    } else {
                        other.computeIfAbsent(code, k -> new LongAdder()).increment();
                    }
                }
            } catch (DynamoDbException e) {
                if (e.statusCode() == 503 && "ServiceUnavailable".equals(e.awsErrorDetails().errorCode())) {
                    pks.forEach(pk -> refused.put(pk, "t" + pk));
                } else {
                    other.computeIfAbsent(e.statusCode() + " " + e.awsErrorDetails().errorCode(),
                            k -> new LongAdder()).increment();
                }
            } catch (RuntimeException e) {
                other.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                        k -> new LongAdder()).increment();
            }
        }
    }
}
