package io.dynarocks.engine.index;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCounts;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.GlobalSecondaryIndexUpdate;
import io.dynarocks.protocol.operation.SecondaryIndexRules;
import io.dynarocks.protocol.operation.SecondaryIndexSpec;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * UpdateTable's GlobalSecondaryIndexUpdates: a created index is published CREATING and backfilled in the
 * background; a deleted index leaves the catalog at once and its key space is dropped with one delete-range.
 */
public final class GlobalIndexUpdates {

    /** The catalog change to publish, and what to do once it is published. */
    public record Plan(TableDefinition table, List<Short> created, List<Short> deleted) {}

    private final Engine engine;
    private final IndexBackfill backfill;

    public GlobalIndexUpdates(Engine engine) {
        this.engine = engine;
        this.backfill = new IndexBackfill(engine);
    }

    /** Applies the updates to {@code table}'s definition, staging what must be stored into {@code batch}. */
    public Plan plan(TableDefinition table, List<GlobalSecondaryIndexUpdate> updates,
            List<AttributeDefinition> requestDefinitions, WriteBatch batch) {
        List<IndexDefinition> indexes = new ArrayList<>(table.indexes());
        List<AttributeDefinition> defs = mergedDefinitions(table.attributeDefinitions(), requestDefinitions);
        List<Short> created = new ArrayList<>();
        List<Short> deleted = new ArrayList<>();
        // One index may be created or deleted at a time per table; deleting the index being created cancels it.
        List<GlobalSecondaryIndexUpdate> changes = updates == null ? List.of() : updates.stream()
                .filter(u -> u.create() != null || u.deleteIndexName() != null).toList();
        boolean busy = indexes.stream().anyMatch(i -> i.backfilling()
                && (changes.size() != 1 || !i.indexName().equals(changes.get(0).deleteIndexName())));
        if (changes.size() > 1 || (changes.size() == 1 && busy)) {
            throw new DynamoException("LimitExceededException",
                    "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table",
                    400);
        }
        for (GlobalSecondaryIndexUpdate u : updates == null ? List.<GlobalSecondaryIndexUpdate>of() : updates) {
            if (u.create() != null) {
                SecondaryIndexSpec spec = u.create();
                if (table.index(spec.indexName()).isPresent()) {
                    throw DynamoException.validation("One or more parameter values were invalid: Attempting to create "
                            + "an index which already exists");
                }
                SecondaryIndexRules.checkIndex(spec, defs, SecondaryIndexes.names(indexes));
                SecondaryIndexes.checkThroughput(spec, table.billingMode());
                int maxGsis = engine.throughput().config().maxGlobalIndexes();
                if (indexes.stream().filter(IndexDefinition::global).count() >= maxGsis) {
                    throw DynamoException.validation("One or more parameter values were invalid: GlobalSecondaryIndex "
                            + "count exceeds the per-table limit of " + maxGsis);
                }
                int projected = SecondaryIndexRules.projectedCount(spec);
                for (IndexDefinition i : indexes) {
                    projected += i.projection().nonKeyAttributes() == null ? 0 : i.projection().nonKeyAttributes().size();
                }
                SecondaryIndexRules.checkProjectedLimit(projected);
                short id = SecondaryIndexes.allocate(engine.storage(), table.storageId(), indexes, batch);
                indexes.add(SecondaryIndexes.definition(spec, true, id, defs, "CREATING", true));
                created.add(id);
            } else if (u.deleteIndexName() != null) {
                IndexDefinition index = require(indexes, u.deleteIndexName());
                indexes.remove(index);
                deleted.add(index.indexId());
            } else if (u.updateIndexName() != null) {
                IndexDefinition i = require(indexes, u.updateIndexName());
                indexes.set(indexes.indexOf(i), i.withThroughput(
                        u.updateThroughput() == null ? i.provisionedThroughput() : u.updateThroughput(),
                        OnDemandThroughput.merge(i.onDemandThroughput(), u.updateOnDemandThroughput())));
            }
        }
        return new Plan(table.withIndexes(indexes, usedDefinitions(table, indexes, defs)), created, deleted);
    }

    /** Runs once the plan's definition is published: drops deleted indexes, starts backfills. */
    public void published(Plan plan) {
        TableDefinition table = plan.table();
        if (!plan.deleted().isEmpty()) {
            // No write that still sees a deleted index may land after its key space is dropped.
            engine.locks().barrier();
            WriteBatch batch = new WriteBatch();
            for (short id : plan.deleted()) {
                KeyRange range = ItemKeys.index(table.storageId(), id);
                batch.deleteRange(range.from(), range.to());
                ItemCounts.stageRemoval(batch, table.storageId(), id);
            }
            engine.storage().write(batch);
        }
        for (short id : plan.created()) {
            backfill.start(table.tableName(), table.storageId(), id);
        }
    }

    private static IndexDefinition require(List<IndexDefinition> indexes, String name) {
        for (IndexDefinition i : indexes) {
            if (i.indexName().equals(name) && i.global()) {
                return i;
            }
        }
        throw DynamoException.resourceNotFound("Requested resource not found: Index: " + name + " not found");
    }

    /** {@code existing} and, after them, the {@code requested} definitions of attributes it does not define. */
    static List<AttributeDefinition> mergedDefinitions(List<AttributeDefinition> existing,
            List<AttributeDefinition> requested) {
        List<AttributeDefinition> out = new ArrayList<>(existing);
        if (requested != null) {
            for (AttributeDefinition d : requested) {
                if (out.stream().noneMatch(e -> e.attributeName().equals(d.attributeName()))) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** The definitions some key schema still uses, as DescribeTable lists them. */
    private static List<AttributeDefinition> usedDefinitions(TableDefinition table, List<IndexDefinition> indexes,
            List<AttributeDefinition> defs) {
        List<AttributeDefinition> out = new ArrayList<>();
        for (AttributeDefinition d : defs) {
            String n = d.attributeName();
            if (table.keySchema().isKeyAttribute(n) || indexes.stream().anyMatch(i -> i.keySchema().isKeyAttribute(n))
                    || table.usesInSearchSchema(n)) {
                out.add(d);
            }
        }
        return out;
    }
}
