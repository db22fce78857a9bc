package io.dynarocks.storage.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynarocks.storage.KeyValueIterator;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Reads a key range page by page, every page at the revision of the first, so the iteration is one
 * consistent view however long it takes (until etcd compacts that revision).
 */
final class EtcdIterator implements KeyValueIterator {

    static final int PAGE = 256;

    private final EtcdStorage storage;
    private final boolean reverse;
    private byte[] from;
    private byte[] to;
    private long revision;
    private Iterator<JsonNode> page;
    private boolean more;
    private byte[] key;
    private byte[] value;

    EtcdIterator(EtcdStorage storage, byte[] from, byte[] to, boolean reverse, long revision) {
        this.storage = storage;
        this.from = from;
        this.to = to;
        this.reverse = reverse;
        this.revision = revision;
        fetch(); // fixes the revision now: the iterator sees the state at its creation
    }

    private void fetch() {
        JsonNode answer = storage.range(from, to, PAGE, reverse, revision);
        if (revision == 0) {
            revision = answer.path("header").path("revision").asLong();
        }
        page = answer.path("kvs").iterator();
        more = answer.path("more").asBoolean(false);
    }

    @Override
    public boolean next() {
        while (!page.hasNext()) {
            if (!more) {
                return false;
            }
            if (reverse) {
                to = storage.raw(key);
            } else {
                byte[] raw = storage.raw(key);
                from = Arrays.copyOf(raw, raw.length + 1); // the smallest key after the last one
            }
            fetch();
        }
        JsonNode kv = page.next();
        key = storage.unprefixed(kv.path("key"));
        value = EtcdStorage.bytes(kv.path("value"));
        return true;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public void close() {
        page = java.util.Collections.emptyIterator();
        more = false;
    }
}
