package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A transaction survives a SIGKILL of the server whole or not at all. */
class TransactionCrashIT {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://\\S+)");
    private static final int WRITERS = 4;
    private static final int TRANSFERS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @Test
    void killedServerRestartsWithEveryTransactionAllOrNothing() throws Exception {
        Process server = start();
        try (DynamoDbClient client = ServerExtension.client(awaitEndpoint(server))) {
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
        Process restarted = start();
        try (DynamoDbClient client = ServerExtension.client(awaitEndpoint(restarted))) {
            assertThat(new Bank(client, "Bank").total()).isEqualTo(Bank.TOTAL);
        } finally {
            restarted.destroy();
            assertThat(restarted.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process start() throws Exception {
        Path jar = Path.of(System.getProperty("dynarocks.jar", "../server/target/dynarocks.jar"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).start();
    }

    private static URI awaitEndpoint(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                // Keep draining the server's output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("server exited before listening");
    }
}
