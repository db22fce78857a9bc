package io.dynarocks.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TtlSweeperTest {

    private static final long NOW = TtlFixture.NOW;
    private final TtlFixture db = new TtlFixture();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void dueItemsAreDeletedAndTheOthersKept() {
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "soon", NOW + 5);
        db.putExpiring("tbl", "later", NOW + 60);
        db.call("PutItem", "{'TableName':'tbl','Item':{'pk':{'S':'never'}}}");
        db.call("PutItem", "{'TableName':'tbl','Item':{'pk':{'S':'text'},'expires':{'S':'1'}}}");

        db.clock.setEpochSecond(NOW + 5);
        assertThat(db.sweep()).as("an item is due only after its second has passed").isZero();
        db.clock.setEpochSecond(NOW + 6);
        assertThat(db.sweep()).isEqualTo(1);

        assertThat(db.exists("tbl", "soon")).isFalse();
        assertThat(List.of("later", "never", "text")).allMatch(pk -> db.exists("tbl", pk));
        assertThat(db.ttl.sweeper().deletedCount("tbl")).isEqualTo(1);
        assertThat(indexEntries()).isEqualTo(1);
    }

    @Test
    void expiredItemsStayReadableUntilTheSweep() {
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW - 10);
        assertThat(db.exists("tbl", "a")).isTrue();
        db.sweep();
        assertThat(db.exists("tbl", "a")).isFalse();
    }

    @Test
    void aTtlDeleteIsAServiceDeleteSeenByEveryHook() {
        List<ChangeHook.Change> changes = new CopyOnWriteArrayList<>();
        db.engine.addHook((change, batch) -> changes.add(change));
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW - 1);
        changes.clear();

        db.sweep();

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.serviceDelete()).isTrue();
            assertThat(c.newItem()).isNull();
            assertThat(c.oldItem()).containsKey("expires");
            assertThat(c.key().hash()).isEqualTo(new AttributeValue.S("a"));
        });
    }

    @Test
    void aDueEntryIsRecheckedAgainstTheItemsCurrentTtl() {
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW + 1);
        // The state the sweeper meets when the item is extended after its entry was read: the entry is
        // due, the item is not.
        TableDefinition table = db.engine.catalog().require("tbl");
        byte[] key = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, new PrimaryKey(new AttributeValue.S("a"), null));
        db.storage.write(new WriteBatch().put(key, ItemCodec.encode(Map.of("pk", new AttributeValue.S("a"),
                "expires", new AttributeValue.N(DynamoNumber.parse(String.valueOf(NOW + 100)))))));
        db.clock.setEpochSecond(NOW + 10);

        assertThat(db.sweep()).isZero();
        assertThat(db.exists("tbl", "a")).isTrue();
        assertThat(indexEntries()).as("the stale entry is dropped").isZero();
    }

    @Test
    void updatingOrRemovingTheTtlAttributeMovesOrDropsTheEntry() {
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW + 1);
        db.call("UpdateItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'}},'UpdateExpression':'SET expires = :e',"
                + "'ExpressionAttributeValues':{':e':{'N':'" + (NOW + 100) + "'}}}");
        db.putExpiring("tbl", "b", NOW + 1);
        db.call("UpdateItem", "{'TableName':'tbl','Key':{'pk':{'S':'b'}},'UpdateExpression':'REMOVE expires'}");
        assertThat(indexEntries()).isEqualTo(1);

        db.clock.setEpochSecond(NOW + 50);
        assertThat(db.sweep()).isZero();
        db.clock.setEpochSecond(NOW + 101);
        assertThat(db.sweep()).isEqualTo(1);
        assertThat(db.exists("tbl", "a")).isFalse();
        assertThat(db.exists("tbl", "b")).isTrue();
    }

    @Test
    void enablingTtlIndexesTheItemsAlreadyInTheTable() {
        db.createTable("tbl");
        for (int i = 0; i < 2500; i++) {
            db.putExpiring("tbl", "k" + i, i % 2 == 0 ? NOW - 1 : NOW + 1000);
        }
        db.enableTtl("tbl");
        assertThat(db.sweep()).isEqualTo(1250);
        assertThat(db.exists("tbl", "k0")).isFalse();
        assertThat(db.exists("tbl", "k1")).isTrue();
    }

    @Test
    void nothingIsDeletedWhileTtlIsDisabled() {
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW + 1);
        db.call("UpdateTimeToLive", "{'TableName':'tbl','TimeToLiveSpecification':{'AttributeName':'expires',"
                + "'Enabled':false}}");
        db.clock.setEpochSecond(NOW + 10);
        assertThat(db.sweep()).isZero();
        assertThat(db.exists("tbl", "a")).isTrue();

        db.enableTtl("tbl");
        assertThat(db.sweep()).isEqualTo(1);
        assertThat(db.exists("tbl", "a")).isFalse();
    }

    @Test
    void entriesOfADeletedTableNeverTouchItsSuccessor() {
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW + 1);
        db.call("DeleteTable", "{'TableName':'tbl'}");
        db.createTable("tbl");
        db.enableTtl("tbl");
        db.putExpiring("tbl", "a", NOW + 100);
        db.clock.setEpochSecond(NOW + 10);

        assertThat(db.sweep()).isZero();
        assertThat(db.exists("tbl", "a")).isTrue();
        assertThat(indexEntries()).isEqualTo(1);
    }

    private int indexEntries() {
        int n = 0;
        try (KeyValueIterator it = db.storage.iterate(KeyRange.prefix(new byte[] {'X'}), false, null)) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }
}
