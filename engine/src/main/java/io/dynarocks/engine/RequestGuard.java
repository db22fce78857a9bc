package io.dynarocks.engine;

/**
 * Checks a decoded request before its operation runs (authorization sees the request record, so nothing is
 * parsed twice); refuses it by throwing a {@link io.dynarocks.protocol.DynamoException}.
 */
@FunctionalInterface
public interface RequestGuard {

    /** Lets {@code request}, the decoded body of {@code target}, through or throws. */
    void admit(String target, Object request);
}
