package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dynarocks.it.linearizability.Operation;
import io.dynarocks.it.linearizability.Operation.Outcome;
import io.dynarocks.it.linearizability.WglChecker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Single-item reads (consistent GetItem), writes (PutItem) and compare-and-set (conditional
 * UpdateItem) from concurrent clients on a few items, across SIGKILLs of the command-line server, form
 * a linearizable history per item (checked by {@link WglChecker}): acknowledged writes are never lost
 * or reordered by a restart, and a request in flight at a kill either took effect before the kill or never.
 */
class LinearizabilityIT {

    private static final String TABLE = "Registers";
    private static final int CLIENTS = 6;
    private static final int KEYS = 3;

    @TempDir
    Path dir;

    private record Recorded(String key, Operation op) {}

    private final ConcurrentLinkedQueue<Recorded> history = new ConcurrentLinkedQueue<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final ConcurrentLinkedQueue<Throwable> clientFailures = new ConcurrentLinkedQueue<>();

    @Test
    void registerHistoriesAcrossKillsAreLinearizable() {
        int kills = Integer.getInteger("dynarocks.linearizability.kills", 2);
        assertTimeoutPreemptively(Duration.ofMinutes(2 + 2L * kills), () -> run(kills));
    }

    private void run(int kills) throws Exception {
        long seed = Long.getLong("dynarocks.linearizability.seed", System.nanoTime());
        Random random = new Random(seed);
        try (KillableServer server = new KillableServer(dir.resolve("data")).start()) {
            Tables.hashTable(server.client(), TABLE);
            for (int round = 0; round <= kills; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                DynamoDbClient client = server.client();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    Random clientRandom = new Random(random.nextLong());
                    String prefix = "r" + round + "c" + c + "-";
                    Thread t = new Thread(() -> {
                        try {
                            clientLoop(client, clientRandom, prefix, stop);
                        } catch (RuntimeException | AssertionError e) {
                            clientFailures.add(e);
                        }
                    }, "register-client-" + c);
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                }
                long target = answered.get() + 100 + random.nextInt(Integer.getInteger(
                        "dynarocks.linearizability.maxOps", 300));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (answered.get() < target && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                if (round < kills) {
                    server.kill(); // in-flight requests end as unknown
                    stop.set(true);
                    server.start();
                } else {
                    stop.set(true);
                }
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(60));
                    assertThat(t.isAlive()).isFalse();
                }
            }
        }
        assertThat(clientFailures).isEmpty();
        Map<String, List<Operation>> perKey = new ConcurrentHashMap<>();
        history.forEach(r -> perKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.op()));
        WglChecker checker = new WglChecker(5_000_000);
        long configurations = 0;
        for (Map.Entry<String, List<Operation>> e : perKey.entrySet()) {
            WglChecker.Result result = checker.check(e.getValue());
            configurations += result.configurations();
            assertThat(result.decided()).as("history of %s decided (seed %d)", e.getKey(), seed).isTrue();
            assertThat(result.linearizable()).as("history of %s is linearizable (seed %d); longest linearizable "
                    + "prefix %s; history %s", e.getKey(), seed, result.longestPrefix(), e.getValue()).isTrue();
        }
        System.out.printf("linearizability: %d kills, %d operations checked (%d answered, %d unknown) on %d items, "
                + "%d configurations searched, seed %d%n", kills, history.size(), answered.get(), unknown.get(),
                perKey.size(), configurations, seed);
        assertThat(answered.get()).isPositive();
    }

    private void clientLoop(DynamoDbClient db, Random random, String prefix, AtomicBoolean stop) {
        int n = 0;
        Map<String, String> lastSeen = new ConcurrentHashMap<>();
        while (!stop.get()) {
            String key = "reg" + random.nextInt(KEYS);
            Map<String, AttributeValue> pk = Map.of("pk", AttributeValue.fromS(key));
            int choice = random.nextInt(10);
            long invoked = System.nanoTime();
            Operation op;
            try {
                if (choice < 4) {
                    GetItemResponse r = db.getItem(b -> b.tableName(TABLE).key(pk).consistentRead(true));
                    String value = r.hasItem() && !r.item().isEmpty() ? r.item().get("v").s() : null;
                    op = Operation.read(value, invoked, System.nanoTime());
                    if (value != null) {
                        lastSeen.put(key, value);
                    }
                } else if (choice < 7) {
                    String value = prefix + (n++);
                    op = attempt(invoked, Operation.Kind.WRITE, value, null, () ->
                            db.putItem(b -> b.tableName(TABLE).item(Map.of("pk", pk.get("pk"),
                                    "v", AttributeValue.fromS(value)))));
                } else {
                    String value = prefix + (n++);
                    String expected = lastSeen.get(key);
                    op = attempt(invoked, Operation.Kind.CAS, value, expected, () -> {
                        if (expected == null) {
                            db.updateItem(b -> b.tableName(TABLE).key(pk).updateExpression("SET v = :v")
                                    .conditionExpression("attribute_not_exists(v)")
                                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
                        } else {
                            db.updateItem(b -> b.tableName(TABLE).key(pk).updateExpression("SET v = :v")
                                    .conditionExpression("v = :e")
                                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value),
                                            ":e", AttributeValue.fromS(expected))));
                        }
                    });
                }
            } catch (SdkClientException | DynamoDbException e) {
                if (e instanceof DynamoDbException d && d.statusCode() < 500) {
                    throw e;
                }
                // A read without an answer observed nothing: recorded, and the checker leaves it out.
                op = new Operation(Operation.Kind.READ, null, null, Outcome.UNKNOWN, invoked, 0);
            }
            history.add(new Recorded(key, op));
            if (op.outcome() == Outcome.UNKNOWN) {
                unknown.incrementAndGet();
                return; // the server is gone; this client's next round runs on the restarted one
            }
            answered.incrementAndGet();
        }
    }

    /** Runs a write or CAS; a false condition is a definite failure, no answer an unknown outcome. */
    private static Operation attempt(long invoked, Operation.Kind kind, String value, String expected, Runnable call) {
        Outcome outcome;
        try {
            call.run();
            outcome = Outcome.OK;
        } catch (ConditionalCheckFailedException e) {
            outcome = Outcome.FAIL;
        } catch (SdkClientException e) {
            outcome = Outcome.UNKNOWN;
        } catch (DynamoDbException e) {
            if (e.statusCode() < 500) {
                throw e;
            }
            outcome = Outcome.UNKNOWN;
        }
        return new Operation(kind, value, expected, outcome, invoked, System.nanoTime());
    }
}
