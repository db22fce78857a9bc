package io.dynarocks.engine.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.Response;
import java.util.Map;

/**
 * An action whose request's parts DynamoDB authorizes and answers one by one (BatchExecuteStatement): a part
 * the guard refused is answered with its error ({@link io.dynarocks.engine.PartsRefused}) while the others run.
 */
public interface PartwiseOperation<Q> extends Operation<Q> {

    /** Executes {@code request} but for its parts in {@code refused} (by index), answered with their error. */
    Response execute(Q request, Map<Integer, DynamoException> refused);
}
