package io.dynarocks.streams;

import io.dynarocks.storage.KeyRange;
import java.nio.ByteBuffer;

/**
 * Storage keys of streams. Descriptors: {@code s | tableId(4) | streamStart(8)}. Records:
 * {@code S | tableId(4) | streamStart(8) | hashRange(1) | seq(8)}; a shard is a contiguous run of
 * one hash range because its generation is the high part of the sequence number. Trim points:
 * {@code r | tableId(4) | streamStart(8) | hashRange(1) | generation(4)}, the position after the
 * last physically deleted record of that shard. Sequence: {@code q | tableId(4) | streamStart(8)}, the
 * last sequence number committed, kept only on a store several servers share (see StreamState).
 */
final class StreamKeys {

    private static final byte DESCRIPTOR_PREFIX = 's';
    private static final byte RECORD_PREFIX = 'S';
    private static final byte TRIM_PREFIX = 'r';
    private static final byte SEQUENCE_PREFIX = 'q';

    private StreamKeys() {}

    static byte[] descriptor(int tableId, long streamStart) {
        return ByteBuffer.allocate(13).put(DESCRIPTOR_PREFIX).putInt(tableId).putLong(streamStart).array();
    }

    static byte[] sequence(StreamDescriptor d) {
        return streamPrefix(SEQUENCE_PREFIX, d);
    }

    static KeyRange allDescriptors() {
        return KeyRange.prefix(new byte[] {DESCRIPTOR_PREFIX});
    }

    static byte[] record(StreamDescriptor d, int range, long seq) {
        return ByteBuffer.allocate(22).put(RECORD_PREFIX).putInt(d.tableStorageId()).putLong(d.startMillis())
                .put((byte) range).putLong(seq).array();
    }

    /** Records of one hash range with sequence numbers in {@code [fromSeq, toSeq]}. */
    static KeyRange records(StreamDescriptor d, int range, long fromSeq, long toSeq) {
        byte[] to = toSeq == Long.MAX_VALUE ? prefixEnd(d, range) : record(d, range, toSeq + 1);
        return new KeyRange(record(d, range, fromSeq), to);
    }

    /** Every record of one hash range. */
    static KeyRange records(StreamDescriptor d, int range) {
        return new KeyRange(record(d, range, 0), prefixEnd(d, range));
    }

    /** Every record of a stream, every hash range. */
    static KeyRange records(StreamDescriptor d) {
        return KeyRange.prefix(streamPrefix(RECORD_PREFIX, d));
    }

    static byte[] trimPoint(StreamDescriptor d, int range, int generation) {
        return ByteBuffer.allocate(18).put(streamPrefix(TRIM_PREFIX, d)).put((byte) range).putInt(generation).array();
    }

    /** The trim points of one hash range with generations in {@code [fromGeneration, toGeneration)}. */
    static KeyRange trimPoints(StreamDescriptor d, int range, int fromGeneration, int toGeneration) {
        return new KeyRange(trimPoint(d, range, fromGeneration), trimPoint(d, range, toGeneration));
    }

    /** Every trim point of one hash range. */
    static KeyRange trimPoints(StreamDescriptor d, int range) {
        return KeyRange.prefix(ByteBuffer.allocate(14).put(streamPrefix(TRIM_PREFIX, d)).put((byte) range).array());
    }

    /** Every trim point of a stream. */
    static KeyRange trimPoints(StreamDescriptor d) {
        return KeyRange.prefix(streamPrefix(TRIM_PREFIX, d));
    }

    static int generationOf(byte[] trimPointKey) {
        return ByteBuffer.wrap(trimPointKey, 14, 4).getInt();
    }

    static byte[] position(long seq) {
        return ByteBuffer.allocate(8).putLong(seq).array();
    }

    static long position(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    private static byte[] streamPrefix(byte prefix, StreamDescriptor d) {
        return ByteBuffer.allocate(13).put(prefix).putInt(d.tableStorageId()).putLong(d.startMillis()).array();
    }

    static long seqOf(byte[] recordKey) {
        return ByteBuffer.wrap(recordKey, 14, 8).getLong();
    }

    private static byte[] prefixEnd(StreamDescriptor d, int range) {
        return ByteBuffer.allocate(14).put(RECORD_PREFIX).putInt(d.tableStorageId()).putLong(d.startMillis())
                .put((byte) (range + 1)).array();
    }
}
