package io.dynarocks.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * How far one region has shipped a table's change log to one peer, kept in the store so replication
 * resumes where it stopped after a restart or an outage of either side.
 *
 * @param backfilled false until every item that existed when the peer joined has been shipped
 * @param streamArn  the stream whose shards {@code positions} refer to
 * @param positions  per shard id, the next sequence number to ship; {@link #FINISHED} for a closed
 *                   shard shipped to its end
 */
record ReplicationCursor(boolean backfilled, String streamArn, Map<String, Long> positions) {

    static final long FINISHED = -1;

    ReplicationCursor {
        positions = new HashMap<>(positions);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeBoolean(backfilled);
            out.writeUTF(streamArn);
            out.writeInt(positions.size());
            for (Map.Entry<String, Long> e : positions.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ReplicationCursor fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            boolean backfilled = in.readBoolean();
            String arn = in.readUTF();
            int n = in.readInt();
            Map<String, Long> positions = new HashMap<>();
            for (int i = 0; i < n; i++) {
                positions.put(in.readUTF(), in.readLong());
            }
            return new ReplicationCursor(backfilled, arn, positions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
