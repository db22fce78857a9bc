package io.dynarocks.storage.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageException;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link Storage} on an etcd 3.4 cluster, shared by every DynaRocks server pointed at it.
 *
 * <p>Each batch is one etcd transaction (one Raft entry: atomic and, once acknowledged, on a majority
 * of members). Its {@linkplain WriteBatch#expect expectations} become the transaction's comparisons,
 * so a read-modify-write from any server commits only if what it read is unchanged. Counters
 * ({@link WriteBatch.Add}) have no merge operator in etcd: the batch reads them and compares their
 * revisions, and retries itself when only a counter moved. Snapshots are store revisions, read with
 * etcd's MVCC ranges; they stay readable until etcd compacts them (the cluster's auto-compaction
 * retention bounds how long a snapshot or iterator may live).
 *
 * <p>Every key is stored under {@code prefix}, so several stores (e.g. tests) can share one cluster.
 */
public final class EtcdStorage implements Storage {

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** Attempts of a batch whose counters other writers keep moving. */
    private static final int COUNTER_ATTEMPTS = 1000;

    private final EtcdClient client;
    private final byte[] prefix;
    /** The exclusive end of this store's keys; null when the prefix is empty ("every key"). */
    private final byte[] prefixEnd;
    private volatile boolean closed;
    /**
     * The last seen value and revision of each counter this process adds to: a batch compares against
     * it without reading first, and a failed comparison returns the current one. A guess only; the
     * comparison keeps counters exact. Bounded by the number of counters (two per table and index, each in
     * 32 cells on this shared store).
     */
    private final ConcurrentHashMap<ByteBuffer, Counter> counters = new ConcurrentHashMap<>();
    private final CounterLocks counterLocks = new CounterLocks();
    private final EtcdLeases leases = new EtcdLeases(this);
    private final List<EtcdWatch> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EtcdStorage(EtcdClient client, byte[] prefix) {
        this.client = client;
        this.prefix = prefix.clone();
        this.prefixEnd = prefix.length == 0 ? null : Bytes.prefixEnd(prefix);
    }

    /** A store on the cluster reachable through {@code endpoints} (client URLs), keeping its keys under {@code prefix}. */
    public static EtcdStorage open(List<URI> endpoints, byte[] prefix) {
        EtcdStorage storage = new EtcdStorage(new EtcdClient(endpoints), prefix);
        storage.revision(); // fails early when no member answers
        return storage;
    }

    EtcdClient client() {
        return client;
    }

