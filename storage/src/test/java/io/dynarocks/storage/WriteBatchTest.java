package io.dynarocks.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    private static final byte[] COUNTER = {'n', 1};
    private static final byte[] OTHER = {'n', 2};

    @Test
    void addsToOneCounterFoldIntoOneMerge() {
        WriteBatch batch = new WriteBatch().add(COUNTER, 1).put(new byte[] {'i', 1}, new byte[] {1})
                .add(OTHER, 5).add(COUNTER, 1).add(COUNTER, -3);
        assertThat(batch.ops()).containsExactly(new WriteBatch.Add(COUNTER, -1),
                batch.ops().get(1), new WriteBatch.Add(OTHER, 5));
    }

    @Test
    void anAddAfterAPutOrDeleteOfItsCounterIsNotFoldedAcrossIt() {
        try (MemoryStorage storage = new MemoryStorage()) {
            storage.write(new WriteBatch().add(COUNTER, 2).put(COUNTER, WriteBatch.counterBytes(10)).add(COUNTER, 3)
                    .add(OTHER, 4).delete(OTHER).add(OTHER, 1));
            assertThat(WriteBatch.counter(storage.get(COUNTER))).isEqualTo(13);
            assertThat(WriteBatch.counter(storage.get(OTHER))).isEqualTo(1);
        }
    }

    @Test
    void anAddAfterADeleteRangeIsNotFoldedAcrossIt() {
        try (MemoryStorage storage = new MemoryStorage()) {
            storage.write(new WriteBatch().add(COUNTER, 2).deleteRange(new byte[] {'n'}, new byte[] {'o'})
                    .add(COUNTER, 7));
            assertThat(WriteBatch.counter(storage.get(COUNTER))).isEqualTo(7);
        }
    }
}
