package io.dynarocks.storage.memory;

/** A registered reader's sequence number; versions it can see are not pruned while it is registered. */
record ReadPoint(long seq, long id) implements Comparable<ReadPoint> {
    @Override
    public int compareTo(ReadPoint o) {
        int c = Long.compare(seq, o.seq);
        return c != 0 ? c : Long.compare(id, o.id);
    }
}