    @Override
    public byte[] get(byte[] key) {
        return get(0, key);
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] key) {
        return get(snapshot == null ? 0 : own(snapshot).revision(), key);
    }

    private byte[] get(long revision, byte[] key) {
        ensureOpen();
        ObjectNode body = EtcdClient.object().put("key", b64(raw(key)));
        if (revision > 0) {
            body.put("revision", revision);
        }
        JsonNode kvs = client.callIdempotent("kv/range", body).path("kvs");
        return kvs.isEmpty() ? null : bytes(kvs.get(0).path("value"));
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        ensureOpen();
        byte[] from = raw(range.from() == null ? new byte[0] : range.from());
        byte[] to = range.to() == null ? prefixEnd : raw(range.to());
        if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
            return new EmptyIterator();
        }
        return new EtcdIterator(this, from, to, reverse, snapshot == null ? 0 : own(snapshot).revision());
    }

    /** One page of {@code [from, to)} (to null: unbounded) at {@code revision} (0: latest). */
    JsonNode range(byte[] from, byte[] to, int limit, boolean reverse, long revision) {
        ObjectNode body = EtcdClient.object()
                .put("key", b64(nonEmpty(from)))
                .put("range_end", b64(to == null ? new byte[] {0} : to))
                .put("limit", limit);
        if (reverse) {
            body.put("sort_order", "DESCEND").put("sort_target", "KEY");
        }
        if (revision > 0) {
            body.put("revision", revision);
        }
        return client.callIdempotent("kv/range", body);
    }

    @Override
    public void write(WriteBatch batch) {
        ensureOpen();
        if (batch.isEmpty()) {
            return;
        }
        NetChange change = NetChange.of(batch);
        if (change.adds().isEmpty()) {
            commit(batch, change);
            return;
        }
        // Writers of one counter in this process take turns, so they do not make each other retry;
        // across processes the revision comparison alone keeps the counter exact.
        try (CounterLocks.Held ignored = counterLocks.lock(change.adds().keySet())) {
            commit(batch, change);
        }
    }

    private void commit(WriteBatch batch, NetChange change) {
        List<WriteBatch.Expect> expectations = batch.expectations();
        for (int attempt = 1; ; attempt++) {
            ObjectNode txn = EtcdClient.object();
            ArrayNode compare = txn.putArray("compare");
            ArrayNode success = txn.putArray("success");
            ArrayNode failure = txn.putArray("failure");
            for (WriteBatch.Expect e : expectations) {
                compare.add(e.value() == null ? version(raw(e.key()), 0) : valueIs(raw(e.key()), e.value()));
                failure.addObject().putObject("request_range").put("key", b64(raw(e.key())));
            }
            Map<byte[], byte[]> puts = new TreeMap<>(Arrays::compareUnsigned);
            puts.putAll(change.puts());
            for (Map.Entry<byte[], Long> add : change.adds().entrySet()) {
                byte[] key = raw(add.getKey());
                Counter known = counters.get(ByteBuffer.wrap(key));
                if (known == null) {
                    known = readCounter(key);
                }
                compare.add(known.modRevision() == 0 ? version(key, 0)
                        : EtcdClient.object().put("result", "EQUAL").put("target", "MOD").put("key", b64(key))
                                .put("mod_revision", known.modRevision()));
                puts.put(add.getKey(), WriteBatch.counterBytes(known.value() + add.getValue()));
                failure.addObject().putObject("request_range").put("key", b64(key));
            }
            for (Map.Entry<byte[], byte[]> p : puts.entrySet()) {
                if (p.getValue() != null) {
                    success.addObject().putObject("request_put")
                            .put("key", b64(raw(p.getKey()))).put("value", b64(p.getValue()));
                } else if (!change.inDeletedRange(p.getKey())) {
                    success.addObject().putObject("request_delete_range").put("key", b64(raw(p.getKey())));
                }
            }
            for (byte[][] r : change.rangesAround(puts)) {
                success.addObject().putObject("request_delete_range")
                        .put("key", b64(raw(r[0]))).put("range_end", b64(raw(r[1])));
            }
            JsonNode answer;
            try {
                // At most once: a commit whose outcome is unknown is not sent again (EtcdClient.notProposed says why).
                answer = client.call("kv/txn", txn);
            } catch (RuntimeException e) {
                forgetCounters(change);
                throw e;
            }
            if (answer.path("succeeded").asBoolean(false)) {
                long revision = answer.path("header").path("revision").asLong();
                for (Map.Entry<byte[], Long> add : change.adds().entrySet()) {
                    counters.put(ByteBuffer.wrap(raw(add.getKey())),
                            new Counter(revision, WriteBatch.counter(puts.get(add.getKey()))));
                }
                return;
            }
            // Which comparison failed? An expectation: the caller's read is stale. Only a counter: retry here.
            JsonNode responses = answer.path("responses");
            for (int i = 0; i < expectations.size(); i++) {
                JsonNode kvs = responses.path(i).path("response_range").path("kvs");
                byte[] now = kvs.isEmpty() ? null : bytes(kvs.get(0).path("value"));
                if (!Arrays.equals(now, expectations.get(i).value())) {
                    forgetCounters(change);
                    throw new WriteConflictException("a key changed since it was read");
                }
            }
            int i = expectations.size();
            for (byte[] key : change.adds().keySet()) {
                counters.put(ByteBuffer.wrap(raw(key)), Counter.of(responses.path(i++).path("response_range").path("kvs")));
            }
            if (attempt >= COUNTER_ATTEMPTS) {
                throw new StorageException("counters kept changing; gave up after " + attempt + " attempts");
            }
            if (attempt > 3) {
                backOff(attempt);
            }
        }
    }

    /** The last value and revision seen of a counter; modRevision 0 when absent. */
    private record Counter(long modRevision, long value) {
        static Counter of(JsonNode kvs) {
            if (kvs.isEmpty()) {
                return new Counter(0, 0);
            }
            JsonNode kv = kvs.get(0);
            return new Counter(kv.path("mod_revision").asLong(), WriteBatch.counter(bytes(kv.path("value"))));
        }
    }

    private Counter readCounter(byte[] rawKey) {
        return Counter.of(client.callIdempotent("kv/range", EtcdClient.object().put("key", b64(rawKey))).path("kvs"));
    }

    private void forgetCounters(NetChange change) {
        for (byte[] key : change.adds().keySet()) {
            counters.remove(ByteBuffer.wrap(raw(key)));
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a batch", e);
        }
    }

    private static ObjectNode version(byte[] key, long version) {
        return EtcdClient.object().put("result", "EQUAL").put("target", "VERSION").put("key", b64(key))
                .put("version", version);
    }

    private static ObjectNode valueIs(byte[] key, byte[] value) {
        return EtcdClient.object().put("result", "EQUAL").put("target", "VALUE").put("key", b64(key))
                .put("value", b64(value));
    }

    @Override
    public Snapshot snapshot() {
        ensureOpen();
        return new EtcdSnapshot(this, revision());
    }

    /** The cluster's current revision (a linearizable read of one key). */
    long revision() {
        ObjectNode body = EtcdClient.object().put("key", b64(nonEmpty(prefix))).put("count_only", true).put("limit", 1);
        return client.callIdempotent("kv/range", body).path("header").path("revision").asLong();
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public AutoCloseable watch(byte[] prefix, java.util.function.Consumer<byte[]> listener) {
        ensureOpen();
        byte[] from = raw(prefix);
        byte[] to = Bytes.prefixEnd(from);
        EtcdWatch watch = new EtcdWatch(this, from, to == null ? new byte[] {0} : to, listener);
        watches.add(watch);
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    @Override
    public boolean runIfLeader(String name, Runnable task) {
        ensureOpen();
        if (!leases.lead(name)) {
            return false;
        }
        task.run();
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watches.forEach(EtcdWatch::close);
        watches.clear();
        try {
            leases.release();
        } catch (StorageException e) {
            // the lease expires by itself
        }
    }

    private EtcdSnapshot own(Snapshot snapshot) {
        if (!(snapshot instanceof EtcdSnapshot s) || s.owner() != this) {
            throw new IllegalArgumentException("snapshot does not belong to this storage");
        }
        return s;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("storage is closed");
        }
    }

    /** The etcd key of a store key. */
    byte[] raw(byte[] key) {
        return prefix.length == 0 ? key : Bytes.concat(prefix, key);
    }

    /** The store key of an etcd key (given base64-encoded). */
    byte[] unprefixed(JsonNode key) {
        byte[] raw = bytes(key);
        return Arrays.copyOfRange(raw, prefix.length, raw.length);
    }

    /** etcd refuses an empty key; "\0" is the smallest key it takes (the store never uses the empty key). */
    private static byte[] nonEmpty(byte[] key) {
        return key.length == 0 ? new byte[] {0} : key;
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** Decodes a base64 field; etcd leaves out empty values. */
    static byte[] bytes(JsonNode field) {
        return field.isMissingNode() || field.isNull() ? new byte[0] : B64D.decode(field.asText());
    }

    private static final class EmptyIterator implements KeyValueIterator {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public byte[] key() {
            throw new IllegalStateException("no entry");
        }

        @Override
        public byte[] value() {
            throw new IllegalStateException("no entry");
        }

        @Override
        public void close() {
        }
    }
}
