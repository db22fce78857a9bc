package io.dynarocks.protocol.fuzz;

import io.dynarocks.protocol.DynamoException;
import java.util.Set;

/** What the fuzz tests accept as an answer to garbage: DynamoDB's documented client errors, nothing else. */
final class FuzzChecks {

    private FuzzChecks() {}

    /** Runs {@code call}; a DynamoException of one of {@code types} with status 400 is the documented refusal. */
    static void onlyClientErrors(Runnable call, Set<String> types) {
        try {
            call.run();
        } catch (DynamoException e) {
            if (!types.contains(e.type()) || e.status() != 400 || e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("undocumented refusal " + e.type() + " (" + e.status() + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
