package io.dynarocks.engine.limits;

import java.time.Duration;
import java.util.Locale;

/**
 * DynamoDB's production limits, enforced only when {@code enabled} (the {@code --limits} option): throughput
 * per table and per partition, account quotas. The defaults are DynamoDB's default quotas; each can be changed,
 * as a quota increase would change it on AWS.
 *
 * @param maxTables               tables per account (CreateTable beyond it is LimitExceededException)
 * @param maxGlobalIndexes        global secondary indexes per table
 * @param accountMaxReadUnits     DescribeLimits' AccountMaxReadCapacityUnits
 * @param accountMaxWriteUnits    DescribeLimits' AccountMaxWriteCapacityUnits
 * @param tableMaxReadUnits       DescribeLimits' TableMaxReadCapacityUnits; also the per-table on-demand ceiling
 * @param tableMaxWriteUnits      DescribeLimits' TableMaxWriteCapacityUnits; also the per-table on-demand ceiling
 * @param partitionReadUnits      read units one partition serves per second (3,000 RCU)
 * @param partitionWriteUnits     write units one partition serves per second (1,000 WCU)
 * @param partitionBytes          data one partition holds before it splits (10 GB)
 * @param burst                   unused provisioned capacity a table keeps for bursts (300 s)
 * @param onDemandReadUnits       what a new on-demand table serves at once (its initial warm throughput)
 * @param onDemandWriteUnits      what a new on-demand table serves at once (its initial warm throughput)
 */
public record LimitsConfig(boolean enabled, int maxTables, int maxGlobalIndexes, long accountMaxReadUnits,
        long accountMaxWriteUnits, long tableMaxReadUnits, long tableMaxWriteUnits, long partitionReadUnits,
        long partitionWriteUnits, long partitionBytes, Duration burst, long onDemandReadUnits,
        long onDemandWriteUnits) {

    /** Nothing enforced: the default. */
    public static LimitsConfig off() {
        return aws().withEnabled(false);
    }

    /** DynamoDB's default quotas, enforced. */
    public static LimitsConfig aws() {
        return new LimitsConfig(true, 2500, 20, 80_000, 80_000, 40_000, 40_000, 3000, 1000, 10L << 30,
                Duration.ofSeconds(300), 12_000, 4000);
    }

    public LimitsConfig withEnabled(boolean value) {
        return new LimitsConfig(value, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits,
                tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burst,
                onDemandReadUnits, onDemandWriteUnits);
    }

    /** The names {@link #with(String, long)} takes, as the CLI's {@code --limit NAME=VALUE} spells them. */
    public static final String NAMES = "tables, gsis, account-read, account-write, table-read, table-write, "
            + "partition-read, partition-write, partition-bytes, burst-seconds, on-demand-read, on-demand-write";

    /** This configuration with one quota changed, named as in {@link #NAMES}. */
    public LimitsConfig with(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException("limit " + name + " must be positive: " + v);
        }
        int i = (int) Math.min(Integer.MAX_VALUE, v);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "tables": return new LimitsConfig(enabled, i, maxGlobalIndexes, accountMaxReadUnits,
                    accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits,
                    partitionWriteUnits, partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "gsis": return new LimitsConfig(enabled, maxTables, i, accountMaxReadUnits, accountMaxWriteUnits,
                    tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes,
                    burst, onDemandReadUnits, onDemandWriteUnits);
            case "account-read": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes, v,
                    accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits,
                    partitionWriteUnits, partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "account-write": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits,
                    v, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits,
                    partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "table-read": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits,
                    accountMaxWriteUnits, v, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits,
                    partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "table-write": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits,
                    accountMaxWriteUnits, tableMaxReadUnits, v, partitionReadUnits, partitionWriteUnits,
                    partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "partition-read": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits,
                    accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, v, partitionWriteUnits,
                    partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "partition-write": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes,
                    accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits,
                    partitionReadUnits, v, partitionBytes, burst, onDemandReadUnits, onDemandWriteUnits);
            case "partition-bytes": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes,
                    accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits,
                    partitionReadUnits, partitionWriteUnits, v, burst, onDemandReadUnits, onDemandWriteUnits);
            case "burst-seconds": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits,
                    accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits,
                    partitionWriteUnits, partitionBytes, Duration.ofSeconds(v), onDemandReadUnits,
                    onDemandWriteUnits);
            case "on-demand-read": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes,
                    accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits,
                    partitionReadUnits, partitionWriteUnits, partitionBytes, burst, v, onDemandWriteUnits);
            case "on-demand-write": return new LimitsConfig(enabled, maxTables, maxGlobalIndexes,
                    accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits,
                    partitionReadUnits, partitionWriteUnits, partitionBytes, burst, onDemandReadUnits, v);
            default: throw new IllegalArgumentException("unknown limit '" + name + "'; known: " + NAMES);
        }
    }
}
