package io.dynarocks.backup;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.engine.index.SecondaryIndexes;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.SecondaryIndexSpec;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates a new table holding a given set of items: the restore behind RestoreTableFromBackup,
 * RestoreTableToPointInTime and ImportTable. Items are written under a fresh storage id through every
 * change hook (so secondary indexes are rebuilt for the new table's definition) before the table is
 * published in the catalog: until then nobody sees it, and a failure leaves nothing behind.
 */
public final class TableRestorer {

    /** The new table, and its item count and size. */
    public record Restored(TableDefinition table, IndexStats stats) {}

    private final Engine engine;
    private final Set<String> restoring = ConcurrentHashMap.newKeySet();

    public TableRestorer(Engine engine) {
        this.engine = engine;
    }

    /** Fails with TableAlreadyExistsException unless {@code name} is free (checked again at publication). */
    public void checkFree(String name) {
        if (engine.catalog().exists(name) || restoring.contains(name)) {
            throw BackupErrors.tableAlreadyExists(name);
        }
    }

    /** The definition of a table restored from {@code source} as {@code target} asks, with a new storage id. */
    public TableDefinition define(TableDefinition source, RestoreTarget target) {
        String billing = target.billingMode() == null ? source.billingMode() : target.billingMode();
        boolean onDemand = "PAY_PER_REQUEST".equals(billing);
        ProvisionedThroughput throughput = onDemand ? ProvisionedThroughput.ZERO
                : target.provisionedThroughput() != null ? target.provisionedThroughput()
                : source.provisionedThroughput();
        if (!onDemand && (throughput == null || throughput.readCapacityUnits() == 0)) {
            throw DynamoException.validation("One or more parameter values were invalid: "
                    + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        // The source's on-demand maximums carry over to an on-demand restore, as DynamoDB does, unless overridden.
        OnDemandThroughput maximums = target.onDemandThroughput();
        if (maximums != null) {
            maximums.check(billing, null, false);
        } else if (onDemand) {
            maximums = source.onDemandThroughput();
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        short next = (short) (source.indexes().stream().mapToInt(IndexDefinition::indexId).max().orElse(0) + 1);
        for (boolean global : new boolean[] {false, true}) {
            List<SecondaryIndexSpec> wanted = global ? target.globalIndexes() : target.localIndexes();
            if (wanted == null) {
                for (IndexDefinition i : source.indexes()) {
                    if (i.global() == global) {
                        indexes.add(new IndexDefinition(i.indexName(), global, i.indexId(), i.keySchema(),
                                i.projection(), indexThroughput(i.provisionedThroughput(), onDemand, throughput),
                                "ACTIVE", false, onDemand ? i.onDemandThroughput() : null));
                    }
                }
                continue;
            }
            for (SecondaryIndexSpec spec : wanted) {
                short id = source.index(spec.indexName()).map(IndexDefinition::indexId).orElse(next);
                if (id == next) {
                    next++;
                }
                if (global && spec.onDemandThroughput() != null) {
                    spec.onDemandThroughput().check(billing, spec.indexName(), false);
                }
                IndexDefinition d = SecondaryIndexes.definition(spec, global, id, source.attributeDefinitions(),
                        "ACTIVE", false);
                indexes.add(new IndexDefinition(d.indexName(), global, id, d.keySchema(), d.projection(),
                        indexThroughput(spec.provisionedThroughput(), onDemand, throughput), "ACTIVE", false,
                        global ? spec.onDemandThroughput() : null));
            }
        }
        long now = engine.clock().millis();
        return new TableDefinition(target.tableName(), 0, UUID.randomUUID().toString(),
                engine.tableArn(target.tableName()),
                usedDefinitions(source.attributeDefinitions(), source.keySchema(), indexes), source.keySchema(), now,
                billing, throughput, now, indexes, null, null, List.of(), false, null, maximums);
    }

    private static ProvisionedThroughput indexThroughput(ProvisionedThroughput given, boolean onDemand,
            ProvisionedThroughput table) {
        if (!onDemand) {
            return given != null && given.readCapacityUnits() != null && given.readCapacityUnits() > 0 ? given : table;
        }
        return null;
    }

    /** DynamoDB keeps exactly the attribute definitions the keys of the table and its indexes use. */
    private static List<AttributeDefinition> usedDefinitions(List<AttributeDefinition> all, KeySchema table,
            List<IndexDefinition> indexes) {
        Set<String> used = new LinkedHashSet<>();
        used.add(table.hashName());
        if (table.hasRange()) {
            used.add(table.rangeName());
        }
        for (IndexDefinition i : indexes) {
            used.add(i.keySchema().hashName());
            if (i.keySchema().hasRange()) {
                used.add(i.keySchema().rangeName());
            }
        }
        return all.stream().filter(d -> used.contains(d.attributeName())).toList();
    }

    /**
     * Creates {@code definition} (its storage id is assigned here) holding {@code items}, and publishes it;
     * TableAlreadyExistsException if the name was taken meanwhile.
     */
    public Restored restore(TableDefinition definition, ItemImage items) {
        return restore(definition, items, false);
    }

    /**
     * As {@link #restore(TableDefinition, ItemImage)}; when {@code keysMayRepeat} (an import's files), a
     * later item replaces an earlier one with the same key, its index entries included.
     */
    public Restored restore(TableDefinition definition, ItemImage items, boolean keysMayRepeat) {
        String name = definition.tableName();
        checkFree(name);
        if (!restoring.add(name)) {
            throw BackupErrors.tableAlreadyExists(name);
        }
        try {
            TableDefinition table = withStorageId(definition, Conflicts.retryTableChange(engine, name, () -> {
                WriteBatch idBatch = new WriteBatch();
                int id = engine.catalog().allocateId(idBatch);
                engine.storage().write(idBatch);
                return id;
            }));
            byte[] prefix = BackupStore.tablePrefix(table);
            IndexStats stats;
            try {
                stats = write(table, prefix, items, keysMayRepeat);
            } catch (RuntimeException e) {
                KeySpaces.drop(engine.storage(), prefix);
                throw e;
            }
            // The entry expects the name to be free; if another server took it meanwhile, this runs again and
            // finds it taken.
            Conflicts.retryTableChange(engine, name, () -> {
                if (engine.catalog().exists(name)) {
                    KeySpaces.drop(engine.storage(), prefix);
                    throw BackupErrors.tableAlreadyExists(name);
                }
                WriteBatch batch = new WriteBatch();
                engine.catalog().stage(batch, null, table);
                engine.hooks().forEach(h -> h.onTableChange(null, table, batch));
                engine.storage().write(batch);
                engine.catalog().published(table);
                return null;
            });
            return new Restored(table, stats);
        } finally {
            restoring.remove(name);
        }
    }

    private IndexStats write(TableDefinition table, byte[] prefix, ItemImage items, boolean keysMayRepeat) {
        long[] counts = new long[3];
        WriteBatch[] batch = {new WriteBatch()};
        // Items of the batch not yet written, by storage key, when a key may come again.
        Map<PointInTimeImage.Key, Map<String, AttributeValue>> pending = new java.util.HashMap<>();
        items.forEach((key, value) -> {
            Map<String, AttributeValue> item = ItemCodec.decode(value);
            byte[] storageKey = Bytes.concat(prefix, key);
            Map<String, AttributeValue> old = null;
            if (keysMayRepeat) {
                PointInTimeImage.Key k = new PointInTimeImage.Key(storageKey);
                old = pending.get(k);
                if (old == null) {
                    byte[] stored = engine.storage().get(storageKey);
                    old = stored == null ? null : ItemCodec.decode(stored);
                }
                pending.put(k, item);
            }
            batch[0].put(storageKey, value);
            ChangeHook.Change change = new ChangeHook.Change(table, Keys.ofItem(table.keySchema(), item), old,
                    item, false);
            for (ChangeHook hook : engine.hooks()) {
                hook.onChange(change, batch[0]);
            }
            counts[1] += ItemSize.of(item) - (old == null ? 0 : ItemSize.of(old));
            counts[2] += old == null ? 1 : 0;
            if (++counts[0] % BackupStore.CHUNK == 0) {
                engine.storage().write(batch[0]);
                batch[0] = new WriteBatch();
                pending.clear();
            }
        });
        engine.storage().write(batch[0]);
        return new IndexStats(counts[2], counts[1]);
    }

    /** The definition of a new table as CreateTable would make it (ImportTable's TableCreationParameters). */
    public TableDefinition defineNew(io.dynarocks.protocol.operation.CreateTableRequest request) {
        KeySchema schema = io.dynarocks.protocol.operation.CreateTableRequest.keySchemaOf(request.keySchema(),
                request.attributeDefinitions());
        long now = engine.clock().millis();
        ProvisionedThroughput throughput = request.provisionedThroughput() == null ? ProvisionedThroughput.ZERO
                : request.provisionedThroughput();
        // Index ids 1..n; the id counter define() stages is dropped: a later index takes the highest id + 1.
        List<IndexDefinition> indexes = SecondaryIndexes.define(request, 0, new WriteBatch());
        return new TableDefinition(request.tableName(), 0, UUID.randomUUID().toString(),
                engine.tableArn(request.tableName()), request.attributeDefinitions(), schema, now,
                request.effectiveBillingMode(), throughput, now, indexes, null, null, List.of(), false, null,
                request.onDemandThroughput());
    }

    private static TableDefinition withStorageId(TableDefinition t, int id) {
        return new TableDefinition(t.tableName(), id, t.tableId(), t.tableArn(), t.attributeDefinitions(),
                t.keySchema(), t.creationDateTimeMillis(), t.billingMode(), t.provisionedThroughput(),
                t.lastBillingModeChangeMillis(), t.indexes(), t.stream(), t.ttl(), t.vectorIndexes(),
                t.deletionProtectionEnabled(), t.kmsMasterKeyArn(), t.onDemandThroughput(), t.throughputChanges());
    }
}
