package io.dynarocks.backup;

import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The backup module's keys, all under the lead byte {@code b}:
 * <ul>
 * <li>{@code b R | backupArn} → a backup's record ({@link BackupRecord});
 * <li>{@code b D | dataId(4) | indexId(2) | hash | pk | sk} → the items of a backup, keyed as in the table;
 * <li>{@code b P | tableStorageId(4)} → a table's continuous-backup settings;
 * <li>{@code b L | tableStorageId(4) | millis(8) | seq(8)} → the change log kept for point-in-time recovery.
 * </ul>
 * Data ids come from the catalog's table id counter, so they never collide with a table's.
 */
public final class BackupKeys {

    private static final byte LEAD = 'b';
    private static final byte RECORD = 'R';
    private static final byte DATA = 'D';
    private static final byte SETTINGS = 'P';
    private static final byte LOG = 'L';
    private static final byte EXPORT = 'E';
    private static final byte IMPORT = 'I';

    private BackupKeys() {}

    public static byte[] record(String arn) {
        return withName(RECORD, arn);
    }

    public static KeyRange records() {
        return KeyRange.prefix(new byte[] {LEAD, RECORD});
    }

    /** The key prefix under which a backup's items are stored (followed by the item key after the table id). */
    public static byte[] data(int dataId) {
        return ByteBuffer.allocate(6).put(LEAD).put(DATA).putInt(dataId).array();
    }

    public static byte[] settings(int storageId) {
        return ByteBuffer.allocate(6).put(LEAD).put(SETTINGS).putInt(storageId).array();
    }

    public static KeyRange allSettings() {
        return KeyRange.prefix(new byte[] {LEAD, SETTINGS});
    }

    public static byte[] log(int storageId, long millis, long seq) {
        return ByteBuffer.allocate(22).put(LEAD).put(LOG).putInt(storageId).putLong(millis).putLong(seq).array();
    }

    /** The change log of a table. */
    public static KeyRange log(int storageId) {
        return KeyRange.prefix(ByteBuffer.allocate(6).put(LEAD).put(LOG).putInt(storageId).array());
    }

    /** The change log of a table from {@code fromMillis} (inclusive) on. */
    public static KeyRange logFrom(int storageId, long fromMillis) {
        return new KeyRange(log(storageId, fromMillis, 0), log(storageId).to());
    }

    /** The change log of a table before {@code millis}. */
    public static KeyRange logBefore(int storageId, long millis) {
        return new KeyRange(log(storageId).from(), log(storageId, millis, 0));
    }

    public static long logMillis(byte[] key) {
        return ByteBuffer.wrap(key, 6, 8).getLong();
    }

    public static byte[] exportRecord(String arn) {
        return withName(EXPORT, arn);
    }

    public static KeyRange exportRecords() {
        return KeyRange.prefix(new byte[] {LEAD, EXPORT});
    }

    public static byte[] importRecord(String arn) {
        return withName(IMPORT, arn);
    }

    public static KeyRange importRecords() {
        return KeyRange.prefix(new byte[] {LEAD, IMPORT});
    }

    private static byte[] withName(byte kind, String name) {
        return Bytes.concat(new byte[] {LEAD, kind}, name.getBytes(StandardCharsets.UTF_8));
    }
}
