package io.dynarocks.it.linearizability;

import java.util.Objects;
import java.util.Optional;

/**
 * The sequential specification of one item read with a consistent GetItem, written with PutItem and
 * compare-and-set with a conditional UpdateItem: a register holding a string, or nothing.
 */
public final class CasRegister {

    private CasRegister() {}

    /**
     * The register's value after {@code op} in state {@code state} (null: empty), or empty if {@code op}
     * could not have returned what it returned in that state.
     */
    static Optional<State> step(State state, Operation op) {
        return switch (op.kind()) {
            case READ -> Objects.equals(state.value(), op.value()) ? Optional.of(state) : Optional.empty();
            case WRITE -> Optional.of(new State(op.value()));
            case CAS -> {
                boolean holds = Objects.equals(state.value(), op.expected());
                if (op.outcome() == Operation.Outcome.FAIL) {
                    yield holds ? Optional.empty() : Optional.of(state);
                }
                yield holds ? Optional.of(new State(op.value())) : Optional.empty();
            }
        };
    }

    /** The register's content; a record so that states compare by value in the checker's cache. */
    record State(String value) {}
}
