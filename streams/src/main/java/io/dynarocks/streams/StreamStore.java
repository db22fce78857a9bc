package io.dynarocks.streams;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams of every table: descriptors, the live state of each stream, its shards and its
 * records. Records older than 24 hours are trimmed: invisible to readers and reported as
 * TrimmedDataAccessException when an iterator points at them, then physically deleted by the
 * {@link StreamTrimmer}, which leaves a trim point per shard so those positions stay reported as trimmed.
 */
public final class StreamStore {

    /** How long records, closed shards and disabled streams stay readable. */
    public static final long RETENTION_MILLIS = Duration.ofHours(24).toMillis();
    /** Hash ranges per generation: every change of one item goes to one of them. */
    static final int RANGES = 4;

    /** A page of records read from a shard; {@code next} is the position after them, -1 at a closed shard's end. */
    public record Page(List<StreamRecord> records, long next) {}

    private final Engine engine;
    private final long periodMillis;
    private final Map<String, StreamState> states = new ConcurrentHashMap<>();

    public StreamStore(Engine engine, Duration rolloverPeriod) {
        this.engine = engine;
        this.periodMillis = Math.max(1, rolloverPeriod.toMillis());
    }

    /** The region of the engine's tables, in their stream records. */
    public String region() {
        return engine.region();
    }

    public long nowMillis() {
        return engine.clock().millis();
    }

    Storage storage() {
        return engine.storage();
    }

    /** A descriptor for the table's newly enabled stream. */
    StreamDescriptor newDescriptor(TableDefinition table) {
        return StreamDescriptor.of(table, periodMillis, RANGES);
    }

    /** The live state of a stream, loaded (and its counter seeded from stored records) on first use. */
    StreamState state(StreamDescriptor d) {
        return states.computeIfAbsent(d.tableStorageId() + "/" + d.startMillis(), k -> {
            byte[] stored = storage().get(StreamKeys.descriptor(d.tableStorageId(), d.startMillis()));
            StreamDescriptor current = stored == null ? d : StreamDescriptor.fromBytes(stored);
            return new StreamState(current, maxStoredSeq(current), newestCreatedMillis(current));
        });
    }

    // Trim points count too: once every record is trimmed, new numbers must still come after them.
    private long maxStoredSeq(StreamDescriptor d) {
        long max = 0;
        for (int r = 0; r < d.ranges(); r++) {
            try (KeyValueIterator it = storage().iterate(StreamKeys.records(d, r), true, null)) {
                if (it.next()) {
                    max = Math.max(max, StreamKeys.seqOf(it.key()));
                }
            }
            try (KeyValueIterator it = storage().iterate(StreamKeys.trimPoints(d, r), true, null)) {
                if (it.next()) {
                    max = Math.max(max, StreamKeys.position(it.value()) - 1);
                }
            }
        }
        return max;
    }

    // Record times never go back (see StreamState.next), after a restart either.
    private long newestCreatedMillis(StreamDescriptor d) {
        long newest = 0;
        for (int r = 0; r < d.ranges(); r++) {
            try (KeyValueIterator it = storage().iterate(StreamKeys.records(d, r), true, null)) {
                if (it.next()) {
                    newest = Math.max(newest, StreamRecordJson.fromBytes(it.value(), StreamKeys.seqOf(it.key()))
                            .createdMillis());
                }
            }
        }
        return newest;
    }

    /** Drops the live state of a stream whose records are all deleted. */
    void forget(StreamDescriptor d) {
        states.remove(d.tableStorageId() + "/" + d.startMillis());
    }

    /** Every stored stream, readable or not. */
    List<StreamDescriptor> storedStreams() {
        List<StreamDescriptor> out = new ArrayList<>();
        try (KeyValueIterator it = storage().iterate(StreamKeys.allDescriptors(), false, null)) {
            while (it.next()) {
                out.add(StreamDescriptor.fromBytes(it.value()));
            }
        }
        return out;
    }

    /**
     * Whether position {@code seq} of shard {@code s} is trimmed: its records were deleted, or the first record
     * at or after it is older than 24 hours. A position before the shard's first record is not.
     */
    public boolean trimmedAt(Shard s, long seq) {
        if (seq < trimPoint(s)) {
            return true;
        }
        try (KeyValueIterator it = storage().iterate(StreamKeys.records(s.stream(), s.range(), seq, s.lastSeq()),
                false, null)) {
            return it.next() && StreamRecordJson.fromBytes(it.value(), StreamKeys.seqOf(it.key())).createdMillis()
                    < nowMillis() - RETENTION_MILLIS;
        }
    }

    /** The position after the shard's last physically deleted record; its first position if none was. */
    long trimPoint(Shard s) {
        byte[] stored = storage().get(StreamKeys.trimPoint(s.stream(), s.range(), s.generation()));
        return stored == null ? s.firstSeq() : StreamKeys.position(stored);
    }

