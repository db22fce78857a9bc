package io.dynarocks.engine.limits;

import java.util.Locale;

/**
 * DynamoDB's production limits, enforced only when {@code enabled} (the {@code --limits} option): throughput
 * per table, index and partition, and account quotas. The defaults are DynamoDB's default quotas; each can be
 * changed, as a quota increase changes it on AWS.
 *
 * @param maxTables              tables per account (CreateTable beyond it is LimitExceededException)
 * @param maxGlobalIndexes       global secondary indexes per table (at most DynamoDB's default of 20)
 * @param accountMaxReadUnits    DescribeLimits' AccountMaxReadCapacityUnits
 * @param accountMaxWriteUnits   DescribeLimits' AccountMaxWriteCapacityUnits
 * @param tableMaxReadUnits      DescribeLimits' TableMaxReadCapacityUnits; also the per-table on-demand ceiling
 * @param tableMaxWriteUnits     DescribeLimits' TableMaxWriteCapacityUnits; also the per-table on-demand ceiling
 * @param partitionReadUnits     read units one partition serves per second
 * @param partitionWriteUnits    write units one partition serves per second
 * @param partitionBytes         data one partition holds before it splits (10 GiB)
 * @param burstSeconds           seconds of unused provisioned capacity a table keeps for bursts
 * @param onDemandReadUnits      read units a new on-demand table serves at once (its warm throughput)
 * @param onDemandWriteUnits     write units a new on-demand table serves at once (its warm throughput)
 * @param controlPlaneRate       control plane requests (CreateTable, DescribeTable, ListTables, …) per second per account
 */
public record LimitsConfig(boolean enabled, int maxTables, int maxGlobalIndexes, long accountMaxReadUnits, long accountMaxWriteUnits, long tableMaxReadUnits, long tableMaxWriteUnits, long partitionReadUnits, long partitionWriteUnits, long partitionBytes, long burstSeconds, long onDemandReadUnits, long onDemandWriteUnits, long controlPlaneRate) {

    /** The names {@link #with(String, long)} takes, as the CLI's {@code --limit NAME=VALUE} spells them. */
    public static final String NAMES = "tables, gsis, account-read, account-write, table-read, table-write, partition-read, partition-write, partition-bytes, burst-seconds, on-demand-read, on-demand-write, control-plane-rate";

    /** Nothing enforced: the default. */
    public static LimitsConfig off() {
        return aws().withEnabled(false);
    }

    /** DynamoDB's default quotas, enforced. */
    public static LimitsConfig aws() {
        return new LimitsConfig(true, 2500, 20, 80_000, 80_000, 40_000, 40_000, 3000, 1000, 10L << 30, 300, 12_000, 4000, 2500);
    }

    public LimitsConfig withEnabled(boolean value) {
        return new LimitsConfig(value, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
    }

    /** This configuration with one quota changed, named as in {@link #NAMES}. */
    public LimitsConfig with(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException("limit " + name + " must be positive: " + v);
        }
        if (name.equalsIgnoreCase("gsis") && v > 20) {
            throw new IllegalArgumentException("limit gsis can be lowered from 20, not raised: " + v);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tables" -> new LimitsConfig(enabled, (int) Math.min(Integer.MAX_VALUE, v), maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "gsis" -> new LimitsConfig(enabled, maxTables, (int) Math.min(Integer.MAX_VALUE, v), accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "account-read" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, v, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "account-write" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, v, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "table-read" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, v, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "table-write" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, v, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "partition-read" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, v, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "partition-write" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, v, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "partition-bytes" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, v, burstSeconds, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "burst-seconds" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, v, onDemandReadUnits, onDemandWriteUnits, controlPlaneRate);
            case "on-demand-read" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, v, onDemandWriteUnits, controlPlaneRate);
            case "on-demand-write" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, v, controlPlaneRate);
            case "control-plane-rate" -> new LimitsConfig(enabled, maxTables, maxGlobalIndexes, accountMaxReadUnits, accountMaxWriteUnits, tableMaxReadUnits, tableMaxWriteUnits, partitionReadUnits, partitionWriteUnits, partitionBytes, burstSeconds, onDemandReadUnits, onDemandWriteUnits, v);
            default -> throw new IllegalArgumentException("unknown limit '" + name + "'; known: " + NAMES);
        };
    }
}
