package io.dynarocks.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Storage} backend must have; one subclass per backend. */
public abstract class StorageContractTest {

    protected Storage storage;

    /** A fresh, empty storage. */
    protected abstract Storage open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        storage = open();
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    protected static String s(byte[] b) {
        return b == null ? null : new String(b, UTF_8);
    }

    protected void put(String key, String value) {
        storage.write(new WriteBatch().put(b(key), b(value)));
    }

    protected static List<String> keys(Storage storage, KeyRange range, boolean reverse, Snapshot snapshot) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator it = storage.iterate(range, reverse, snapshot)) {
            while (it.next()) out.add(s(it.key()) + "=" + s(it.value()));
        }
        return out;
    }

    @Test
    void getReturnsWhatWasPutAndNullWhenAbsent() {
        assertThat(storage.get(b("a"))).isNull();
        put("a", "1");
        assertThat(s(storage.get(b("a")))).isEqualTo("1");
        put("a", "2");
        assertThat(s(storage.get(b("a")))).isEqualTo("2");
    }

    @Test
    void getAllAnswersEachKeyInOrderWithNullForAbsentOnes() {
        put("a", "1");
        put("c", "3");
        assertThat(storage.getAll(List.of(b("c"), b("b"), b("a"), b("c"))).stream().map(StorageContractTest::s))
                .containsExactly("3", null, "1", "3");
        assertThat(storage.getAll(List.of(b("a")))).extracting(StorageContractTest::s).containsExactly("1");
        assertThat(storage.getAll(List.of())).isEmpty();
    }

    @Test
    void deleteRemovesKey() {
        put("a", "1");
        storage.write(new WriteBatch().delete(b("a")).delete(b("never-existed")));
        assertThat(storage.get(b("a"))).isNull();
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).isEmpty();
    }

    @Test
    void laterOperationsInABatchWin() {
        storage.write(new WriteBatch().put(b("a"), b("1")).delete(b("a")).put(b("b"), b("1")).put(b("b"), b("2")));
        assertThat(storage.get(b("a"))).isNull();
        assertThat(s(storage.get(b("b")))).isEqualTo("2");
    }

    @Test
    void keysOrderUnsigned() {
        storage.write(new WriteBatch().put(new byte[] {(byte) 0x80}, b("high")).put(new byte[] {0x7F}, b("low")));
        List<String> values = new ArrayList<>();
        try (KeyValueIterator it = storage.iterate(new KeyRange(new byte[0], null), false, null)) {
            while (it.next()) values.add(s(it.value()));
        }
        assertThat(values).containsExactly("low", "high");
    }

    @Test
    void deleteRangeDeletesHalfOpenRange() {
        for (String k : List.of("a", "b", "b1", "c", "d")) put(k, k);
        storage.write(new WriteBatch().deleteRange(b("b"), b("d")));
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).containsExactly("a=a", "d=d");
    }

    @Test
    void deleteRangeAppliesInBatchOrder() {
        put("b", "old");
        storage.write(new WriteBatch().put(b("c"), b("1")).deleteRange(b("a"), b("z")).put(b("e"), b("2")));
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).containsExactly("e=2");
    }

    @Test
    void prefixIterationAscendingAndDescending() {
        for (String k : List.of("p", "pa", "pb", "pc", "q", "o")) put(k, k);
        KeyRange prefix = KeyRange.prefix(b("p"));
        assertThat(keys(storage, prefix, false, null)).containsExactly("p=p", "pa=pa", "pb=pb", "pc=pc");
        assertThat(keys(storage, prefix, true, null)).containsExactly("pc=pc", "pb=pb", "pa=pa", "p=p");
    }

    @Test
    void boundsAreHalfOpenInBothDirections() {
        for (String k : List.of("a", "b", "c", "d", "e")) put(k, k);
        KeyRange range = new KeyRange(b("b"), b("d"));
        assertThat(keys(storage, range, false, null)).containsExactly("b=b", "c=c");
        assertThat(keys(storage, range, true, null)).containsExactly("c=c", "b=b");
        KeyRange between = new KeyRange(b("bb"), b("cc"));
        assertThat(keys(storage, between, true, null)).containsExactly("c=c");
        assertThat(keys(storage, new KeyRange(b("c"), null), true, null)).containsExactly("e=e", "d=d", "c=c");
        assertThat(keys(storage, new KeyRange(b("x"), b("y")), true, null)).isEmpty();
    }

    @Test
    void snapshotHidesLaterWrites() {
        put("a", "1");
        put("b", "1");
        try (Snapshot snap = storage.snapshot()) {
            storage.write(new WriteBatch().put(b("a"), b("2")).delete(b("b")).put(b("c"), b("2")));
            storage.write(new WriteBatch().deleteRange(b("a"), b("z")));
            assertThat(s(storage.get(snap, b("a")))).isEqualTo("1");
            assertThat(s(storage.get(snap, b("b")))).isEqualTo("1");
            assertThat(storage.get(snap, b("c"))).isNull();
            KeyRange all = new KeyRange(new byte[0], null);
            assertThat(keys(storage, all, false, snap)).containsExactly("a=1", "b=1");
            assertThat(keys(storage, all, true, snap)).containsExactly("b=1", "a=1");
            assertThat(keys(storage, all, false, null)).isEmpty();
        }
    }

    @Test
    void iteratorSeesStateAtItsCreation() {
        put("a", "1");
        put("b", "1");
        try (KeyValueIterator it = storage.iterate(new KeyRange(new byte[0], null), false, null)) {
            storage.write(new WriteBatch().delete(b("b")).put(b("c"), b("1")));
            List<String> seen = new ArrayList<>();
            while (it.next()) seen.add(s(it.key()));
            assertThat(seen).containsExactly("a", "b");
        }
    }

    @Test
    void readersNeverSeeHalfABatch() throws Exception {
        // Two keys always written together with the same value: any reader must see them equal.
        put("x", "0");
        put("y", "0");
        AtomicBoolean stop = new AtomicBoolean();
        // The writer starts once the reader has read: on a loaded machine it could otherwise finish first.
        CountDownLatch reading = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                reading.await();
                for (int i = 1; i <= 2000; i++) {
                    storage.write(new WriteBatch().put(b("x"), b("" + i)).put(b("y"), b("" + i)));
                }
                stop.set(true);
                return null;
            });
            Future<Integer> reader = pool.submit(() -> {
                int checks = 0;
                while (!stop.get()) {
                    try (Snapshot snap = storage.snapshot()) {
                        assertThat(s(storage.get(snap, b("y")))).isEqualTo(s(storage.get(snap, b("x"))));
                    }
                    List<String> values = new ArrayList<>();
                    try (KeyValueIterator it = storage.iterate(KeyRange.prefix(new byte[0]), false, null)) {
                        while (it.next()) values.add(s(it.value()));
                    }
                    assertThat(values).hasSize(2);
                    assertThat(values.get(0)).isEqualTo(values.get(1));
                    checks++;
                    reading.countDown();
                }
                return checks;
            });
            writer.get(60, TimeUnit.SECONDS);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentBatchesLoseNoWrites() throws Exception {
        int threads = 8;
        int batches = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < batches; i++) {
                        String key = String.format("t%02d-%04d", thread, i);
                        storage.write(new WriteBatch().put(b(key + "a"), b("v")).put(b(key + "b"), b("v")));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).hasSize(threads * batches * 2);
    }

    @Test
    void addedCountersSumTheirDeltasWithinAndAcrossBatches() {
        byte[] counter = b("n");
        assertThat(WriteBatch.counter(storage.get(counter))).isZero();
        storage.write(new WriteBatch().add(counter, 5).add(counter, -7));
        assertThat(WriteBatch.counter(storage.get(counter))).isEqualTo(-2);
        try (Snapshot before = storage.snapshot()) {
            storage.write(new WriteBatch().add(counter, 1000).put(b("other"), b("x")));
            assertThat(WriteBatch.counter(storage.get(counter))).isEqualTo(998);
            assertThat(WriteBatch.counter(storage.get(before, counter))).isEqualTo(-2);
        }
        // Folded after many merges (RocksDB's max_successive_merges) and still exact.
        for (int i = 0; i < 500; i++) {
            storage.write(new WriteBatch().add(counter, 2));
        }
        assertThat(WriteBatch.counter(storage.get(counter))).isEqualTo(1998);
        storage.write(new WriteBatch().delete(counter));
        assertThat(storage.get(counter)).isNull();
        storage.write(new WriteBatch().add(counter, 3));
        assertThat(WriteBatch.counter(storage.get(counter))).isEqualTo(3);
    }

    @Test
    void concurrentAddsLoseNoUpdate() throws Exception {
        int threads = 8;
        int adds = 500;
        byte[] counter = b("n");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < adds; i++) {
                        storage.write(new WriteBatch().add(counter, 1).add(b("bytes"), 100));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(WriteBatch.counter(storage.get(counter))).isEqualTo(threads * adds);
        assertThat(WriteBatch.counter(storage.get(b("bytes")))).isEqualTo(threads * adds * 100L);
    }

    @Test
    void batchCommitsOnlyWhileItsExpectationsHold() {
        put("a", "1");
        storage.write(new WriteBatch().expect(b("a"), b("1")).expect(b("absent"), null).put(b("a"), b("2")));
        assertThat(s(storage.get(b("a")))).isEqualTo("2");
        assertThatThrownBy(() -> storage.write(new WriteBatch().expect(b("a"), b("1")).put(b("b"), b("x"))))
                .isInstanceOf(WriteConflictException.class);
        assertThatThrownBy(() -> storage.write(new WriteBatch().expect(b("a"), null).add(b("n"), 1)))
                .isInstanceOf(WriteConflictException.class);
        assertThat(storage.get(b("b"))).isNull();
        assertThat(storage.get(b("n"))).isNull();
    }

    @Test
    void concurrentReadModifyWritesWithExpectationsLoseNoUpdate() throws Exception {
        int threads = 4;
        int increments = 50;
        byte[] key = b("counter");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            byte[] seen = storage.get(key);
                            long next = (seen == null ? 0 : Long.parseLong(s(seen))) + 1;
                            try {
                                storage.write(new WriteBatch().expect(key, seen).put(key, b(Long.toString(next))));
                                break;
                            } catch (WriteConflictException e) {
                                // another writer won; read again
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(s(storage.get(key))).isEqualTo(Integer.toString(threads * increments));
    }

    @Test
    void closeIsIdempotent() {
        Snapshot leaked = storage.snapshot();
        KeyValueIterator leakedIterator = storage.iterate(new KeyRange(new byte[0], null), false, null);
        storage.close();
        storage.close();
        leaked.close();
        leakedIterator.close();
    }
}
