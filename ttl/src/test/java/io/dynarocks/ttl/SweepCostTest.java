package io.dynarocks.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCostTest {

    private static final int LIVE = 1_000_000;
    private static final int EXPIRED = 10;

    // RocksDB rather than the in-memory store: it loads a million items several times faster.
    @Test
    void aSweepReadsOnlyWhatExpiredNotTheTable(@TempDir Path dir) {
        try (TtlFixture db = new TtlFixture(RocksDbStorage.open(dir, false))) {
            db.createTable("big");
            db.enableTtl("big");
            TableDefinition table = db.engine.catalog().require("big");
            // Written straight through the hooks, as an item write does, to keep a million items quick.
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < LIVE + EXPIRED; i++) {
                long expires = i < EXPIRED ? TtlFixture.NOW + 1 : TtlFixture.NOW + 3600 + i % 1000;
                write(db, table, "k" + i, expires, batch);
                if (batch.ops().size() >= 20_000) {
                    db.storage.write(batch);
                    batch = new WriteBatch();
                }
            }
            db.storage.write(batch);
            db.clock.setEpochSecond(TtlFixture.NOW + 2);
            db.storage.reset();

            assertThat(db.sweep()).isEqualTo(EXPIRED);

            // Per expired item: its index entry and one point read of the item.
            assertThat(db.storage.reads()).isLessThanOrEqualTo(2L * EXPIRED);
            assertThat(db.exists("big", "k" + EXPIRED)).isTrue();
            assertThat(db.exists("big", "k0")).isFalse();
        }
    }

    private static void write(TtlFixture db, TableDefinition table, String pk, long expires, WriteBatch batch) {
        PrimaryKey key = new PrimaryKey(new AttributeValue.S(pk), null);
        Map<String, AttributeValue> item = Map.of("pk", key.hash(),
                "expires", new AttributeValue.N(DynamoNumber.parse(Long.toString(expires))));
        batch.put(ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key), ItemCodec.encode(item));
        ChangeHook.Change change = new ChangeHook.Change(table, key, null, item, false);
        for (ChangeHook hook : db.engine.hooks()) {
            hook.onChange(change, batch);
        }
    }
}
