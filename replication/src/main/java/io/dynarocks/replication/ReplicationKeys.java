package io.dynarocks.replication;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.storage.KeyRange;
import java.nio.charset.StandardCharsets;

/**
 * Where replication keeps its state in the store, under the prefix {@code g}: item versions beside
 * the items (same suffix as the item's key, so a table's versions are one range), replica sets by
 * table name, each (table, peer) replication cursor, and the table settings changes each peer has still to
 * take, in order.
 */
final class ReplicationKeys {

    private static final byte PREFIX = 'g';
    private static final byte VERSION = 'V';
    private static final byte REPLICA_SET = 'S';
    private static final byte CURSOR = 'C';
    private static final byte PENDING_SETTINGS = 'P';
    private static final byte SETTINGS_VERSIONS = 'W';

    private ReplicationKeys() {}

    /** The version of the item stored under {@code itemKey}. */
    static byte[] version(byte[] itemKey) {
        return ItemKeys.concat(new byte[] {PREFIX, VERSION}, itemKey);
    }

    /** The item key a version key belongs to. */
    static byte[] itemKeyOf(byte[] versionKey) {
        return java.util.Arrays.copyOfRange(versionKey, 2, versionKey.length);
    }

    /** Every item version of a table. */
    static KeyRange versions(int tableStorageId) {
        KeyRange items = ItemKeys.index(tableStorageId, ItemKeys.BASE_TABLE);
        return new KeyRange(version(items.from()), version(items.to()));
    }

    static byte[] replicaSet(String tableName) {
        return ItemKeys.concat(new byte[] {PREFIX, REPLICA_SET}, tableName.getBytes(StandardCharsets.UTF_8));
    }

    static KeyRange replicaSets() {
        return KeyRange.prefix(new byte[] {PREFIX, REPLICA_SET});
    }

    static byte[] cursor(String tableName, String peer) {
        return ItemKeys.concat(new byte[] {PREFIX, CURSOR}, tableName.getBytes(StandardCharsets.UTF_8),
                new byte[] {0}, peer.getBytes(StandardCharsets.UTF_8));
    }

    /** The table settings changes {@code peer} has still to take for {@code tableName}, by sequence. */
    static KeyRange pendingSettings(String tableName, String peer) {
        return KeyRange.prefix(pendingSettingsPrefix(tableName, peer));
    }

    /** One pending table settings change, {@code sequence} ordering it among the others of the pair. */
    static byte[] pendingSettings(String tableName, String peer, long sequence) {
        return ItemKeys.concat(pendingSettingsPrefix(tableName, peer),
                java.nio.ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
    }

    private static byte[] pendingSettingsPrefix(String tableName, String peer) {
        return ItemKeys.concat(new byte[] {PREFIX, PENDING_SETTINGS}, tableName.getBytes(StandardCharsets.UTF_8),
                new byte[] {0}, peer.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    /** The versions of a table's synchronized settings ({@link SettingsVersions}). */
    static byte[] settingsVersions(String tableName) {
        return ItemKeys.concat(new byte[] {PREFIX, SETTINGS_VERSIONS}, tableName.getBytes(StandardCharsets.UTF_8));
    }
}
