package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A transaction survives a SIGKILL of the server whole or not at all, and no transactional read ever
 * observes part of one.
 */
class TransactionCrashIT {

    private static final int WRITERS = 4;
    private static final int TRANSFERS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @Test
    void killedServerRestartsWithEveryTransactionAllOrNothing() throws Exception {
        Process server = ServerProcess.serve(dir.resolve("data"));
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(server))) {
            Bank bank = new Bank(client, "Bank");
            bank.open();
            AtomicInteger applied = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(w);
                // Transfers run until the server dies under them; the errors that follow are expected.
                writers.add(pool.submit(() -> {
                    while (true) {
                        bank.transfer(random);
                        applied.incrementAndGet();
                    }
                }));
            }
            while (applied.get() < TRANSFERS_BEFORE_KILL && writers.stream().noneMatch(Future::isDone)) {
                Thread.sleep(5);
            }
            server.destroyForcibly(); // SIGKILL, in the middle of transactions
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(applied.get()).isGreaterThanOrEqualTo(TRANSFERS_BEFORE_KILL);
        }
        Process restarted = ServerProcess.serve(dir.resolve("data"));
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(restarted))) {
            assertThat(new Bank(client, "Bank").total()).isEqualTo(Bank.TOTAL);
        } finally {
            restarted.destroy();
            assertThat(restarted.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void readersNeverObserveAPartialTransferAcrossKills() {
        int kills = Integer.getInteger("dynarocks.bank.kills", 1);
        assertTimeoutPreemptively(Duration.ofMinutes(2 + 2L * kills), () -> bankAcrossKills(kills));
    }

    private void bankAcrossKills(int kills) throws Exception {
        AtomicLong transfers = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        try (KillableServer server = new KillableServer(dir.resolve("bank")).start()) {
            new Bank(server.client(), "Bank").open();
            for (int round = 0; round <= kills; round++) {
                Bank bank = new Bank(server.client(), "Bank");
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < WRITERS + 1; w++) {
                    Random random = new Random(round * 100L + w);
                    boolean reader = w >= WRITERS;
                    Thread t = new Thread(() -> {
                        try {
                            while (!stop.get()) {
                                if (reader) {
                                    long total = bank.total();
                                    reads.incrementAndGet();
                                    if (total != Bank.TOTAL) {
                                        violations.add("a TransactGetItems of every account summed to " + total);
                                    }
                                } else if (bank.transfer(random) == Bank.Outcome.APPLIED) {
                                    transfers.incrementAndGet();
                                }
                            }
                        } catch (SdkClientException e) {
                            // the server was killed under this client
                        } catch (RuntimeException e) {
                            violations.add(e.toString());
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                }
                long target = transfers.get() + 50 + new Random(round).nextInt(150);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (transfers.get() < target && System.nanoTime() < deadline && violations.isEmpty()) {
                    Thread.sleep(1);
                }
                if (round < kills) {
                    server.kill();
                }
                stop.set(true);
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(60));
                    assertThat(t.isAlive()).isFalse();
                }
                if (round < kills) {
                    server.start();
                    assertThat(new Bank(server.client(), "Bank").total()).isEqualTo(Bank.TOTAL);
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(reads.get()).isPositive();
        System.out.printf("bank: %d kills, %d transfers applied, %d whole-bank transactional reads, all summing to %d%n",
                kills, transfers.get(), reads.get(), Bank.TOTAL);
    }
}
