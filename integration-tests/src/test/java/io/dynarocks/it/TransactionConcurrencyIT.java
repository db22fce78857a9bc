package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions are serializable: concurrent transfers never create or destroy money, and snapshots never see half a transfer. */
class TransactionConcurrencyIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final int WRITERS = 16;
    private static final int READERS = 2;
    private static final int TRANSFERS = 5_000;

    @Test
    void concurrentTransfersKeepTheTotalInEverySnapshot() throws Exception {
        Bank bank = new Bank(SERVER.client(), "Bank");
        bank.open();
        AtomicInteger remaining = new AtomicInteger(TRANSFERS);
        AtomicInteger applied = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> snapshots = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Random random = new Random(w);
            writers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    Bank.Outcome outcome;
                    // A transfer cancelled by a conflicting transaction is retried, as DynamoDB clients do.
                    while ((outcome = bank.transfer(random)) == Bank.Outcome.CONFLICT) {
                        Thread.onSpinWait();
                    }
                    if (outcome == Bank.Outcome.APPLIED) {
                        applied.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(pool.submit(() -> {
                while (writing.get()) {
                    snapshots.add(bank.total());
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> f : readers) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(applied.get()).isPositive();
        assertThat(snapshots).isNotEmpty().allMatch(total -> total == Bank.TOTAL);
        assertThat(bank.total()).isEqualTo(Bank.TOTAL);
    }
}
