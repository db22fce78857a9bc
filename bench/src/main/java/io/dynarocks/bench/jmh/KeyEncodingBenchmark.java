package io.dynarocks.bench.jmh;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.storage.KeyEncoding;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Order-preserving key encodings and the full item storage key. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KeyEncodingBenchmark {

    private final String string = "customer#000123456";
    private final BigDecimal number = new BigDecimal("-12345.678");
    private final byte[] encodedString = KeyEncoding.encodeString(string);
    private final byte[] encodedNumber = KeyEncoding.encodeNumber(number);
    private final PrimaryKey key = new PrimaryKey(new AttributeValue.S("p123"), new AttributeValue.S("s4"));

    @Benchmark
    public byte[] encodeString() {
        return KeyEncoding.encodeString(string);
    }

    @Benchmark
    public KeyEncoding.Decoded<String> decodeString() {
        return KeyEncoding.decodeString(encodedString, 0);
    }

    @Benchmark
    public byte[] encodeNumber() {
        return KeyEncoding.encodeNumber(number);
    }

    @Benchmark
    public KeyEncoding.Decoded<BigDecimal> decodeNumber() {
        return KeyEncoding.decodeNumber(encodedNumber, 0);
    }

    @Benchmark
    public byte[] itemStorageKey() {
        return ItemKeys.key(42, ItemKeys.BASE_TABLE, key);
    }
}
