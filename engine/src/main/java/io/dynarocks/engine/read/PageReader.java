package io.dynarocks.engine.read;

import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads one page of a Query or Scan from one storage range and one snapshot: stops after {@code Limit}
 * items or before the item that would take the data read past 1 MB (both counted before filtering, as
 * DynamoDB does), then filters and projects.
 */
public final class PageReader {

    /** DynamoDB's page size limit, on the data read. */
    public static final long MAX_PAGE_BYTES = 1024 * 1024;

    /** One page: the returned items (null when only counting), counts, where to resume and the bytes read. */
    public record Page(List<Map<String, AttributeValue>> items, int count, int scannedCount,
            Map<String, AttributeValue> lastEvaluatedKey, long indexBytes, long tableBytes) {}

    private PageReader() {}

    /**
     * @param start   the ExclusiveStartKey's storage key, or null
     * @param filter  the filter, or null
     */
    public static Page read(Storage storage, ReadTarget target, KeyRange range, boolean reverse, byte[] start,
            Integer limit, Predicate<Map<String, AttributeValue>> filter, Selection selection) {
        KeyRange bounded = after(range, start, reverse);
        List<Map<String, AttributeValue>> items = selection.countOnly() ? null : new ArrayList<>();
        int count = 0;
        int scanned = 0;
        long indexBytes = 0;
        long tableBytes = 0;
        Map<String, AttributeValue> last = null;
        Map<String, AttributeValue> previous = null;
        try (Snapshot snapshot = storage.snapshot();
                KeyValueIterator it = storage.iterate(bounded, reverse, snapshot)) {
            while (it.next()) {
                Map<String, AttributeValue> item = ItemCodec.decode(it.value());
                long entrySize = ItemSize.of(item);
                long tableSize = 0;
                if (selection.fetchFromTable()) {
                    item = fetch(storage, snapshot, target, item);
                    tableSize = ItemSize.of(item);
                }
                // DynamoDB stops before the item that would take the data read past 1 MB, and resumes there.
                if (previous != null && indexBytes + tableBytes + entrySize + tableSize > MAX_PAGE_BYTES) {
                    last = target.keyOf(previous);
                    break;
                }
                scanned++;
                indexBytes += entrySize;
                tableBytes += tableSize;
                if (filter == null || filter.test(item)) {
                    count++;
                    if (items != null) {
                        items.add(selection.apply(item));
                    }
                }
                previous = item;
                if (limit != null && scanned >= limit) {
                    last = target.keyOf(item);
                    break;
                }
            }
        }
        return new Page(items, count, scanned, last, indexBytes, tableBytes);
    }

    private static Map<String, AttributeValue> fetch(Storage storage, Snapshot snapshot, ReadTarget target,
            Map<String, AttributeValue> entry) {
        var schema = target.table().keySchema();
        PrimaryKey key = new PrimaryKey(entry.get(schema.hashName()),
                schema.hasRange() ? entry.get(schema.rangeName()) : null);
        byte[] stored = storage.get(snapshot, ItemKeys.key(target.table().storageId(), ItemKeys.BASE_TABLE, key));
        return stored == null ? entry : ItemCodec.decode(stored);
    }

    /** {@code range} without the keys up to and including {@code start} (in reading direction). */
    private static KeyRange after(KeyRange range, byte[] start, boolean reverse) {
        if (start == null) {
            return range;
        }
        KeyRange bounded;
        if (reverse) {
            bounded = range.to() == null || Arrays.compareUnsigned(start, range.to()) < 0
                    ? new KeyRange(range.from(), start) : range;
        } else {
            // The smallest key greater than start.
            byte[] successor = Bytes.concat(start, new byte[] {0});
            bounded = Arrays.compareUnsigned(successor, range.from()) > 0 ? new KeyRange(successor, range.to()) : range;
        }
        if (bounded.to() != null && Arrays.compareUnsigned(bounded.from(), bounded.to()) >= 0) {
            return new KeyRange(bounded.from(), bounded.from());
        }
        return bounded;
    }
}
