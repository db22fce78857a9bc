package io.dynarocks.it.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a history of one register is linearizable: whether some order of its operations,
 * each placed between its invocation and its answer, is a valid sequential run of {@link CasRegister}.
 * The Wing &amp; Gong search with Lowe's memoisation of (linearized set, state) configurations, as in
 * Knossos and Porcupine. An UNKNOWN operation may take effect at any time after its invocation, or
 * never; a read without an answer says nothing and is left out; a write or CAS that definitely failed
 * changed nothing (a failed CAS still observed that its condition was false).
 */
public final class WglChecker {

    /** The verdict, with the search effort and, when not linearizable, the longest prefix that was. */
    public record Result(boolean linearizable, boolean decided, long configurations, List<Operation> longestPrefix) {}

    private final long maxConfigurations;

    public WglChecker(long maxConfigurations) {
        this.maxConfigurations = maxConfigurations;
    }

    private static final class Entry {
        final int id;
        final Operation op;
        final boolean call;
        Entry match;
        Entry prev;
        Entry next;

        Entry(int id, Operation op, boolean call) {
            this.id = id;
            this.op = op;
            this.call = call;
        }
    }

    private record Config(BitSet linearized, CasRegister.State state) {}

    private record Frame(Entry call, CasRegister.State state) {}

    public Result check(List<Operation> history) {
        List<Operation> ops = new ArrayList<>();
        for (Operation op : history) {
            boolean silentRead = op.kind() == Operation.Kind.READ && op.outcome() != Operation.Outcome.OK;
            boolean failedWrite = op.kind() == Operation.Kind.WRITE && op.outcome() == Operation.Outcome.FAIL;
            if (!silentRead && !failedWrite) {
                ops.add(op);
            }
        }
        Entry head = list(ops);
        int definite = (int) ops.stream().filter(o -> o.outcome() != Operation.Outcome.UNKNOWN).count();
        CasRegister.State state = new CasRegister.State(null);
        BitSet linearized = new BitSet(ops.size());
        Set<Config> cache = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        List<Operation> longest = List.of();
        int linearizedDefinite = 0;
        long configurations = 0;
        Entry entry = head.next;
        while (linearizedDefinite < definite) {
            if (entry == null || !entry.call && entry.op.outcome() == Operation.Outcome.UNKNOWN) {
                // Only answers of unknown operations are left: every definite one is linearized.
                return new Result(true, true, configurations, List.of());
            }
            if (entry.call) {
                Optional<CasRegister.State> next = CasRegister.step(state, entry.op);
                if (next.isPresent()) {
                    BitSet after = (BitSet) linearized.clone();
                    after.set(entry.id);
                    if (cache.add(new Config(after, next.get()))) {
                        if (++configurations > maxConfigurations) {
                            return new Result(false, false, configurations, longest);
                        }
                        stack.push(new Frame(entry, state));
                        state = next.get();
                        linearized.set(entry.id);
                        if (entry.op.outcome() != Operation.Outcome.UNKNOWN) {
                            linearizedDefinite++;
                        }
                        lift(entry);
                        if (stack.size() > longest.size()) {
                            List<Operation> prefix = new ArrayList<>();
                            stack.descendingIterator().forEachRemaining(f -> prefix.add(f.call().op));
                            longest = prefix;
                        }
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                // An answer came before its call could be placed: undo the last placement, try the next.
                if (stack.isEmpty()) {
                    return new Result(false, true, configurations, longest);
                }
                Frame top = stack.pop();
                state = top.state();
                linearized.clear(top.call().id);
                if (top.call().op.outcome() != Operation.Outcome.UNKNOWN) {
                    linearizedDefinite--;
                }
                unlift(top.call());
                entry = top.call().next;
            }
        }
        return new Result(true, true, configurations, List.of());
    }

    /** Calls and answers in time order (an answer after a call at the same instant), behind a sentinel head. */
    private static Entry list(List<Operation> ops) {
        List<Entry> events = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Entry call = new Entry(i, ops.get(i), true);
            Entry ret = new Entry(i, ops.get(i), false);
            call.match = ret;
            ret.match = call;
            events.add(call);
            events.add(ret);
        }
        events.sort(Comparator.<Entry>comparingLong(e -> e.call ? e.op.invoked() : e.op.completed())
                .thenComparing(e -> !e.call));
        Entry head = new Entry(-1, null, false);
        Entry last = head;
        for (Entry e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        return head;
    }

    /** Takes a call and its answer out of the list. */
    private static void lift(Entry call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Entry ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    /** Puts them back, in reverse order of {@link #lift}. */
    private static void unlift(Entry call) {
        Entry ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }
}
