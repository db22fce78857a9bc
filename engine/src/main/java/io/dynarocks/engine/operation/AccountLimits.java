package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.CreateTableRequest;

/**
 * The account quotas {@code --limits} enforces on the control plane: tables per account, GSIs per table, the
 * provisioned throughput of one table or index and of the whole account (the daily limit on decreases is
 * {@link ThroughputChangeLog}'s).
 */
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

    /**
     * Refuses {@code table} (new, or {@code before} updated) when a table or index is provisioned beyond the per
     * table maximum, or when the account's provisioned total would pass its maximum; both LimitExceededException
     * with DynamoDB's wording.
     */
    static void checkProvisioned(Engine engine, TableDefinition before, TableDefinition table) {
        LimitsConfig limits = engine.throughput().config();
        if (!limits.enabled()) {
            return;
        }
        String region = engine.region();
        long read = 0;
        long write = 0;
        if (table.payPerRequest()) {
            onDemandMaximum(limits, region, null, table.onDemandThroughput());
            for (IndexDefinition i : table.indexes()) {
                onDemandMaximum(limits, region, i.indexName(), i.onDemandThroughput());
            }
        } else {
            read += perTable(limits, region, "ReadCapacityUnits", null,
                    table.provisionedThroughput().readCapacityUnits(), limits.tableMaxReadUnits());
            write += perTable(limits, region, "WriteCapacityUnits", null,
                    table.provisionedThroughput().writeCapacityUnits(), limits.tableMaxWriteUnits());
            for (IndexDefinition i : table.indexes()) {
                if (i.global() && i.provisionedThroughput() != null) {
                    read += perTable(limits, region, "ReadCapacityUnits", i.indexName(),
                            i.provisionedThroughput().readCapacityUnits(), limits.tableMaxReadUnits());
                    write += perTable(limits, region, "WriteCapacityUnits", i.indexName(),
                            i.provisionedThroughput().writeCapacityUnits(), limits.tableMaxWriteUnits());
                }
            }
        }
        long otherRead = 0;
        long otherWrite = 0;
        for (TableDefinition other : engine.catalog().tables()) {
            if (!other.tableName().equals(table.tableName())) {
                otherRead += provisioned(other, true);
                otherWrite += provisioned(other, false);
            }
        }
        long beforeRead = before == null ? 0 : provisioned(before, true);
        long beforeWrite = before == null ? 0 : provisioned(before, false);
        accountTotal(region, "ReadCapacityUnits", otherRead, beforeRead, read, limits.accountMaxReadUnits());
        accountTotal(region, "WriteCapacityUnits", otherWrite, beforeWrite, write, limits.accountMaxWriteUnits());
    }

    private static void onDemandMaximum(LimitsConfig limits, String region, String index, OnDemandThroughput max) {
        String of = index == null ? "table" : "index : " + index;
        if (max != null && max.maxReadRequestUnits() != null
                && max.maxReadRequestUnits() > limits.tableMaxReadUnits()) {
            throw new DynamoException("LimitExceededException", "Subscriber limit exceeded: Requested "
                    + "MaxReadRequestUnits for OnDemandThroughput for " + of + " exceeds TableMaxReadCapacityUnits of "
                    + "the account in region " + region, 400);
        }
        if (max != null && max.maxWriteRequestUnits() != null
                && max.maxWriteRequestUnits() > limits.tableMaxWriteUnits()) {
            throw new DynamoException("LimitExceededException", "Subscriber limit exceeded: Requested "
                    + "MaxWriteRequestUnits for OnDemandThroughput for " + of + " exceeds TableMaxWriteCapacityUnits "
                    + "of the account in region " + region, 400);
        }
    }

    private static long perTable(LimitsConfig limits, String region, String member, String index, Long units,
            long max) {
        long u = units == null ? 0 : units;
        if (u > max) {
            String what = index == null ? member + ", " + u + ", is above the per table maximum"
                    : member + " for index " + index + ", " + u + ", is above the per index maximum";
            throw new DynamoException("LimitExceededException", "The requested " + what + " for the account in "
                    + region + ". Per " + (index == null ? "table" : "index") + " maximum: " + max + ".", 400);
        }
        return u;
    }

    /** Only an increase is refused: an account already over a lowered quota may still shrink. */
    private static void accountTotal(String region, String member, long others, long before, long requested, long max) {
        if (requested > before && others + requested > max) {
            throw new DynamoException("LimitExceededException", "This request would have caused the " + member
                    + " limit to be exceeded for the account in " + region + ". Current " + member
                    + " reserved by the account: " + (others + before) + ". Limit: " + max + ". Requested: "
                    + requested, 400);
        }
    }

    /** Units the table and its global indexes have provisioned (none on demand). */
    private static long provisioned(TableDefinition t, boolean read) {
        if (t.payPerRequest()) {
            return 0;
        }
        long sum = units(t.provisionedThroughput(), read);
        for (IndexDefinition i : t.indexes()) {
            if (i.global()) {
                sum += units(i.provisionedThroughput(), read);
            }
        }
        return sum;
    }

    private static long units(ProvisionedThroughput p, boolean read) {
        Long u = p == null ? null : read ? p.readCapacityUnits() : p.writeCapacityUnits();
        return u == null ? 0 : u;
    }
}
