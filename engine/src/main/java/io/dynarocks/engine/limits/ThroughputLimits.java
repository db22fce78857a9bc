package io.dynarocks.engine.limits;

import io.dynarocks.engine.item.ItemCounts;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.storage.Storage;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link Throughput} enforced: one {@link Resource} per table and per global index, rebuilt when UpdateTable
 * changes the billing mode or throughput (keeping the partitions, which never merge), split further as the
 * table's size grows (checked once a minute from the item counters). State is kept in memory: a restart gives
 * every table fresh capacity.
 */
final class ThroughputLimits implements Throughput {

    private static final long SIZE_CHECK_MILLIS = 60_000;

    private final LimitsConfig config;
    private final Clock clock;
    private final Storage storage;
    private final Map<Integer, TableState> tables = new ConcurrentHashMap<>();
    private final Map<ThrottleCount, LongAdder> throttled = new ConcurrentHashMap<>();

    private final TokenBucket controlPlane;

    ThroughputLimits(LimitsConfig config, Clock clock, Storage storage) {
        this.config = config;
        this.clock = clock;
        this.storage = storage;
        long rate = config.controlPlaneRate();
        this.controlPlane = new TokenBucket(rate, rate, rate, clock.millis());
    }

    @Override
    public void admitControlPlane() {
        long now = clock.millis();
        synchronized (controlPlane) {
            if (controlPlane.available(now)) {
                controlPlane.take(1, now);
                return;
            }
        }
        throttled.computeIfAbsent(new ThrottleCount("*", "ControlPlaneRequestRateExceeded"), k -> new LongAdder())
                .increment();
        throw Throttled.controlPlane();
    }

    /** A table's resources and the definition they were built for. */
    private record TableState(Object billing, Resource table, Map<String, Resource> indexes, long[] sizeChecked) {}

    @Override
    public void admitRead(TableDefinition table, String indexName, AttributeValue hash) {
        long now = clock.millis();
        String gsi = globalIndex(table, indexName);
        Resource r = resource(state(table, now), gsi);
        Throttled t = r.admit(false, hash, now);
        if (t != null) {
            throw refused(table, gsi, false, r, t);
        }
    }

    @Override
    public void admitWrite(TableDefinition table, AttributeValue hash) {
        long now = clock.millis();
        TableState s = state(table, now);
        Throttled t = s.table().admit(true, hash, now);
        if (t != null) {
            throw refused(table, null, true, s.table(), t);
        }
        // A write that cannot be propagated to a global index is refused, as DynamoDB does.
        for (Map.Entry<String, Resource> index : s.indexes().entrySet()) {
            Throttled it = index.getValue().admit(true, null, now);
            if (it != null) {
                throw refused(table, index.getKey(), true, index.getValue(), it);
            }
        }
    }

    @Override
    public ConsumedCapacity chargeRead(TableDefinition table, String indexName, AttributeValue hash,
            ConsumedCapacity consumed, String returnConsumedCapacity) {
        if (consumed == null) {
            return null;
        }
        long now = clock.millis();
        resource(state(table, now), globalIndex(table, indexName)).charge(false, hash, consumed.capacityUnits(), now);
        return consumed.reportedAs(returnConsumedCapacity);
    }

    @Override
    public ConsumedCapacity chargeWrite(TableDefinition table, AttributeValue hash, ConsumedCapacity consumed,
            String returnConsumedCapacity) {
        if (consumed == null) {
            return null;
        }
        long now = clock.millis();
        TableState s = state(table, now);
        double own = consumed.capacityUnits();
        for (Map.Entry<String, ConsumedCapacity.Units> e : consumed.globalIndexes().entrySet()) {
            own -= e.getValue().capacityUnits();
            Resource index = s.indexes().get(e.getKey());
            if (index != null) {
                index.charge(true, null, e.getValue().capacityUnits(), now);
            }
        }
        s.table().charge(true, hash, own, now);
        return consumed.reportedAs(returnConsumedCapacity);
    }

    @Override
    public void charge(TableDefinition table, AttributeValue hash, boolean write, double units) {
        long now = clock.millis();
        state(table, now).table().charge(write, hash, units, now);
    }

