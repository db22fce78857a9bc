package io.dynarocks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Test;

class StreamStateTest {

    private final StreamDescriptor stream = new StreamDescriptor("t", 7, "arn:aws:dynamodb:us-east-1:000000000000:table/t",
            "2024-01-01T00:00:00.000", "KEYS_ONLY", "pk", null, 0, 0, 1000, 4);

    @Test
    void readersStopBelowTheOldestUncommittedRecord() {
        MemoryStorage storage = new MemoryStorage();
        StreamState state = new StreamState(stream, 0);
        long first = state.allocate(0, 10);
        long second = state.allocate(1, 10);
        storage.write(new WriteBatch().put(StreamKeys.record(stream, 1, second), new byte[] {1}));

        assertThat(state.visibleLimit(storage, -1)).isEqualTo(first - 1);
        storage.write(new WriteBatch().put(StreamKeys.record(stream, 0, first), new byte[] {1}));
        assertThat(state.visibleLimit(storage, -1)).isEqualTo(second);
    }

    @Test
    void sequenceNumbersCarryTheGenerationAndNeverGoBack() {
        StreamState state = new StreamState(stream, 0);
        long inFirst = state.allocate(0, 500);
        assertThat(state.generation(2500)).isEqualTo(2);
        long later = state.allocate(0, 1500);
        assertThat(later).isGreaterThan(inFirst);
        assertThat(new Shard(stream, 0, 2).contains(later)).isTrue();
    }

    @Test
    void recordTimesNeverGoBackWhenTheClockDoes() {
        StreamState state = new StreamState(stream, 0, 900);
        assertThat(state.next(0, 500).createdMillis()).isEqualTo(900);
        StreamState.Allocation ahead = state.next(1, 2000);
        StreamState.Allocation behind = state.next(0, 1200);
        assertThat(behind.createdMillis()).isEqualTo(2000);
        assertThat(behind.seq()).isGreaterThan(ahead.seq());
        assertThat(state.next(0, 3000).createdMillis()).isEqualTo(3000);
    }
}
