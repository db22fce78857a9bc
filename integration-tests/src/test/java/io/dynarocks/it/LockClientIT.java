package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.AcquireLockOptions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClientOptions;
import com.amazonaws.services.dynamodbv2.CreateDynamoDBTableOptions;
import com.amazonaws.services.dynamodbv2.LockItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/** The DynamoDB Lock Client, a real library built on conditional writes, against DynaRocks. */
class LockClientIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String TABLE = "Locks";

    @BeforeAll
    static void table() {
        AmazonDynamoDBLockClient.createLockTableInDynamoDB(CreateDynamoDBTableOptions.builder(SERVER.client(),
                ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build(), TABLE).build());
    }

    private static AmazonDynamoDBLockClient lockClient(boolean heartbeat) {
        return new AmazonDynamoDBLockClient(AmazonDynamoDBLockClientOptions.builder(SERVER.client(), TABLE)
                .withTimeUnit(TimeUnit.MILLISECONDS)
                .withLeaseDuration(1_000L)
                .withHeartbeatPeriod(200L)
                .withCreateHeartbeatBackgroundThread(heartbeat)
                .build());
    }

    @Test
    void competingThreadsNeverHoldTheLockAtOnce() throws Exception {
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                try (AmazonDynamoDBLockClient locks = lockClient(true)) {
                    for (int i = 0; i < 3; i++) {
                        LockItem lock = locks.acquireLock(AcquireLockOptions.builder("shared")
                                .withAdditionalTimeToWaitForLock(30_000L).withRefreshPeriod(50L)
                                .withTimeUnit(TimeUnit.MILLISECONDS).build());
                        int now = holders.incrementAndGet();
                        maxHolders.accumulateAndGet(now, Math::max);
                        acquisitions.incrementAndGet();
                        Thread.sleep(20);
                        holders.decrementAndGet();
                        locks.releaseLock(lock);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        assertThat(acquisitions.get()).isEqualTo(24);
        assertThat(maxHolders.get()).isEqualTo(1);
    }

    @Test
    void expiredLockIsTakenOverAndHeartbeatsKeepALockAlive() throws Exception {
        try (AmazonDynamoDBLockClient abandoned = lockClient(false);
                AmazonDynamoDBLockClient keeper = lockClient(true);
                AmazonDynamoDBLockClient other = lockClient(false)) {
            abandoned.acquireLock(AcquireLockOptions.builder("expiring").build());
            LockItem takenOver = other.acquireLock(AcquireLockOptions.builder("expiring")
                    .withAdditionalTimeToWaitForLock(5_000L).withTimeUnit(TimeUnit.MILLISECONDS).build());
            assertThat(takenOver.getPartitionKey()).isEqualTo("expiring");

            LockItem kept = keeper.acquireLock(AcquireLockOptions.builder("kept").build());
            Thread.sleep(2_000); // two lease durations: only heartbeats keep it
            Optional<LockItem> attempt = other.tryAcquireLock(AcquireLockOptions.builder("kept").build());
            assertThat(attempt).isEmpty();
            assertThat(keeper.releaseLock(kept)).isTrue();
            assertThat(other.tryAcquireLock(AcquireLockOptions.builder("kept").build())).isPresent();
        }
    }
}
