package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyEncoding;
import io.dynarocks.storage.KeyRange;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Storage keys of items: {@code T | tableId(4) | indexId(2) | hash(pk)(4) | enc(pk) | enc(sk)}.
 * The hash prefix spreads partitions (and makes Scan segments contiguous ranges); within a
 * partition items sort by the sort key's order-preserving encoding, so a Query is one range scan.
 */
public final class ItemKeys {

    public static final byte ITEM_PREFIX = 'T';
    /** Index id of the base table. */
    public static final short BASE_TABLE = 0;

    private ItemKeys() {}

    public static byte[] key(int tableId, short indexId, PrimaryKey key) {
        byte[] pk = encode(key.hash());
        byte[] sk = key.range() == null ? new byte[0] : encode(key.range());
        return ByteBuffer.allocate(11 + pk.length + sk.length)
                .put(ITEM_PREFIX).putInt(tableId).putShort(indexId).putInt(partitionHash(pk)).put(pk).put(sk)
                .array();
    }

    /** Every key of one index of one table. */
    public static KeyRange index(int tableId, short indexId) {
        return KeyRange.prefix(ByteBuffer.allocate(7).put(ITEM_PREFIX).putInt(tableId).putShort(indexId).array());
    }

    /** Every key of a table, all its indexes included (what DeleteTable removes). */
    public static KeyRange table(int tableId) {
        return KeyRange.prefix(ByteBuffer.allocate(5).put(ITEM_PREFIX).putInt(tableId).array());
    }

    /** Every item of one partition of an index, in sort key order. */
    public static KeyRange partition(int tableId, short indexId, AttributeValue hash) {
        byte[] pk = encode(hash);
        byte[] prefix = ByteBuffer.allocate(11 + pk.length)
                .put(ITEM_PREFIX).putInt(tableId).putShort(indexId).putInt(partitionHash(pk)).put(pk).array();
        return KeyRange.prefix(prefix);
    }

    /** The partition key's encoded form followed by the sort key's, as stored after the hash. */
    public static byte[] encode(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return KeyEncoding.encodeString(s.value());
        } else if (v instanceof AttributeValue.N n) {
            return KeyEncoding.encodeNumber(n.value().bigDecimal());
        } else if (v instanceof AttributeValue.B b) {
            return KeyEncoding.encodeBinary(b.value().bytes());
        }
        throw new IllegalArgumentException("not a key type: " + v.typeName());
    }

    /** The partition hash of a partition key value (what spreads items, Scan segments and stream shards). */
    public static int partitionHash(AttributeValue hash) {
        return partitionHash(encode(hash));
    }

    static int partitionHash(byte[] encodedHashKey) {
        CRC32C crc = new CRC32C();
        crc.update(encodedHashKey);
        return (int) crc.getValue();
    }

    public static byte[] concat(byte[]... parts) {
        return Bytes.concat(parts);
    }
}
