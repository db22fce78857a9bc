package io.dynarocks.engine.limits;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.AttributeValue;

/**
 * The capacity of one table or one global index: a bucket of its own throughput (provisioned units with burst
 * credit, or an on-demand allowance of double the previous peak) and one bucket per partition at DynamoDB's
 * per-partition maximum. A partition may use any capacity the table leaves unused, up to its own maximum:
 * that is adaptive capacity. Partitions split as throughput or size demand and never merge.
 */
final class Resource {

    private final LimitsConfig config;
    private final boolean onDemand;
    private final double maxRead;
    private final double maxWrite;
    private final TokenBucket read;
    private final TokenBucket write;
    private final PeakTracker readPeak;
    private final PeakTracker writePeak;
    private TokenBucket[] partitionReads = new TokenBucket[0];
    private TokenBucket[] partitionWrites = new TokenBucket[0];

    /**
     * A provisioned resource of {@code rcu}/{@code wcu}, or on-demand when {@code onDemand}, then serving at most
     * {@code maxRead}/{@code maxWrite} request units a second (its OnDemandThroughput; 0 for no maximum).
     */
    Resource(LimitsConfig config, boolean onDemand, long rcu, long wcu, long maxRead, long maxWrite,
            int minPartitions, long nowMillis) {
        this.config = config;
        this.onDemand = onDemand;
        this.maxRead = maxRead > 0 ? Math.min(maxRead, config.tableMaxReadUnits()) : config.tableMaxReadUnits();
        this.maxWrite = maxWrite > 0 ? Math.min(maxWrite, config.tableMaxWriteUnits()) : config.tableMaxWriteUnits();
        if (onDemand) {
            readPeak = new PeakTracker(config.onDemandReadUnits() / 2.0);
            writePeak = new PeakTracker(config.onDemandWriteUnits() / 2.0);
            double r = Math.min(readPeak.allowance(nowMillis), this.maxRead);
            double w = Math.min(writePeak.allowance(nowMillis), this.maxWrite);
            read = new TokenBucket(r, r, r, nowMillis);
            write = new TokenBucket(w, w, w, nowMillis);
        } else {
            readPeak = null;
            writePeak = null;
            double burst = config.burstSeconds();
            // Burst credit is unused capacity: a new table starts with one second's worth.
            read = new TokenBucket(rcu, rcu * burst, rcu, nowMillis);
            write = new TokenBucket(wcu, wcu * burst, wcu, nowMillis);
        }
        split(Math.max(minPartitions, forThroughput(read.rate(), write.rate())), nowMillis);
    }

    boolean onDemand() {
        return onDemand;
    }

    int partitions() {
        return partitionReads.length;
    }

    /** The limit that refuses a request now, or null when it is admitted; {@code hash} null for no partition. */
    synchronized Throttled admit(boolean isWrite, AttributeValue hash, long nowMillis) {
        TokenBucket own = isWrite ? write : read;
        if (!own.available(nowMillis)) {
            if (!onDemand) {
                return Throttled.PROVISIONED;
            }
            if (own.rate() < (isWrite ? maxWrite : maxRead)) {
                return Throttled.KEY_RANGE;
            }
            // At its ceiling: the account's per-table quota, or a lower maximum of the table's own.
            double quota = isWrite ? config.tableMaxWriteUnits() : config.tableMaxReadUnits();
            return own.rate() >= quota ? Throttled.ACCOUNT : Throttled.MAX_ON_DEMAND;
        }
        if (hash != null && !(isWrite ? partitionWrites : partitionReads)[partition(hash)].available(nowMillis)) {
            return Throttled.KEY_RANGE;
        }
        return null;
    }

    synchronized void charge(boolean isWrite, AttributeValue hash, double units, long nowMillis) {
        if (units <= 0) {
            return;
        }
        (isWrite ? write : read).take(units, nowMillis);
        if (hash != null) {
            (isWrite ? partitionWrites : partitionReads)[partition(hash)].take(units, nowMillis);
        }
        if (onDemand) {
            PeakTracker peak = isWrite ? writePeak : readPeak;
            peak.record(units, nowMillis);
            double allowance = Math.min(peak.allowance(nowMillis), isWrite ? maxWrite : maxRead);
            TokenBucket own = isWrite ? write : read;
            if (allowance != own.rate()) {
                own.resize(allowance, allowance, nowMillis);
                split(forThroughput(read.rate(), write.rate()), nowMillis);
            }
        }
    }

    /** Splits into at least {@code n} partitions (never fewer than now). */
    synchronized void split(int n, long nowMillis) {
        if (n <= partitionReads.length) {
            return;
        }
        partitionReads = new TokenBucket[n];
        partitionWrites = new TokenBucket[n];
        for (int i = 0; i < n; i++) {
            partitionReads[i] = full(config.partitionReadUnits(), nowMillis);
            partitionWrites[i] = full(config.partitionWriteUnits(), nowMillis);
        }
    }

    /** Units per second served at once: what the partitions serve, and no more than the table's own rate. */
    synchronized Throughput.WarmThroughput warm() {
        long partitions = partitionReads.length;
        long r = partitions * config.partitionReadUnits();
        long w = partitions * config.partitionWriteUnits();
        return onDemand ? new Throughput.WarmThroughput(Math.min(r, (long) read.rate()),
                Math.min(w, (long) write.rate())) : new Throughput.WarmThroughput(r, w);
    }

    /** DynamoDB's documented rule: RCU / 3,000 + WCU / 1,000 partitions, rounded up. */
    int forThroughput(double rcu, double wcu) {
        return Math.max(1, (int) Math.ceil(rcu / config.partitionReadUnits() + wcu / config.partitionWriteUnits()));
    }

    /** Partitions for {@code bytes} of data: one per 10 GB. */
    int forSize(long bytes) {
        return (int) Math.max(1, (bytes + config.partitionBytes() - 1) / config.partitionBytes());
    }

    private int partition(AttributeValue hash) {
        long h = ItemKeys.partitionHash(hash) & 0xffffffffL;
        return (int) ((h * partitionReads.length) >>> 32);
    }

    private static TokenBucket full(long unitsPerSecond, long nowMillis) {
        return new TokenBucket(unitsPerSecond, unitsPerSecond, unitsPerSecond, nowMillis);
    }
}
