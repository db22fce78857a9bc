package io.dynarocks.it.linearizability;

import static io.dynarocks.it.linearizability.Operation.Outcome.FAIL;
import static io.dynarocks.it.linearizability.Operation.Outcome.OK;
import static io.dynarocks.it.linearizability.Operation.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WglCheckerTest {

    private final WglChecker checker = new WglChecker(1_000_000);

    private boolean linearizable(Operation... history) {
        WglChecker.Result result = checker.check(List.of(history));
        assertThat(result.decided()).isTrue();
        return result.linearizable();
    }

    @Test
    void sequentialWriteThenReadIsLinearizable() {
        assertThat(linearizable(Operation.write("a", OK, 0, 1), Operation.read("a", 2, 3))).isTrue();
    }

    @Test
    void readOverlappingAWriteMaySeeEitherValue() {
        assertThat(linearizable(Operation.write("a", OK, 0, 10), Operation.read(null, 1, 2))).isTrue();
        assertThat(linearizable(Operation.write("a", OK, 0, 10), Operation.read("a", 1, 2))).isTrue();
    }

    @Test
    void staleReadAfterAcknowledgedWriteIsNotLinearizable() {
        assertThat(linearizable(Operation.write("a", OK, 0, 1), Operation.read(null, 2, 3))).isFalse();
    }

    @Test
    void readingNewThenOldValueDuringOneWriteIsNotLinearizable() {
        // The classic new-old inversion: once a read saw "a", a later read may not see the value before it.
        assertThat(linearizable(
                Operation.write("a", OK, 0, 100),
                Operation.read("a", 10, 20),
                Operation.read(null, 30, 40))).isFalse();
    }

    @Test
    void twoCasFromTheSameValueCannotBothSucceed() {
        assertThat(linearizable(
                Operation.write("a", OK, 0, 1),
                Operation.cas("a", "b", OK, 2, 10),
                Operation.cas("a", "c", OK, 3, 11))).isFalse();
    }

    @Test
    void casMayFailOnlyWhenItsConditionIsFalse() {
        assertThat(linearizable(Operation.write("a", OK, 0, 1), Operation.cas("a", "b", FAIL, 2, 3))).isFalse();
        assertThat(linearizable(Operation.write("a", OK, 0, 1), Operation.cas("x", "b", FAIL, 2, 3))).isTrue();
    }

    @Test
    void unknownWriteMayTakeEffectLaterOrNever() {
        assertThat(linearizable(Operation.write("a", UNKNOWN, 0, 0), Operation.read(null, 5, 6))).isTrue();
        assertThat(linearizable(Operation.write("a", UNKNOWN, 0, 0), Operation.read("a", 5, 6))).isTrue();
        assertThat(linearizable(Operation.write("a", UNKNOWN, 0, 0), Operation.read(null, 5, 6),
                Operation.read("a", 7, 8))).isTrue();
        assertThat(linearizable(Operation.write("a", UNKNOWN, 0, 0), Operation.read("a", 5, 6),
                Operation.read(null, 7, 8))).isFalse();
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItWasSent() {
        assertThat(linearizable(Operation.read("a", 0, 1), Operation.write("a", UNKNOWN, 2, 0))).isFalse();
    }

    @Test
    void valueNobodyWroteIsNotLinearizable() {
        assertThat(linearizable(Operation.write("a", OK, 0, 1), Operation.read("z", 0, 5))).isFalse();
    }

    @Test
    void longSequentialHistoryWithConcurrentReadersIsLinearizable() {
        List<Operation> history = new ArrayList<>();
        Random random = new Random(7);
        String current = null;
        long t = 0;
        for (int i = 0; i < 2_000; i++) {
            if (random.nextBoolean()) {
                String v = "v" + i;
                history.add(Operation.cas(current, v, OK, t, t + 10));
                // A read overlapping the CAS may see either value.
                history.add(Operation.read(random.nextBoolean() ? current : v, t + 1, t + 9));
                current = v;
            } else {
                history.add(Operation.write("w" + i, OK, t, t + 10));
                current = "w" + i;
            }
            t += 11;
        }
        WglChecker.Result result = checker.check(history);
        assertThat(result.decided()).isTrue();
        assertThat(result.linearizable()).isTrue();
    }
}
