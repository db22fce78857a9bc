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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @AfterEach
    void cleanUp() throws Exception {
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
}
