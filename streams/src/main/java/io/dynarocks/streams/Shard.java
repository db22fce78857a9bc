package io.dynarocks.streams;

/**
 * One shard: hash range {@code range} of a stream during rollover generation {@code generation}.
 * Sequence numbers carry the generation in their high bits, so a shard's sequence numbers are the
 * fixed interval {@code [generation << 40, (generation + 1) << 40)} and its parent is the same hash
 * range one generation earlier: the layout is a function of time, nothing to persist.
 */
public record Shard(StreamDescriptor stream, int range, int generation) {

    static final int GENERATION_SHIFT = 40;
    private static final String PREFIX = "shardId-";

    public String shardId() {
        return String.format("%s%020d-%08x", PREFIX, createdMillis(), (range << 24) | generation);
    }

    /** The shard this one succeeded, or null for the stream's first generation. */
    public String parentShardId() {
        return generation == 0 ? null : new Shard(stream, range, generation - 1).shardId();
    }

    public long createdMillis() {
        return stream.startMillis() + generation * stream.periodMillis();
    }

    public long firstSeq() {
        return (long) generation << GENERATION_SHIFT;
    }

    public long lastSeq() {
        return ((long) (generation + 1) << GENERATION_SHIFT) - 1;
    }

    public boolean contains(long seq) {
        return seq >= firstSeq() && seq <= lastSeq();
    }

    /** The shard of {@code stream} with id {@code shardId}, or null if the id names none. */
    public static Shard parse(StreamDescriptor stream, String shardId) {
        if (shardId == null || !shardId.startsWith(PREFIX) || shardId.length() != PREFIX.length() + 29) {
            return null;
        }
        try {
            int code = Integer.parseUnsignedInt(shardId.substring(PREFIX.length() + 21), 16);
            Shard s = new Shard(stream, code >>> 24, code & 0xFFFFFF);
            return s.range < stream.ranges() && s.shardId().equals(shardId) ? s : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** DynamoDB's form of a sequence number: a decimal string of 21 digits. */
    public static String formatSeq(long seq) {
        return String.format("%021d", seq);
    }

    /** The sequence number, or -1 when the text is not one of ours. */
    public static long parseSeq(String text) {
        try {
            return text.length() > 21 ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
