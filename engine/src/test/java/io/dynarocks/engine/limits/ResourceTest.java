package io.dynarocks.engine.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.AttributeValue;
import org.junit.jupiter.api.Test;

class ResourceTest {

    private static final LimitsConfig AWS = LimitsConfig.aws();

    @Test
    void partitionsFollowDynamoDbsThroughputRule() {
        assertThat(new Resource(AWS, false, 5, 5, 0, 0, 1, 0).partitions()).isEqualTo(1);
        assertThat(new Resource(AWS, false, 3000, 1000, 0, 0, 1, 0).partitions()).isEqualTo(2);
        assertThat(new Resource(AWS, false, 1000, 10_000, 0, 0, 1, 0).partitions()).isEqualTo(11);
        assertThat(new Resource(AWS, false, 5, 5, 0, 0, 7, 0).partitions()).as("partitions never merge").isEqualTo(7);
    }

    @Test
    void partitionsSplitBySizeAndNeverMerge() {
        Resource r = new Resource(AWS, false, 5, 5, 0, 0, 1, 0);
        r.split(r.forSize(25L << 30), 0);
        assertThat(r.partitions()).isEqualTo(3);
        r.split(r.forSize(1), 0);
        assertThat(r.partitions()).isEqualTo(3);
    }

    @Test
    void aPartitionBorrowsUnusedTableCapacityUpToItsOwnMaximum() {
        // 2,000 WCU over two partitions: one hot partition may still write 1,000 a second, not only 1,000 / 2.
        Resource r = new Resource(AWS, false, 0, 2000, 0, 0, 1, 0);
        AttributeValue hot = AttributeValue.s("hot");
        int admitted = 0;
        while (r.admit(true, hot, 0) == null) {
            r.charge(true, hot, 1, 0);
            admitted++;
        }
        assertThat(admitted).isEqualTo(1000);
        assertThat(r.admit(true, hot, 0)).isEqualTo(Throttled.KEY_RANGE);
    }

    @Test
    void onDemandServesDoubleThePreviousPeakAndRaisesItAfterThirtyMinutes() {
        Resource r = new Resource(AWS, true, 0, 0, 0, 0, 1, 0);
        assertThat(r.warm().writeUnitsPerSecond()).isEqualTo(4000);
        // A new table's previous peak is half its warm throughput: 4,000 WCU at once, spread over keys.
        r.charge(true, null, 4000, 0);
        assertThat(r.admit(true, null, 0)).isEqualTo(Throttled.KEY_RANGE);
        assertThat(r.admit(true, null, 1000)).isNull();
        long halfHour = 30 * 60 * 1000L;
        assertThat(r.warm().writeUnitsPerSecond()).isEqualTo(4000);
        r.charge(true, null, 1, halfHour);
        assertThat(r.warm().writeUnitsPerSecond()).as("the 4,000 peak, doubled, once 30 minutes old")
                .isEqualTo(8000);
    }

    @Test
    void onDemandStopsAtThePerTableQuotaWithAccountLimitExceeded() {
        Resource r = new Resource(AWS.with("table-write", 3000), true, 0, 0, 0, 0, 1, 0);
        r.charge(true, null, 3000, 0);
        assertThat(r.admit(true, null, 0)).isEqualTo(Throttled.ACCOUNT);
    }

    @Test
    void onDemandStopsAtItsOnDemandThroughputMaximumWithMaxOnDemandThroughputExceeded() {
        Resource r = new Resource(AWS, true, 0, 0, 100, 10, 1, 0);
        assertThat(r.warm().writeUnitsPerSecond()).isEqualTo(10);
        r.charge(true, null, 10, 0);
        assertThat(r.admit(true, null, 0)).isEqualTo(Throttled.MAX_ON_DEMAND);
        assertThat(r.admit(false, null, 0)).as("reads have their own maximum").isNull();
        assertThat(r.admit(true, null, 1000)).as("refilled a second later").isNull();
        r.charge(false, null, 100, 0);
        assertThat(r.admit(false, null, 0)).isEqualTo(Throttled.MAX_ON_DEMAND);
    }
}
