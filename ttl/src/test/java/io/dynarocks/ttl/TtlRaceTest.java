package io.dynarocks.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.DynamoException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TtlRaceTest {

    private static final int ITEMS = 3000;
    private static final long NOW = TtlFixture.NOW;

    @Test
    void itemsWhoseTtlIsExtendedDuringASweepAreNeverDeleted() throws Exception {
        try (TtlFixture db = new TtlFixture()) {
            db.createTable("race");
            db.enableTtl("race");
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                keys.add("k" + i);
                db.putExpiring("race", "k" + i, NOW + 1);
            }
            Collections.shuffle(keys);
            db.clock.setEpochSecond(NOW + 2);

            AtomicBoolean extending = new AtomicBoolean(true);
            CompletableFuture<Void> sweeper = CompletableFuture.runAsync(() -> {
                while (extending.get()) {
                    db.sweep();
                }
            });
            Set<String> extended = ConcurrentHashMap.newKeySet();
            Set<String> deletedFirst = ConcurrentHashMap.newKeySet();
            for (String key : keys) {
                try {
                    // Only an existing item is extended; one the sweeper deleted first fails the condition.
                    db.call("UpdateItem", "{'TableName':'race','Key':{'pk':{'S':'" + key + "'}},"
                            + "'UpdateExpression':'SET expires = :e','ConditionExpression':'attribute_exists(pk)',"
                            + "'ExpressionAttributeValues':{':e':{'N':'" + (NOW + 1000) + "'}}}");
                    extended.add(key);
                } catch (DynamoException e) {
                    assertThat(e.type()).isEqualTo("ConditionalCheckFailedException");
                    deletedFirst.add(key);
                }
            }
            extending.set(false);
            sweeper.get();
            db.sweep();

            assertThat(extended.size() + deletedFirst.size()).isEqualTo(ITEMS);
            assertThat(extended).allMatch(key -> db.exists("race", key));
            assertThat(deletedFirst).noneMatch(key -> db.exists("race", key));
            assertThat(db.ttl.sweeper().deletedCount("race")).isEqualTo(deletedFirst.size());
        }
    }
}
