package io.dynarocks.replication;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.replication.operation.ApplyChangesRequest;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import io.dynarocks.streams.Shard;
import io.dynarocks.streams.StreamDescriptor;
import io.dynarocks.streams.StreamRecord;
import io.dynarocks.streams.StreamStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships one table's changes from this region to one peer, on its own thread (and the table settings changes
 * made here that every replica shares, before them): first every existing
 * item and tombstone (the backfill of a new replica), then the table's stream from the positions noted before the
 * backfill began, shard by shard (a child after its parent). Each record is shipped as the item's
 * current state, and only when this region wrote it: states written elsewhere are shipped by their
 * own region. The cursor advances only after the peer acknowledged, so delivery is at least once and
 * survives restarts and outages; the peer's last-writer-wins check makes it idempotent.
 *
 * <p>When several servers of this region share one store, each has a shipper for the table and peer
 * but only the one holding the cluster-wide lease of the pair ships ({@link #leads}); the others
 * wait, and one of them takes over when the leader stops or loses the store, resuming from the
 * durable cursor. A cursor is saved expecting the one its shipper read, so a former leader that
 * had not yet noticed its loss cannot move the cursor back.
 */
final class Shipper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);
    private static final int BATCH = 200;
    private static final long POLL_MILLIS = 5;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    /** How soon a peer busy with its table is offered a pending settings change again. */
    private static final long SETTINGS_RETRY_MILLIS = 200;
    /** How often the store is looked at for settings changes queued by another server sharing it. */
    private static final long SETTINGS_CHECK_MILLIS = 1_000;
    /**
     * How often a server sharing the store checks whether it leads shipping (and a leader renews its
     * lease): well within the lease's lifetime, so a running leader keeps it.
     */
    private static final long LEADERSHIP_CHECK_MILLIS = 1_000;

    private final Engine engine;
    private final StreamStore store;
    private final String region;
    private final String tableName;
    private final String peer;
    private final PeerLink link;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean backfilled;
    private volatile boolean reachable = true;
    private volatile boolean authorized = true;
    private volatile long lagMillis;
    private volatile long shipped;
    private long leadershipCheckedNanos;
    private long settingsRetryNanos;
    private long settingsCheckedNanos;
    /** Set when this server queued a settings change for the peer; another server's show within a second. */
    private volatile boolean settingsChanged = true;
    private boolean leading;

    Shipper(Engine engine, StreamStore store, String region, String tableName, String peer, PeerLink link) {
        this.engine = engine;
        this.store = store;
        this.region = region;
        this.tableName = tableName;
        this.peer = peer;
        this.link = link;
        this.thread = new Thread(this, "dynarocks-replication-" + tableName + "-" + peer);
        this.thread.setDaemon(true);
        ReplicationCursor cursor = cursor();
        this.backfilled = cursor != null && cursor.backfilled();
    }

    void start() {
        thread.start();
    }

    String peer() {
        return peer;
    }

    /** False until the items that existed when the peer joined have all reached it. */
    boolean backfilled() {
        return backfilled;
    }

    /** False while the peer refuses this region's signature or key. */
    boolean authorized() {
        return authorized;
    }

    /** False while the peer does not answer (or answers errors). */
    boolean reachable() {
        return reachable;
    }

    /** How old the oldest change not yet acknowledged by the peer is; 0 when caught up. */
    long lagMillis() {
        return lagMillis;
    }

    /** Item states the peer acknowledged since start. */
    long shipped() {
        return shipped;
    }

    /** Stops shipping; waits for a batch in flight. The cursor stays, so a later start resumes. */
    void close() {
        running = false;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A table settings change for the peer was queued: deliver it with the next step. */
    void settingsChanged() {
        settingsChanged = true;
    }

    /** Forgets where shipping stood (the peer left the replica set). */
    void forget(WriteBatch batch) {
        batch.delete(ReplicationKeys.cursor(tableName, peer));
        KeyRange pending = ReplicationKeys.pendingSettings(tableName, peer);
        batch.deleteRange(pending.from(), pending.to());
    }

    @Override
    public void run() {
        int failures = 0;
        while (running) {
            try {
                if (!leads()) {
                    Thread.sleep(LEADERSHIP_CHECK_MILLIS);
                    continue;
                }
                boolean progressed = step();
                reachable = true;
                authorized = true;
                failures = 0;
                if (!progressed) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (WriteConflictException e) {
                // Another server of the region moved the cursor: it leads now, or this one must check again.
                leadershipCheckedNanos = 0;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // Either the peer refuses this region's key, or it cannot take the changes: DescribeTable shows
                // REPLICATION_NOT_AUTHORIZED for the first, REGION_DISABLED for the second.
                authorized = !(e instanceof PeerLink.PeerException p && p.unauthorized());
                reachable = false;
                failures++;
                if (failures == 1) {
                    LOG.warn("replication of {} to {} failing, retrying: {}", tableName, peer, e.toString());
                }
                try {
                    Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, 10L << Math.min(failures, 10)));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Whether this server ships the table to the peer now: always on a store of its own; on a store
     * shared by several servers of the region, while it holds the pair's lease (asked about once a
     * second). A server that does not lead reports the durable cursor's backfill state.
     */
    private boolean leads() {
        if (!engine.storage().shared()) {
            return true;
        }
        long now = System.nanoTime();
        if (leadershipCheckedNanos == 0 || now - leadershipCheckedNanos > LEADERSHIP_CHECK_MILLIS * 1_000_000) {
            leading = engine.storage().runIfLeader("replication/" + tableName + "/" + peer, () -> { });
            leadershipCheckedNanos = now;
            if (!leading) {
                ReplicationCursor cursor = cursor();
                backfilled = cursor != null && cursor.backfilled();
                lagMillis = 0;
            }
        }
        return leading;
    }

    private boolean step() throws IOException {
        boolean delivered = deliverSettings();
        TableDefinition table = engine.catalog().find(tableName).orElse(null);
        StreamDescriptor stream = table == null ? null : store.streams().stream()
                .filter(d -> d.tableStorageId() == table.storageId() && d.enabled()).findFirst().orElse(null);
        if (stream == null) {
            return delivered;
        }
        byte[] stored = engine.storage().get(ReplicationKeys.cursor(tableName, peer));
        ReplicationCursor cursor = stored == null ? null : ReplicationCursor.fromBytes(stored);
        if (cursor == null || !cursor.backfilled() || !cursor.streamArn().equals(stream.arn())) {
            backfill(table, stream, stored);
            return true;
        }
        return ship(table, stream, cursor, stored) || delivered;
    }

    /**
     * Delivers the table settings changes made here that the peer has not taken yet ({@link TableSettingsUpdate}),
     * oldest first, each removed once taken. A peer busy with its table (a transient status, an index still
     * backfilling) is asked again a little later; one that refuses a change for good has it logged and dropped;
     * one that does not answer is retried as item changes are.
     */
    private boolean deliverSettings() throws IOException {
        long now = System.nanoTime();
        if (now < settingsRetryNanos
                || !settingsChanged && now - settingsCheckedNanos < SETTINGS_CHECK_MILLIS * 1_000_000) {
            return false;
        }
        settingsChanged = false;
        settingsCheckedNanos = now;
        List<byte[][]> pending = new ArrayList<>();
        try (KeyValueIterator it = engine.storage().iterate(ReplicationKeys.pendingSettings(tableName, peer), false,
                null)) {
            while (it.next()) {
                pending.add(new byte[][] {it.key(), it.value()});
            }
        }
        for (byte[][] change : pending) {
            try {
                link.call(TableSettingsUpdate.ACTION, change[1]);
            } catch (IOException e) {
                settingsChanged = true;
                if (!(e instanceof PeerLink.PeerException p) || p.status >= 500 || p.unauthorized()) {
                    throw e;
                }
                DynamoException refusal = p.asDynamoException();
                if (TableSettingsUpdate.busy(refusal)) {
                    settingsRetryNanos = System.nanoTime() + SETTINGS_RETRY_MILLIS * 1_000_000;
                    return false;
                }
                settingsChanged = false;
                LOG.warn("table settings change of {} refused by region {}, dropped: {}", tableName, peer,
                        refusal.getMessage());
            }
            engine.storage().write(new WriteBatch().delete(change[0]));
        }
        return !pending.isEmpty();
    }

    /** Notes the stream's current end, ships every item, then starts streaming from the noted end. */
    private void backfill(TableDefinition table, StreamDescriptor stream, byte[] storedCursor) throws IOException {
        backfilled = false;
        Map<String, Long> positions = new HashMap<>();
        for (Shard s : store.shards(stream)) {
            positions.put(s.shardId(), store.latest(s));
        }
        byte[] noted = save(storedCursor, new ReplicationCursor(false, stream.arn(), positions));
        long started = System.currentTimeMillis();
        try (Snapshot snapshot = engine.storage().snapshot();
                KeyValueIterator it = engine.storage().iterate(
                        ItemKeys.index(table.storageId(), ItemKeys.BASE_TABLE), false, snapshot)) {
            List<ReplicatedChange> batch = new ArrayList<>(BATCH);
            while (it.next() && running) {
                Map<String, AttributeValue> item = ItemCodec.decode(it.value());
                byte[] stored = engine.storage().get(snapshot, ReplicationKeys.version(it.key()));
                ItemVersion version = stored == null ? new ItemVersion(0, region, false, false)
                        : ItemVersion.fromBytes(stored);
                PrimaryKey key = Keys.ofItem(table.keySchema(), item);
                batch.add(new ReplicatedChange(key.asMap(table.keySchema()), item, version));
                if (batch.size() == BATCH) {
                    lagMillis = System.currentTimeMillis() - started;
                    send(batch);
                    batch.clear();
                }
            }
            if (!running) {
                return;
            }
            // Tombstones too: a deletion made before the peer joined reaches it only this way, and without
            // it an older copy of the item shipped by another region (one the deletion had not reached
            // yet) would live on in the new replica.
            try (KeyValueIterator versions = engine.storage().iterate(ReplicationKeys.versions(table.storageId()),
                    false, snapshot)) {
                while (versions.next() && running) {
                    ItemVersion version = ItemVersion.fromBytes(versions.value());
                    Map<String, AttributeValue> keys = version.deleted() ? ItemVersion.keysOf(versions.value()) : null;
                    if (keys != null) {
                        batch.add(new ReplicatedChange(keys, null, version));
                        if (batch.size() == BATCH) {
                            send(batch);
                            batch.clear();
                        }
                    }
                }
            }
            if (!running) {
                return;
            }
            send(batch);
        }
        save(noted, new ReplicationCursor(true, stream.arn(), positions));
        backfilled = true;
        lagMillis = 0;
    }

    private boolean ship(TableDefinition table, StreamDescriptor stream, ReplicationCursor cursor, byte[] stored)
            throws IOException {
        List<Shard> shards = store.shards(stream);
        Set<String> visible = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        Map<String, Long> positions = cursor.positions();
        boolean progressed = false;
        long oldest = Long.MAX_VALUE;
        for (Shard shard : shards) {
            String id = shard.shardId();
            Long position = positions.get(id);
            String parent = shard.parentShardId();
            if (position != null && position == ReplicationCursor.FINISHED
                    || parent != null && visible.contains(parent)
                    && !Long.valueOf(ReplicationCursor.FINISHED).equals(positions.get(parent))) {
                continue;
            }
            long from = position != null ? position : store.trimHorizon(shard);
            StreamStore.Page page;
            try {
                page = store.read(shard, from, BATCH);
            } catch (StreamStore.TrimmedException e) {
                // The peer was away longer than the stream keeps records: copy every item again.
                LOG.warn("replication of {} to {} fell behind the stream's retention; backfilling", tableName, peer);
                save(stored, new ReplicationCursor(false, stream.arn(), Map.of()));
                return true;
            }
            if (!page.records().isEmpty()) {
                oldest = Math.min(oldest, page.records().get(0).createdMillis());
                lagMillis = Math.max(0, store.nowMillis() - oldest);
                send(states(table, page.records()));
                progressed = true;
            }
            long next = page.next() < 0 ? ReplicationCursor.FINISHED : page.next();
            if (position == null || next != position) {
                positions.put(id, next);
                progressed = true;
            }
        }
        positions.keySet().retainAll(visible);
        if (progressed) {
            save(stored, new ReplicationCursor(true, stream.arn(), positions));
        } else {
            lagMillis = 0;
        }
        return progressed;
    }

    /** The current state of each item the records name, when this region wrote it. */
    private List<ReplicatedChange> states(TableDefinition table, List<StreamRecord> records) {
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        for (StreamRecord r : records) {
            keys.put(r.keys().toString(), r.keys());
        }
        List<ReplicatedChange> out = new ArrayList<>(keys.size());
        try (Snapshot snapshot = engine.storage().snapshot()) {
            for (Map<String, AttributeValue> k : keys.values()) {
                byte[] itemKey = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, Keys.ofKey(table.keySchema(), k));
                byte[] stored = engine.storage().get(snapshot, ReplicationKeys.version(itemKey));
                if (stored == null) {
                    continue;
                }
                ItemVersion version = ItemVersion.fromBytes(stored);
                if (!version.region().equals(region)) {
                    continue;
                }
                byte[] item = version.deleted() ? null : engine.storage().get(snapshot, itemKey);
                out.add(new ReplicatedChange(k, item == null ? null : ItemCodec.decode(item),
                        item == null ? new ItemVersion(version.timestamp(), version.region(), true,
                                version.serviceDelete()) : version));
            }
        }
        return out;
    }

    private void send(List<ReplicatedChange> changes) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        link.call("ApplyReplicatedChanges", new ApplyChangesRequest(tableName, region, changes).toBytes());
        shipped += changes.size();
    }

    private ReplicationCursor cursor() {
        byte[] stored = engine.storage().get(ReplicationKeys.cursor(tableName, peer));
        return stored == null ? null : ReplicationCursor.fromBytes(stored);
    }

    /**
     * Stores {@code cursor} in place of the {@code read} one (null: none) and returns its bytes; on a
     * shared store only if the stored cursor is still {@code read} ({@link WriteConflictException} if
     * another server moved it).
     */
    private byte[] save(byte[] read, ReplicationCursor cursor) {
        byte[] key = ReplicationKeys.cursor(tableName, peer);
        byte[] bytes = cursor.toBytes();
        WriteBatch batch = new WriteBatch().put(key, bytes);
        if (engine.storage().shared()) {
            batch.expect(key, read);
        }
        engine.storage().write(batch);
        return bytes;
    }
}
