package io.dynarocks.storage.memory;

import java.util.ArrayList;
import java.util.List;

/** One immutable version of a key's value; {@code value == null} is a deletion. Newest first. */
final class Version {
    final long seq;
    final byte[] value;
    final Version older;

    Version(long seq, byte[] value, Version older) {
        this.seq = seq;
        this.value = value;
        this.older = older;
    }

    /** The value a reader at {@code readSeq} sees, or null if absent then. */
    byte[] valueAt(long readSeq) {
        for (Version v = this; v != null; v = v.older) {
            if (v.seq <= readSeq) return v.value;
        }
        return null;
    }

    /** True when nothing can be pruned: a single live value. */
    boolean isCompact() {
        return older == null && value != null;
    }

    /**
     * The chain without versions no reader at or after {@code horizon} can see: keeps every
     * version newer than the horizon and the newest one at or below it, unless that is a deletion.
     * Returns {@code this} when nothing changes and null when nothing is left.
     */
    Version prunedTo(long horizon) {
        if (seq <= horizon) {
            // The usual case (no reader behind the writes): the newest version is all that stays.
            return value == null ? null : older == null ? this : new Version(seq, value, null);
        }
        List<Version> newer = new ArrayList<>();
        Version v = this;
        while (v != null && v.seq > horizon) {
            newer.add(v);
            v = v.older;
        }
        Version base;
        if (v == null) {
            return this;
        } else if (v.value == null) {
            base = null;
        } else {
            base = v.older == null ? v : new Version(v.seq, v.value, null);
        }
        if (base == v && v.older == null) return this;
        // Nodes are immutable (readers walk them without locks), so the newer part is copied.
        Version head = base;
        for (int i = newer.size() - 1; i >= 0; i--) {
            Version n = newer.get(i);
            head = new Version(n.seq, n.value, head);
        }
        return head;
    }
}
