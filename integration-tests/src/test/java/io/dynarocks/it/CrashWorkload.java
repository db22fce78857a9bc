package io.dynarocks.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A mixed write workload (puts, conditional updates, deletes, transactions, batch writes) whose
 * writers each own their keys, so every writer knows what each of its keys must hold: the state its
 * acknowledged writes left, or, for the one write in flight when the server died, possibly that
 * write's state — for a transaction on all of its keys or on none. Every write gives the items it
 * writes a fresh {@code tag}, so the check compares tags; items of the last keys of each writer carry
 * a TTL in the past, so the TTL sweeper may delete them at any time.
 */
final class CrashWorkload {

    static final String TABLE = "Crash";
    static final String GSI = "byGroup";
    /** 2100-01-01: a TTL attribute that puts the item in the expiry index without ever expiring it. */
    static final long FAR_FUTURE = 4_102_444_800L;

    private static final int KEYS_PER_WRITER = 12;
    private static final int EXPIRING_KEYS = 2;
    private static final String[] GROUPS = {"red", "green", "blue"};

    /** What a key must hold: an item with this tag (null: no item); an expiring item may also be gone. */
    record Expected(String tag, boolean expiring) {
        static final Expected ABSENT = new Expected(null, false);

        boolean admits(Map<String, AttributeValue> actual) {
            String actualTag = actual == null ? null : actual.get("tag").s();
            return java.util.Objects.equals(tag, actualTag) || (actual == null && expiring);
        }
    }

    /** A write whose outcome the client never learned. */
    record Unknown(String kind, Map<String, Expected> after, boolean atomic) {}

    private final List<Writer> writers = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong checkedKeys = new AtomicLong();
    private final AtomicLong unknownApplied = new AtomicLong();
    private final AtomicLong unknownNotApplied = new AtomicLong();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    CrashWorkload(int writers, long seed) {
        for (int w = 0; w < writers; w++) {
            this.writers.add(new Writer(w, new Random(seed * 31 + w)));
        }
    }

    static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                        a -> a.attributeName("grp").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .globalSecondaryIndexes(g -> g.indexName(GSI)
                        .keySchema(k -> k.attributeName("grp").keyType("HASH"))
                        .projection(p -> p.projectionType("ALL")))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
        client.updateTimeToLive(b -> b.tableName(TABLE)
                .timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
    }

