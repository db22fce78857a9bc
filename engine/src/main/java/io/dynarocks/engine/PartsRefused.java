package io.dynarocks.engine;

import io.dynarocks.protocol.DynamoException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link RequestGuard}'s refusal of some parts of a request whose parts DynamoDB answers one by one
 * (BatchExecuteStatement's statements): each refused part's error by its index. An operation that runs its
 * parts on their own ({@link io.dynarocks.engine.operation.PartwiseOperation}) answers those parts with their
 * error and runs the rest; anywhere else it refuses the whole request, as its first refused part is refused.
 */
public final class PartsRefused extends DynamoException {

    private final SortedMap<Integer, DynamoException> refusals;

    /** @param refusals the error of each refused part by its index; not empty */
    public PartsRefused(SortedMap<Integer, DynamoException> refusals) {
        super(refusals.get(refusals.firstKey()).type(), refusals.get(refusals.firstKey()).getMessage(),
                refusals.get(refusals.firstKey()).status());
        this.refusals = Collections.unmodifiableSortedMap(new TreeMap<>(refusals));
    }

    /** The error of each refused part, by its index in the request. */
    public SortedMap<Integer, DynamoException> refusals() {
        return refusals;
    }
}
