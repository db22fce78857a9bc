package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.CreateTableRequest;

/** The account quotas {@code --limits} enforces on the control plane: tables per account, GSIs per table. */
final class AccountLimits {

    private AccountLimits() {}

    /** Refuses a CreateTable beyond the table quota, or with more global indexes than the per-table quota. */
    static void checkNewTable(Engine engine, CreateTableRequest request) {
        LimitsConfig limits = engine.throughput().config();
        if (!limits.enabled()) {
            return;
        }
        int gsis = request.globalSecondaryIndexes() == null ? 0 : request.globalSecondaryIndexes().size();
        if (gsis > limits.maxGlobalIndexes()) {
            throw tooManyGlobalIndexes(limits);
        }
        if (engine.catalog().tables().size() >= limits.maxTables()) {
            throw new DynamoException("LimitExceededException", "Subscriber limit exceeded: There is a limit of "
                    + limits.maxTables() + " tables per subscriber", 400);
        }
    }

    static DynamoException tooManyGlobalIndexes(LimitsConfig limits) {
        return DynamoException.validation("One or more parameter values were invalid: GlobalSecondaryIndex count "
                + "exceeds the per-table limit of " + limits.maxGlobalIndexes());
    }
}
