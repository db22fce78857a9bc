package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.DecreaseBudget;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.ThroughputChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * Records in an updated definition when the provisioned throughput of the table and of each global index went up
 * or down (DescribeTable's LastIncreaseDateTime, LastDecreaseDateTime, NumberOfDecreasesToday), and, with
 * {@code --limits}, refuses a decrease beyond DynamoDB's daily limit. A change of billing mode is neither.
 */
final class ThroughputChangeLog {

    private ThroughputChangeLog() {}

    /** {@code after} (the update of {@code before}) with the increases and decreases it makes recorded. */
    static TableDefinition record(Engine engine, TableDefinition before, TableDefinition after) {
        if (before.payPerRequest() || after.payPerRequest()) {
            return after;
        }
        long now = engine.clock().millis();
        boolean enforce = engine.throughput().config().enabled();
        TableDefinition table = after.withThroughputChanges(changed(before.throughputChanges(),
                before.provisionedThroughput(), after.provisionedThroughput(), now, enforce));
        List<IndexDefinition> indexes = new ArrayList<>();
        for (IndexDefinition i : after.indexes()) {
            IndexDefinition old = before.index(i.indexName()).orElse(null);
            indexes.add(!i.global() || old == null ? i : i.withThroughputChanges(changed(old.throughputChanges(),
                    old.provisionedThroughput(), i.provisionedThroughput(), now, enforce)));
        }
        return table.withIndexes(indexes, table.attributeDefinitions());
    }

    /** Lowering read and write units at once is one decrease; raising one and lowering the other is both. */
    private static ThroughputChanges changed(ThroughputChanges changes, ProvisionedThroughput before,
            ProvisionedThroughput after, long now, boolean enforce) {
        if (before == null || after == null) {
            return changes;
        }
        int read = Long.compare(units(after, true), units(before, true));
        int write = Long.compare(units(after, false), units(before, false));
        ThroughputChanges result = changes;
        if (read < 0 || write < 0) {
            if (enforce) {
                DecreaseBudget.check(changes, now);
            }
            result = result.decreased(now);
        }
        if (read > 0 || write > 0) {
            result = result.increased(now);
        }
        return result;
    }

    private static long units(ProvisionedThroughput p, boolean read) {
        Long u = read ? p.readCapacityUnits() : p.writeCapacityUnits();
        return u == null ? 0 : u;
    }
}
