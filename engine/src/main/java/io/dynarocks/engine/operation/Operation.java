package io.dynarocks.engine.operation;

import io.dynarocks.protocol.operation.Response;

/** One DynamoDB action: executes a decoded, validated request. */
@FunctionalInterface
public interface Operation<Q> {
    Response execute(Q request);
}
