package io.dynarocks.ttl;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.RetriedTaskLog;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired items: reads the expiry index from its start up to now (cost grows with the
 * number of due entries, never with table sizes), re-checks each item under its lock by its current
 * TTL value, and deletes it as a service delete, every change hook's entries in the same batch.
 * TTL deletes consume no capacity.
 */
public final class TtlSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TtlSweeper.class);

    private final RetriedTaskLog failures = new RetriedTaskLog(LOG, "TTL sweep");
    private static final int CHUNK = 1000;

    private final Engine engine;
    private final Map<String, LongAdder> deleted = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public TtlSweeper(Engine engine) {
        this.engine = engine;
    }

    /** Sweeps every {@code interval} on a daemon thread until closed. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynarocks-ttl-sweeper");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::sweepLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Deletes every item that is due now; returns how many were deleted. */
    public int sweep() {
        KeyRange due = ExpiryIndex.due(engine.clock().millis());
        byte[] from = due.from();
        int count = 0;
        while (true) {
            List<byte[]> entries = new ArrayList<>(CHUNK);
            // Collected in chunks so no iterator stays open while items are deleted.
            try (KeyValueIterator it = engine.storage().iterate(new KeyRange(from, due.to()), false, null)) {
                while (entries.size() < CHUNK && it.next()) {
                    entries.add(it.key());
                }
            }
            for (byte[] entry : entries) {
                count += expire(ExpiryIndex.decode(entry)) ? 1 : 0;
            }
            if (entries.size() < CHUNK) {
                return count;
            }
            from = Bytes.concat(entries.get(entries.size() - 1), new byte[] {0});
        }
    }

    /** Items deleted by TTL in {@code table} since the server started. */
    public long deletedCount(String table) {
        LongAdder n = deleted.get(table);
        return n == null ? 0 : n.sum();
    }

    /** Items deleted by TTL, per table name. */
    public Map<String, Long> deletedCounts() {
        Map<String, Long> out = new TreeMap<>();
        deleted.forEach((table, n) -> out.put(table, n.sum()));
        return out;
    }

    // Drops the entry; deletes its item too if the item is still expired by its current TTL value
    // (it may have been updated since the entry was read).
    private boolean expire(ExpiryIndex.Entry entry) {
        try (ItemLocks.Held ignored = engine.locks().lock(entry.itemKey())) {
            WriteBatch batch = new WriteBatch().delete(entry.key());
            TableDefinition table = table(entry.tableStorageId());
            byte[] stored = table == null ? null : engine.storage().get(entry.itemKey());
            boolean expired = false;
            if (stored != null) {
                Map<String, AttributeValue> item = ItemCodec.decode(stored);
                expired = ExpiryTime.expired(item, table.ttl(), engine.clock().millis());
                if (expired) {
                    if (engine.storage().shared()) {
                        // Before the hooks compute the index entries to delete: with the definition they use.
                        engine.catalog().expectCurrent(batch, table);
                    }
                    batch.delete(entry.itemKey());
                    ChangeHook.Change change = new ChangeHook.Change(table, Keys.ofItem(table.keySchema(), item),
                            item, null, true);
                    for (ChangeHook hook : engine.hooks()) {
                        hook.onChange(change, batch);
                    }
                }
            }
            if (engine.storage().shared()) {
                // Another server may have changed the item since it was read: then leave the entry to
                // the next sweep, which reads the item again.
                batch.expect(entry.itemKey(), stored);
            }
            try {
                engine.storage().write(batch);
            } catch (WriteConflictException e) {
                return false;
            }
            if (expired) {
                deleted.computeIfAbsent(table.tableName(), t -> new LongAdder()).increment();
            }
            return expired;
        }
    }

    private TableDefinition table(int storageId) {
        for (TableDefinition t : engine.catalog().tables()) {
            if (t.storageId() == storageId) {
                return t;
            }
        }
        return null;
    }

    private void sweepLogged() {
        try {
            // Once per cluster when servers share the store.
            engine.storage().runIfLeader("ttl-sweeper", this::sweep);
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    /** Stops the schedule and waits for a running sweep to finish. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
