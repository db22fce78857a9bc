package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsShortFormsAndIso8601() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void ttlIntervalOptionIsParsedAndDefaultsToOneSecond() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--ttl-interval", "250ms");
        assertThat(main.ttlInterval).isEqualTo(Duration.ofMillis(250));
        assertThat(new Main().ttlInterval).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shardRolloverOptionIsParsedAndDefaultsToFourHours() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--shard-rollover", "10m");
        assertThat(main.shardRollover).isEqualTo(Duration.ofMinutes(10));
        assertThat(new Main().shardRollover).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
