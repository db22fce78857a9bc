package io.dynarocks.streams.operation;

import io.dynarocks.protocol.DynamoException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * An opaque shard iterator: which stream and shard, the next position, and when it was issued (it
 * expires after 15 minutes, as DynamoDB's do).
 */
record ShardIterator(int tableStorageId, long streamStart, int range, int generation, long position,
        long issuedMillis) {

    static final long LIFETIME_MILLIS = 15 * 60 * 1000;
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + 4 + 8 + 1 + 4 + 8 + 8;

    String encode() {
        byte[] raw = ByteBuffer.allocate(LENGTH).put(VERSION).putInt(tableStorageId).putLong(streamStart)
                .put((byte) range).putInt(generation).putLong(position).putLong(issuedMillis).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static ShardIterator decode(String text) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != LENGTH || raw[0] != VERSION) {
            throw DynamoException.validation("Invalid ShardIterator");
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 1, LENGTH - 1);
        return new ShardIterator(b.getInt(), b.getLong(), b.get(), b.getInt(), b.getLong(), b.getLong());
    }
}
