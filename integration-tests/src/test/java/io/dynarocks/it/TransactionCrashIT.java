package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A transaction survives a SIGKILL of the server whole or not at all. */
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
}