    /** Runs every writer on its own thread with {@code client} until one write's outcome is unknown. */
    List<Thread> run(Supplier<DynamoDbClient> client) {
        List<Thread> threads = new ArrayList<>();
        for (Writer w : writers) {
            Thread t = new Thread(() -> w.runUntilUnknown(client.get()), "crash-writer-" + w.id);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    /**
     * Compares every key with what its writer expects, given the table as it is after a restart, then
     * takes the table's state as the writers' new starting point.
     */
    void verifyAndResume(Map<String, Map<String, AttributeValue>> table, long nowSeconds) {
        for (Writer w : writers) {
            w.verifyAndResume(table, nowSeconds);
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    /** Writes whose condition was false on purpose, refused as they must be. */
    long refused() {
        return refused.get();
    }

    long checkedKeys() {
        return checkedKeys.get();
    }

    long unknownApplied() {
        return unknownApplied.get();
    }

    long unknownNotApplied() {
        return unknownNotApplied.get();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** One client thread and the keys only it writes. */
    private final class Writer {
        private final int id;
        private final Random random;
        private final Map<String, Expected> acked = new LinkedHashMap<>();
        private Unknown unknown;
        private long sequence;

        Writer(int id, Random random) {
            this.id = id;
            this.random = random;
            for (int k = 0; k < KEYS_PER_WRITER; k++) {
                acked.put(key(k), Expected.ABSENT);
            }
        }

        private String key(int k) {
            return "w" + id + "-k" + k;
        }

        private String normalKey() {
            return key(random.nextInt(KEYS_PER_WRITER - EXPIRING_KEYS));
        }

        private String anyKey() {
            return key(random.nextInt(KEYS_PER_WRITER));
        }

        private boolean isExpiringKey(String key) {
            return Integer.parseInt(key.substring(key.indexOf("-k") + 2)) >= KEYS_PER_WRITER - EXPIRING_KEYS;
        }

        private String newTag() {
            return "w" + id + "-" + (++sequence);
        }

        void runUntilUnknown(DynamoDbClient db) {
            while (unknown == null) {
                step(db);
            }
        }

        private void step(DynamoDbClient db) {
            int choice = random.nextInt(100);
            Map<String, Expected> after = new HashMap<>();
            String kind;
            boolean atomic = false;
            Runnable call;
            if (choice < 20) {
                kind = "PutItem";
                String key = anyKey();
                boolean expiring = isExpiringKey(key);
                String tag = newTag();
                after.put(key, new Expected(tag, expiring));
                call = () -> db.putItem(b -> b.tableName(TABLE).item(item(key, tag, expiring)));
            } else if (choice < 45) {
                kind = "UpdateItem";
                String key = normalKey();
                String tag = newTag();
                after.put(key, new Expected(tag, false));
                call = update(db, key, acked.get(key).tag(), tag);
            } else if (choice < 52) {
                kind = "UpdateItem(failing condition)";
                String key = normalKey();
                call = () -> {
                    try {
                        db.updateItem(b -> b.tableName(TABLE).key(Map.of("pk", s(key)))
                                .updateExpression("SET tag = :t").conditionExpression("tag = :wrong")
                                .expressionAttributeValues(Map.of(":t", s(newTag()), ":wrong", s("never"))));
                        violations.add("update with a false condition succeeded on " + key);
                    } catch (ConditionalCheckFailedException expected) {
                        refused.incrementAndGet();
                    }
                };
            } else if (choice < 65) {
                kind = "DeleteItem";
                String key = anyKey();
                after.put(key, Expected.ABSENT);
                Expected before = acked.get(key);
                call = () -> {
                    DeleteItemResponse r = db.deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", s(key)))
                            .returnValues(ReturnValue.ALL_OLD));
                    String old = r.hasAttributes() && !r.attributes().isEmpty() ? r.attributes().get("tag").s() : null;
                    if (!before.admits(r.hasAttributes() && !r.attributes().isEmpty() ? r.attributes() : null)) {
                        violations.add("DeleteItem on " + key + " returned old tag " + old + ", expected " + before);
                    }
                };
            } else if (choice < 85) {
                kind = "TransactWriteItems";
                atomic = true;
                call = transaction(db, after);
            } else {
                kind = "BatchWriteItem";
                call = batch(db, after);
            }
            execute(kind, call, after, atomic);
        }

        private void execute(String kind, Runnable call, Map<String, Expected> after, boolean atomic) {
            try {
                call.run();
                acked.putAll(after);
                acknowledged.incrementAndGet();
            } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
                violations.add(kind + " refused although its conditions held: " + e.getMessage());
            } catch (SdkClientException e) {
                unknown = new Unknown(kind, after, atomic);
            } catch (DynamoDbException e) {
                if (e.statusCode() >= 500) {
                    unknown = new Unknown(kind, after, atomic);
                } else {
                    violations.add(kind + " failed: " + e.getMessage());
                    unknown = new Unknown(kind, after, atomic);
                }
            }
        }

        private Runnable update(DynamoDbClient db, String key, String currentTag, String tag) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s(tag), ":one", n(1)));
            String condition;
            if (currentTag == null) {
                condition = "attribute_not_exists(pk)";
            } else {
                condition = "tag = :prev";
                values.put(":prev", s(currentTag));
            }
            String grp = random.nextInt(4) == 0 ? null : GROUPS[random.nextInt(GROUPS.length)];
            String expression;
            if (grp == null) {
                expression = "SET tag = :t, ver = if_not_exists(ver, :zero) + :one, #ttl = :ttl REMOVE grp";
            } else {
                expression = "SET tag = :t, ver = if_not_exists(ver, :zero) + :one, #ttl = :ttl, grp = :g";
                values.put(":g", s(grp));
            }
            values.put(":zero", n(0));
            values.put(":ttl", n(FAR_FUTURE));
            return () -> db.updateItem(b -> b.tableName(TABLE).key(Map.of("pk", s(key)))
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#ttl", "ttl")).expressionAttributeValues(values));
        }

        private Runnable transaction(DynamoDbClient db, Map<String, Expected> after) {
            List<String> keys = distinctNormalKeys(2 + random.nextInt(3));
            String tag = newTag();
            List<TransactWriteItem> items = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                Expected current = acked.get(key);
                if (i == keys.size() - 1 && keys.size() > 2) {
                    // A condition check that holds, on a key the transaction does not write.
                    String condition = current.tag() == null ? "attribute_not_exists(pk)" : "tag = :prev";
                    Map<String, AttributeValue> values = current.tag() == null ? null : Map.of(":prev", s(current.tag()));
                    items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(TABLE)
                            .key(Map.of("pk", s(key))).conditionExpression(condition)
                            .expressionAttributeValues(values)).build());
                    continue;
                }
                int action = random.nextInt(3);
                if (action == 0) {
                    after.put(key, new Expected(tag, false));
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item(key, tag, false)))
                            .build());
                } else if (action == 1 && current.tag() != null) {
                    after.put(key, new Expected(tag, false));
                    items.add(TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(Map.of("pk", s(key)))
                            .updateExpression("SET tag = :t, ver = ver + :one").conditionExpression("tag = :prev")
                            .expressionAttributeValues(Map.of(":t", s(tag), ":one", n(1), ":prev", s(current.tag()))))
                            .build());
                } else {
                    after.put(key, Expected.ABSENT);
                    items.add(TransactWriteItem.builder().delete(d -> d.tableName(TABLE).key(Map.of("pk", s(key))))
                            .build());
                }
            }
            return () -> db.transactWriteItems(b -> b.transactItems(items));
        }

        private Runnable batch(DynamoDbClient db, Map<String, Expected> after) {
            List<String> keys = new ArrayList<>();
            while (keys.size() < 2 + random.nextInt(4)) {
                String key = anyKey();
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
            List<WriteRequest> requests = new ArrayList<>();
            for (String key : keys) {
                if (random.nextInt(3) == 0) {
                    after.put(key, Expected.ABSENT);
                    requests.add(WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s(key)))).build());
                } else {
                    boolean expiring = isExpiringKey(key);
                    String tag = newTag();
                    after.put(key, new Expected(tag, expiring));
                    requests.add(WriteRequest.builder().putRequest(p -> p.item(item(key, tag, expiring))).build());
                }
            }
            return () -> {
                BatchWriteItemResponse r = db.batchWriteItem(b -> b.requestItems(Map.of(TABLE, requests)));
                if (r.hasUnprocessedItems() && !r.unprocessedItems().isEmpty()) {
                    violations.add("BatchWriteItem left items unprocessed: " + r.unprocessedItems());
                }
            };
        }

        private List<String> distinctNormalKeys(int count) {
            List<String> keys = new ArrayList<>();
            while (keys.size() < count) {
                String key = normalKey();
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
            return keys;
        }

        private Map<String, AttributeValue> item(String key, String tag, boolean expiring) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s(key));
            item.put("tag", s(tag));
            item.put("ver", n(1));
            long now = System.currentTimeMillis() / 1000;
            item.put("ttl", n(expiring ? now - 3600 : FAR_FUTURE));
            if (random.nextInt(4) != 0) {
                item.put("grp", s(GROUPS[random.nextInt(GROUPS.length)]));
            }
            item.put("pad", s("x".repeat(random.nextInt(2000))));
            return item;
        }

        void verifyAndResume(Map<String, Map<String, AttributeValue>> table, long nowSeconds) {
            Map<String, Expected> outcome = unknown == null ? Map.of() : unknown.after();
            int applied = 0;
            int notApplied = 0;
            for (Map.Entry<String, Expected> e : acked.entrySet()) {
                String key = e.getKey();
                Map<String, AttributeValue> actual = table.get(key);
                Expected before = e.getValue();
                Expected inFlight = outcome.get(key);
                checkedKeys.incrementAndGet();
                boolean asBefore = before.admits(actual);
                boolean asAfter = inFlight != null && inFlight.admits(actual);
                if (!asBefore && !asAfter) {
                    violations.add(key + " holds " + (actual == null ? "nothing" : actual.get("tag").s())
                            + ", expected " + before + (inFlight == null ? "" : " or " + inFlight
                            + " (" + unknown.kind() + " in flight)"));
                }
                if (inFlight != null && !inFlight.equals(before)) {
                    if (asAfter && !asBefore) {
                        applied++;
                    } else if (asBefore && !asAfter) {
                        notApplied++;
                    }
                }
            }
            if (unknown != null && unknown.atomic() && applied > 0 && notApplied > 0) {
                violations.add(unknown.kind() + " half applied: " + applied + " keys written, " + notApplied
                        + " not, " + unknown.after());
            }
            if (unknown != null) {
                (applied > 0 ? unknownApplied : unknownNotApplied).incrementAndGet();
            }
            for (String key : acked.keySet()) {
                Map<String, AttributeValue> actual = table.get(key);
                acked.put(key, actual == null ? Expected.ABSENT : new Expected(actual.get("tag").s(),
                        Long.parseLong(actual.get("ttl").n()) < nowSeconds));
            }
            unknown = null;
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
