package io.dynarocks.replication;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The replication metadata kept beside each item of a global table, never visible to clients: when
 * and where the item's current state was written, and whether that state is a deletion (a tombstone,
 * kept so that an older write arriving late cannot resurrect the item).
 *
 * <p>Last writer wins: the higher {@code timestamp} wins, and on equal timestamps the greater region
 * name, so every region picks the same winner whatever order the writes arrive in.
 *
 * @param timestamp     microseconds since the epoch at the writing region
 * @param region        the region that accepted the write
 * @param deleted       the item was deleted by this write
 * @param serviceDelete the deletion was made by DynamoDB itself (TTL)
 */
public record ItemVersion(long timestamp, String region, boolean deleted, boolean serviceDelete) {

    /** The version of an item written before its table became global: loses to any replicated write. */
    static final ItemVersion NONE = new ItemVersion(0, "", false, false);

    /** True when this version replaces {@code other} under last-writer-wins; false for the same version. */
    public boolean beats(ItemVersion other) {
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp;
        }
        return region.compareTo(other.region) > 0;
    }

    byte[] toBytes() {
        return toBytes(null);
    }

    /**
     * The stored version; a tombstone also keeps its item's key attributes ({@code keys}), so that a
     * backfill can ship the deletion to a new replica that never saw it.
     */
    byte[] toBytes(java.util.Map<String, io.dynarocks.protocol.AttributeValue> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        boolean withKeys = deleted && keys != null;
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(withKeys ? 2 : 1);
            out.writeLong(timestamp);
            out.writeUTF(region);
            out.writeByte((deleted ? 1 : 0) | (serviceDelete ? 2 : 0));
            if (withKeys) {
                out.write(io.dynarocks.engine.item.ItemCodec.encode(keys));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The key attributes a stored tombstone keeps; null for a live item's version or an older tombstone. */
    static java.util.Map<String, io.dynarocks.protocol.AttributeValue> keysOf(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != 2) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            in.readByte();
            in.readLong();
            in.readUTF();
            in.readByte();
            return io.dynarocks.engine.item.ItemCodec.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ItemVersion fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            in.readByte();
            long timestamp = in.readLong();
            String region = in.readUTF();
            int flags = in.readByte();
            return new ItemVersion(timestamp, region, (flags & 1) != 0, (flags & 2) != 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
