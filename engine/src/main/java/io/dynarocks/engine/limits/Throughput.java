package io.dynarocks.engine.limits;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import java.util.Map;

/**
 * Throughput limits on the data plane: an operation asks {@link #admitRead}/{@link #admitWrite} before it runs
 * (throwing DynamoDB's throttling error when the table, index or partition has no capacity left), then hands what
 * it consumed to {@link #chargeRead}/{@link #chargeWrite}, which return the ConsumedCapacity the response reports.
 * Capacity is computed once: in full ({@link #METERED}) when limits are on, only as the caller asked when off.
 * Operations call none of this unless {@code Engine.limited()}: without limits a request pays one boolean check.
 */
public interface Throughput {

    /** The ReturnConsumedCapacity an operation computes when limits are on: all of it, to charge the indexes too. */
    String METERED = "INDEXES";

    /** No limits: admits everything and charges nothing (operations skip it: see {@code Engine.limited()}). */
    Throughput OFF = new Throughput() {
        @Override
        public void admitRead(TableDefinition table, String indexName, AttributeValue hash) {}

        @Override
        public void admitWrite(TableDefinition table, AttributeValue hash) {}

        @Override
        public ConsumedCapacity chargeRead(TableDefinition table, String indexName, AttributeValue hash,
                ConsumedCapacity consumed, String returnConsumedCapacity) {
            return consumed;
        }

        @Override
        public ConsumedCapacity chargeWrite(TableDefinition table, AttributeValue hash, ConsumedCapacity consumed,
                String returnConsumedCapacity) {
            return consumed;
        }

        @Override
        public void charge(TableDefinition table, AttributeValue hash, boolean write, double units) {}
    };

    /**
     * Admits a read of {@code table} (of its index {@code indexName}, or null for the table) in the partition of
     * {@code hash}, or null for a Scan, which spreads over all partitions.
     */
    void admitRead(TableDefinition table, String indexName, AttributeValue hash);

    /** Admits a write of the item whose partition key is {@code hash}: its table, partition and global indexes. */
    void admitWrite(TableDefinition table, AttributeValue hash);

    /** Charges a read admitted by {@link #admitRead}; returns the capacity the response reports (null for none). */
    ConsumedCapacity chargeRead(TableDefinition table, String indexName, AttributeValue hash,
            ConsumedCapacity consumed, String returnConsumedCapacity);

    /** Charges a write admitted by {@link #admitWrite}; returns the capacity the response reports (null for none). */
    ConsumedCapacity chargeWrite(TableDefinition table, AttributeValue hash, ConsumedCapacity consumed,
            String returnConsumedCapacity);

    /**
     * Charges {@code units} to the table and the partition of {@code hash}: what a batch or a transaction consumed
     * per item, where the per-index split is not computed.
     */
    void charge(TableDefinition table, AttributeValue hash, boolean write, double units);

    /** Admits one control plane request (CreateTable, DescribeTable, ListTables, …) or throws ThrottlingException. */
    default void admitControlPlane() {}

    /** The WarmThroughput DescribeTable reports for the table ({@code indexName} null) or a global index, or null. */
    default WarmThroughput warmThroughput(TableDefinition table, String indexName) {
        return null;
    }

    /** Requests throttled so far, per table and ThrottlingReason. */
    default Map<ThrottleCount, Long> throttled() {
        return Map.of();
    }

    /** The limits enforced ({@link LimitsConfig#off()} for none). */
    default LimitsConfig config() {
        return LimitsConfig.off();
    }

    /** Units a table or index serves per second at once. */
    record WarmThroughput(long readUnitsPerSecond, long writeUnitsPerSecond) {}

    /** A metrics key: a table and a ThrottlingReason. */
    record ThrottleCount(String table, String reason) {}

    /** The throughput limits {@code config} asks for, timed by {@code clock}. */
    static Throughput of(LimitsConfig config, java.time.Clock clock, io.dynarocks.storage.Storage storage) {
        return config.enabled() ? new ThroughputLimits(config, clock, storage) : OFF;
    }
}
