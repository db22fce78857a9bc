package io.dynarocks.streams;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Physically deletes stream records older than 24 hours, which readers already treat as trimmed. Per
 * hash range, the run of expired records at its start goes in one delete-range, and every shard it
 * touched records its trim point in the same batch, so iterators into the deleted part still get
 * TrimmedDataAccessException, after a restart too. Streams disabled more than 24 hours ago are dropped whole.
 */
final class StreamTrimmer {

    /** Records examined per write batch, so one pass never holds an unbounded batch. */
    private static final int CHUNK = 10_000;

    private final StreamStore store;

    StreamTrimmer(StreamStore store) {
        this.store = store;
    }

    /** Deletes every record past retention now; returns how many were deleted. */
    long trim() {
        long horizon = store.nowMillis() - StreamStore.RETENTION_MILLIS;
        long deleted = 0;
        for (StreamDescriptor d : store.storedStreams()) {
            if (!d.enabled() && d.endMillis() <= horizon) {
                deleted += drop(d);
                continue;
            }
            for (int r = 0; r < d.ranges(); r++) {
                deleted += trimRange(d, r, horizon);
            }
            forgetGoneShards(d);
        }
        return deleted;
    }

    private long trimRange(StreamDescriptor d, int range, long cutoff) {
        long total = 0;
        while (true) {
            Map<Integer, Long> trimPoints = new TreeMap<>();
            long lastExpired = -1;
            int count = 0;
            boolean more = false;
            // Collected first, so no iterator stays open while the batch is written.
            try (KeyValueIterator it = storage().iterate(StreamKeys.records(d, range), false, null)) {
                while (it.next()) {
                    long seq = StreamKeys.seqOf(it.key());
                    if (StreamRecordJson.fromBytes(it.value(), seq).createdMillis() >= cutoff) {
                        break;
                    }
                    if (count == CHUNK) {
                        more = true;
                        break;
                    }
                    lastExpired = seq;
                    trimPoints.put((int) (seq >>> Shard.GENERATION_SHIFT), seq + 1);
                    count++;
                }
            }
            if (count == 0) {
                return total;
            }
            WriteBatch batch = new WriteBatch().deleteRange(StreamKeys.record(d, range, 0),
                    StreamKeys.record(d, range, lastExpired + 1));
            trimPoints.forEach((g, p) -> batch.put(StreamKeys.trimPoint(d, range, g), StreamKeys.position(p)));
            storage().write(batch);
            total += count;
            // Interrupted by Streams.close: stop between batches, the rest waits for the next start.
            if (!more || Thread.currentThread().isInterrupted()) {
                return total;
            }
        }
    }

    // A shard gone from DescribeStream is never read again, so its trim point only matters while it is
    // the newest of its hash range (it keeps new sequence numbers above it after a restart).
    private void forgetGoneShards(StreamDescriptor d) {
        int[] firstVisible = new int[d.ranges()];
        Arrays.fill(firstVisible, Integer.MAX_VALUE);
        for (Shard s : store.shards(d)) {
            firstVisible[s.range()] = Math.min(firstVisible[s.range()], s.generation());
        }
        WriteBatch batch = new WriteBatch();
        for (int r = 0; r < d.ranges(); r++) {
            int newest;
            try (KeyValueIterator it = storage().iterate(StreamKeys.trimPoints(d, r), true, null)) {
                if (!it.next()) {
                    continue;
                }
                newest = StreamKeys.generationOf(it.key());
            }
            KeyRange gone = StreamKeys.trimPoints(d, r, 0, Math.min(firstVisible[r], newest));
            try (KeyValueIterator it = storage().iterate(gone, false, null)) {
                if (it.next()) {
                    batch.deleteRange(gone.from(), gone.to());
                }
            }
        }
        if (!batch.isEmpty()) {
            storage().write(batch);
        }
    }

    private long drop(StreamDescriptor d) {
        long count = 0;
        try (KeyValueIterator it = storage().iterate(StreamKeys.records(d), false, null)) {
            while (it.next()) {
                count++;
            }
        }
        KeyRange records = StreamKeys.records(d);
        KeyRange trimPoints = StreamKeys.trimPoints(d);
        storage().write(new WriteBatch().deleteRange(records.from(), records.to())
                .deleteRange(trimPoints.from(), trimPoints.to())
                .delete(StreamKeys.descriptor(d.tableStorageId(), d.startMillis()))
                .delete(StreamKeys.sequence(d)));
        store.forget(d);
        return count;
    }

    private Storage storage() {
        return store.storage();
    }
}
