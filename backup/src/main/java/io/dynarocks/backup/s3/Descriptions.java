package io.dynarocks.backup.s3;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Export or import descriptions, persisted (so DescribeExport and ListImports answer after a restart)
 * and cached: each is the JSON DynamoDB returns for it, with its ARN, table and start time.
 */
public final class Descriptions {

    /** One export or import: its description as response JSON. */
    public record Entry(String arn, String tableArn, long startMillis, String json) {}

    private final Storage storage;
    private final Function<String, byte[]> keyOf;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** ARNs by the ClientToken of the request that started them (kept while the server runs). */
    private final ConcurrentHashMap<String, String> byToken = new ConcurrentHashMap<>();

    public Descriptions(Storage storage, KeyRange stored, Function<String, byte[]> keyOf) {
        this.storage = storage;
        this.keyOf = keyOf;
        try (KeyValueIterator it = storage.iterate(stored, false, null)) {
            while (it.next()) {
                Entry e = decode(it.value());
                entries.put(e.arn(), e);
            }
        }
    }

    /** Stores (or replaces) {@code e}, remembering the request's {@code clientToken} (may be null). */
    public void put(Entry e, String clientToken) {
        storage.write(new WriteBatch().put(keyOf.apply(e.arn()), encode(e)));
        entries.put(e.arn(), e);
        if (clientToken != null) {
            byToken.put(clientToken, e.arn());
        }
    }

    /** What a request with this ClientToken started, if any. */
    public Optional<Entry> byClientToken(String clientToken) {
        return clientToken == null ? Optional.empty() : get(byToken.get(clientToken));
    }

    public Optional<Entry> get(String arn) {
        return Optional.ofNullable(arn == null ? null : entries.get(arn));
    }

    /** The entries of {@code tableArn} (all when null), oldest first. */
    public List<Entry> list(String tableArn) {
        return entries.values().stream().filter(e -> tableArn == null || e.tableArn().equals(tableArn))
                .sorted(Comparator.comparingLong(Entry::startMillis).thenComparing(Entry::arn)).toList();
    }

    private static byte[] encode(Entry e) {
        byte[] arn = e.arn().getBytes(StandardCharsets.UTF_8);
        byte[] table = e.tableArn().getBytes(StandardCharsets.UTF_8);
        byte[] json = e.json().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + arn.length + table.length + json.length).putInt(arn.length).put(arn)
                .putInt(table.length).put(table).putLong(e.startMillis()).put(json).array();
    }

    private static Entry decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] arn = new byte[b.getInt()];
        b.get(arn);
        byte[] table = new byte[b.getInt()];
        b.get(table);
        long start = b.getLong();
        byte[] json = new byte[b.remaining()];
        b.get(json);
        return new Entry(new String(arn, StandardCharsets.UTF_8), new String(table, StandardCharsets.UTF_8), start,
                new String(json, StandardCharsets.UTF_8));
    }
}
