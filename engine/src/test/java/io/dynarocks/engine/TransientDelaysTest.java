package io.dynarocks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.catalog.TransientDelays;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransientDelaysTest {

    @Test
    void eachKindCanBeSetAlone() {
        TransientDelays delays = TransientDelays.NONE.with("index", Duration.ofSeconds(3)).with("TTL", Duration.ofSeconds(1))
                .with("replica", Duration.ofSeconds(4));
        assertThat(delays).isEqualTo(new TransientDelays(Duration.ZERO, Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(4)));
        assertThat(delays.any()).isTrue();
        assertThat(TransientDelays.NONE.any()).isFalse();
        assertThat(TransientDelays.NONE.with("replica", Duration.ofSeconds(1)).any()).isTrue();
    }

    @Test
    void unknownKindsAndNegativeDelaysAreRefused() {
        assertThatThrownBy(() -> TransientDelays.NONE.with("witness", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown transient status kind");
        assertThatThrownBy(() -> TransientDelays.all(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
