package io.dynarocks.storage.etcd;

import io.dynarocks.storage.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A batch folded into its net effect, because an etcd transaction may not touch one key twice (a put
 * and a delete of it, or a put inside a deleted range): the final value of each key written (null:
 * deleted), the deleted ranges, and the counters added to whose old value is unknown.
 */
record NetChange(NavigableMap<byte[], byte[]> puts, NavigableMap<byte[], Long> adds, List<byte[][]> ranges) {

    static NetChange of(WriteBatch batch) {
        NetChange c = new NetChange(new TreeMap<>(Arrays::compareUnsigned), new TreeMap<>(Arrays::compareUnsigned),
                new ArrayList<>());
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put p) {
                c.adds.remove(p.key());
                c.puts.put(p.key(), p.value());
            } else if (op instanceof WriteBatch.Delete d) {
                c.adds.remove(d.key());
                c.puts.put(d.key(), null);
            } else if (op instanceof WriteBatch.DeleteRange r) {
                if (r.to() == null) {
                    throw new IllegalArgumentException("DeleteRange needs an upper bound");
                }
                if (Arrays.compareUnsigned(r.from(), r.to()) >= 0) {
                    continue;
                }
                c.puts.subMap(r.from(), true, r.to(), false).clear();
                c.adds.subMap(r.from(), true, r.to(), false).clear();
                c.ranges.add(new byte[][] {r.from(), r.to()});
            } else if (op instanceof WriteBatch.Add a) {
                if (c.puts.containsKey(a.key())) {
                    c.puts.put(a.key(), WriteBatch.counterBytes(WriteBatch.counter(c.puts.get(a.key())) + a.delta()));
                } else if (c.adds.containsKey(a.key())) {
                    c.adds.merge(a.key(), a.delta(), Long::sum);
                } else if (c.inDeletedRange(a.key())) {
                    c.puts.put(a.key(), WriteBatch.counterBytes(a.delta()));
                } else {
                    c.adds.put(a.key(), a.delta());
                }
            }
        }
        return c;
    }

    boolean inDeletedRange(byte[] key) {
        for (byte[][] r : ranges) {
            if (Arrays.compareUnsigned(key, r[0]) >= 0 && Arrays.compareUnsigned(key, r[1]) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The deleted ranges, merged, with holes for the keys {@code written} keeps (non-null values). */
    List<byte[][]> rangesAround(Map<byte[], byte[]> written) {
        List<byte[][]> sorted = new ArrayList<>(ranges);
        sorted.sort((x, y) -> Arrays.compareUnsigned(x[0], y[0]));
        List<byte[][]> merged = new ArrayList<>();
        for (byte[][] r : sorted) {
            byte[][] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && Arrays.compareUnsigned(r[0], last[1]) <= 0) {
                if (Arrays.compareUnsigned(r[1], last[1]) > 0) {
                    last[1] = r[1];
                }
            } else {
                merged.add(new byte[][] {r[0], r[1]});
            }
        }
        List<byte[][]> out = new ArrayList<>();
        for (byte[][] r : merged) {
            byte[] from = r[0];
            for (Map.Entry<byte[], byte[]> w : written.entrySet()) {
                byte[] key = w.getKey();
                if (w.getValue() == null || Arrays.compareUnsigned(key, from) < 0 || Arrays.compareUnsigned(key, r[1]) >= 0) {
                    continue;
                }
                if (Arrays.compareUnsigned(from, key) < 0) {
                    out.add(new byte[][] {from, key});
                }
                from = Arrays.copyOf(key, key.length + 1);
            }
            if (Arrays.compareUnsigned(from, r[1]) < 0) {
                out.add(new byte[][] {from, r[1]});
            }
        }
        return out;
    }
}