    /** Every stream still readable (enabled, or disabled less than 24 hours ago), by ARN. */
    public List<StreamDescriptor> streams() {
        long horizon = nowMillis() - RETENTION_MILLIS;
        List<StreamDescriptor> out = new ArrayList<>();
        for (StreamDescriptor d : storedStreams()) {
            if (d.enabled() || d.endMillis() > horizon) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparing(StreamDescriptor::arn));
        return out;
    }

    /** The readable stream with this ARN, or null. */
    public StreamDescriptor find(String arn) {
        return streams().stream().filter(d -> d.arn().equals(arn)).findFirst().map(d -> state(d).descriptor())
                .orElse(null);
    }

    /** The readable stream stored under ({@code tableStorageId}, {@code startMillis}), or null. */
    public StreamDescriptor stream(int tableStorageId, long startMillis) {
        byte[] stored = storage().get(StreamKeys.descriptor(tableStorageId, startMillis));
        if (stored == null) {
            return null;
        }
        StreamDescriptor d = state(StreamDescriptor.fromBytes(stored)).descriptor();
        return d.enabled() || d.endMillis() > nowMillis() - RETENTION_MILLIS ? d : null;
    }

    /** The stream's shards that are open or closed less than 24 hours ago, oldest generation first. */
    public List<Shard> shards(StreamDescriptor d) {
        long now = nowMillis();
        int current = state(d).generation(now);
        long horizon = now - RETENTION_MILLIS;
        int first = (int) Math.max(0, Math.min(current, (horizon - d.startMillis()) / d.periodMillis() - 1));
        List<Shard> out = new ArrayList<>();
        for (int g = first; g <= current; g++) {
            for (int r = 0; r < d.ranges(); r++) {
                Shard s = new Shard(d, r, g);
                if (!closed(s) || closedAt(s) > horizon) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The readable shard of {@code d} with this id, or null. */
    public Shard shard(StreamDescriptor d, String shardId) {
        Shard s = Shard.parse(d, shardId);
        return s == null || !shards(d).contains(s) ? null : s;
    }

    /** A shard is closed once its generation is over or its stream is disabled. */
    public boolean closed(Shard s) {
        StreamDescriptor d = state(s.stream()).descriptor();
        return !d.enabled() || s.generation() < state(d).generation(nowMillis());
    }

    private long closedAt(Shard s) {
        StreamDescriptor d = state(s.stream()).descriptor();
        long rolled = s.createdMillis() + d.periodMillis();
        return d.enabled() ? rolled : Math.min(rolled, d.endMillis());
    }

    /** The position of the oldest record not yet trimmed (the shard's end if all are trimmed). */
    public long trimHorizon(Shard s) {
        long cutoff = nowMillis() - RETENTION_MILLIS;
        long pos = trimPoint(s);
        try (KeyValueIterator it = storage().iterate(StreamKeys.records(s.stream(), s.range(), pos,
                s.lastSeq()), false, null)) {
            while (it.next()) {
                long seq = StreamKeys.seqOf(it.key());
                if (StreamRecordJson.fromBytes(it.value(), seq).createdMillis() >= cutoff) {
                    return seq;
                }
                pos = seq + 1;
            }
        }
        return pos;
    }

    /** The position just after the newest committed record: where LATEST starts. */
    public long latest(Shard s) {
        long visible = state(s.stream()).visibleLimit(storage(), closed(s) ? s.lastSeq() : -1);
        return Math.max(s.firstSeq(), Math.min(visible + 1, s.lastSeq() + 1));
    }

    /**
     * Up to {@code limit} records of shard {@code s} from position {@code from}.
     *
     * @throws TrimmedException when the first record at {@code from} is already trimmed
     */
    public Page read(Shard s, long from, int limit) {
        StreamState state = state(s.stream());
        boolean closed = closed(s);
        long visible = Math.min(state.visibleLimit(storage(), closed ? s.lastSeq() : -1), s.lastSeq());
        long cutoff = nowMillis() - RETENTION_MILLIS;
        List<StreamRecord> records = new ArrayList<>();
        long next = from;
        if (from <= visible) {
            try (KeyValueIterator it = storage().iterate(StreamKeys.records(s.stream(), s.range(), from, visible),
                    false, null)) {
                while (records.size() < limit && it.next()) {
                    StreamRecord r = StreamRecordJson.fromBytes(it.value(), StreamKeys.seqOf(it.key()));
                    if (r.createdMillis() < cutoff) {
                        throw new TrimmedException();
                    }
                    records.add(r);
                    next = r.sequenceNumber() + 1;
                }
                if (records.size() < limit && closed && visible == s.lastSeq()) {
                    next = -1;
                }
            }
        } else if (closed && visible == s.lastSeq()) {
            next = -1;
        }
        // Checked after reading: a trim that ran meanwhile deleted records at or after from.
        if (from < trimPoint(s)) {
            throw new TrimmedException();
        }
        return new Page(records, next);
    }

    /** An iterator position points at records that are already trimmed. */
    public static final class TrimmedException extends RuntimeException {
        TrimmedException() {
            super(null, null, false, false);
        }
    }
}