    @Override
    public WarmThroughput warmThroughput(TableDefinition table, String indexName) {
        TableState s = state(table, clock.millis());
        Resource r = indexName == null ? s.table() : s.indexes().get(indexName);
        return r == null ? null : r.warm();
    }

    @Override
    public Map<ThrottleCount, Long> throttled() {
        Map<ThrottleCount, Long> out = new HashMap<>();
        throttled.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public LimitsConfig config() {
        return config;
    }

    private static String globalIndex(TableDefinition table, String indexName) {
        if (indexName == null) {
            return null;
        }
        return table.index(indexName).filter(IndexDefinition::global).map(IndexDefinition::indexName).orElse(null);
    }

    private static Resource resource(TableState s, String gsi) {
        Resource r = gsi == null ? null : s.indexes().get(gsi);
        return r == null ? s.table() : r;
    }

    private RuntimeException refused(TableDefinition table, String index, boolean write, Resource r, Throttled t) {
        String reason = t.reason(index != null, write);
        throttled.computeIfAbsent(new ThrottleCount(table.tableName(), reason), k -> new LongAdder()).increment();
        return t.error(r.onDemand(), index != null, write,
                index == null ? table.tableArn() : table.tableArn() + "/index/" + index);
    }

    private TableState state(TableDefinition table, long now) {
        Object billing = billing(table);
        TableState s = tables.get(table.storageId());
        if (s == null || !s.billing().equals(billing)) {
            s = tables.compute(table.storageId(), (id, old) -> old != null && old.billing().equals(billing) ? old
                    : build(table, billing, old, now));
        }
        if (now - s.sizeChecked()[0] >= SIZE_CHECK_MILLIS) {
            checkSize(table, s, now);
        }
        return s;
    }

    /** What the resources depend on: the billing mode, every provisioned throughput and on-demand maximum. */
    private static Object billing(TableDefinition table) {
        Map<String, List<String>> gsis = new HashMap<>();
        for (IndexDefinition i : table.indexes()) {
            if (i.global()) {
                gsis.put(i.indexName(), List.of(String.valueOf(i.provisionedThroughput()),
                        String.valueOf(i.onDemandThroughput())));
            }
        }
        return List.of(String.valueOf(table.billingMode()), String.valueOf(table.provisionedThroughput()),
                String.valueOf(table.onDemandThroughput()), gsis);
    }

    private TableState build(TableDefinition table, Object billing, TableState old, long now) {
        boolean onDemand = table.payPerRequest();
        Resource own = resource(onDemand, table.provisionedThroughput(), table.onDemandThroughput(),
                old == null ? 1 : old.table().partitions(), now);
        Map<String, Resource> indexes = new HashMap<>();
        for (IndexDefinition i : table.indexes()) {
            if (i.global()) {
                Resource before = old == null ? null : old.indexes().get(i.indexName());
                indexes.put(i.indexName(), resource(onDemand, i.provisionedThroughput(), i.onDemandThroughput(),
                        before == null ? 1 : before.partitions(), now));
            }
        }
        return new TableState(billing, own, Map.copyOf(indexes), new long[] {Long.MIN_VALUE / 2});
    }

    private Resource resource(boolean onDemand, ProvisionedThroughput p, OnDemandThroughput max, int minPartitions,
            long now) {
        long rcu = p == null || p.readCapacityUnits() == null ? 0 : p.readCapacityUnits();
        long wcu = p == null || p.writeCapacityUnits() == null ? 0 : p.writeCapacityUnits();
        long maxRead = max == null || max.maxReadRequestUnits() == null ? 0 : max.maxReadRequestUnits();
        long maxWrite = max == null || max.maxWriteRequestUnits() == null ? 0 : max.maxWriteRequestUnits();
        return new Resource(config, onDemand, rcu, wcu, maxRead, maxWrite, minPartitions, now);
    }

    private void checkSize(TableDefinition table, TableState s, long now) {
        s.sizeChecked()[0] = now;
        s.table().split(s.table().forSize(
                ItemCounts.read(storage, table.storageId(), ItemKeys.BASE_TABLE).sizeBytes()), now);
        for (IndexDefinition i : table.indexes()) {
            Resource r = s.indexes().get(i.indexName());
            if (r != null) {
                r.split(r.forSize(ItemCounts.read(storage, table.storageId(), i.indexId()).sizeBytes()), now);
            }
        }
    }
}
