package io.dynarocks.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The key encodings order like DynamoDB, delimit themselves, and round-trip. */
class KeyEncodingProperties {

    @Property(tries = 2000)
    void stringsOrderLikeTheirUtf8Bytes(@ForAll("strings") String a, @ForAll("strings") String b) {
        int expected = Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
        assertSameSign(KeyEncoding.encodeString(a), KeyEncoding.encodeString(b), expected);
    }

    @Property(tries = 2000)
    void binariesOrderAsUnsignedBytes(@ForAll("binaries") byte[] a, @ForAll("binaries") byte[] b) {
        assertSameSign(KeyEncoding.encodeBinary(a), KeyEncoding.encodeBinary(b), Arrays.compareUnsigned(a, b));
    }

    @Property(tries = 3000)
    void numbersOrderNumerically(@ForAll("numbers") BigDecimal a, @ForAll("numbers") BigDecimal b) {
        assertSameSign(KeyEncoding.encodeNumber(a), KeyEncoding.encodeNumber(b), a.compareTo(b));
    }

    @Property(tries = 2000)
    void stringNumberPairsOrderComponentWise(
            @ForAll("strings") String pk1, @ForAll("numbers") BigDecimal sk1,
            @ForAll("strings") String pk2, @ForAll("numbers") BigDecimal sk2) {
        int byPk = Arrays.compareUnsigned(pk1.getBytes(UTF_8), pk2.getBytes(UTF_8));
        int expected = byPk != 0 ? byPk : sk1.compareTo(sk2);
        byte[] k1 = Bytes.concat(KeyEncoding.encodeString(pk1), KeyEncoding.encodeNumber(sk1));
        byte[] k2 = Bytes.concat(KeyEncoding.encodeString(pk2), KeyEncoding.encodeNumber(sk2));
        assertSameSign(k1, k2, expected);
    }

    @Property(tries = 2000)
    void binaryStringPairsOrderComponentWise(
            @ForAll("binaries") byte[] pk1, @ForAll("strings") String sk1,
            @ForAll("binaries") byte[] pk2, @ForAll("strings") String sk2) {
        int byPk = Arrays.compareUnsigned(pk1, pk2);
        int expected = byPk != 0 ? byPk : Arrays.compareUnsigned(sk1.getBytes(UTF_8), sk2.getBytes(UTF_8));
        byte[] k1 = Bytes.concat(KeyEncoding.encodeBinary(pk1), KeyEncoding.encodeString(sk1));
        byte[] k2 = Bytes.concat(KeyEncoding.encodeBinary(pk2), KeyEncoding.encodeString(sk2));
        assertSameSign(k1, k2, expected);
    }

    @Property(tries = 2000)
    void numberPairsOrderComponentWise(
            @ForAll("numbers") BigDecimal pk1, @ForAll("numbers") BigDecimal sk1,
            @ForAll("numbers") BigDecimal pk2, @ForAll("numbers") BigDecimal sk2) {
        int byPk = pk1.compareTo(pk2);
        int expected = byPk != 0 ? byPk : sk1.compareTo(sk2);
        byte[] k1 = Bytes.concat(KeyEncoding.encodeNumber(pk1), KeyEncoding.encodeNumber(sk1));
        byte[] k2 = Bytes.concat(KeyEncoding.encodeNumber(pk2), KeyEncoding.encodeNumber(sk2));
        assertSameSign(k1, k2, expected);
    }

    @Property(tries = 2000)
    void concatenatedKeysDecodeBack(
            @ForAll("strings") String s, @ForAll("numbers") BigDecimal n, @ForAll("binaries") byte[] bin) {
        byte[] prefix = {42};
        byte[] key = Bytes.concat(prefix, KeyEncoding.encodeString(s), KeyEncoding.encodeNumber(n),
                KeyEncoding.encodeBinary(bin));
        KeyEncoding.Decoded<String> ds = KeyEncoding.decodeString(key, 1);
        KeyEncoding.Decoded<BigDecimal> dn = KeyEncoding.decodeNumber(key, ds.next());
        KeyEncoding.Decoded<byte[]> db = KeyEncoding.decodeBinary(key, dn.next());
        assertThat(ds.value()).isEqualTo(s);
        assertThat(dn.value()).isEqualByComparingTo(n);
        assertThat(db.value()).isEqualTo(bin);
        assertThat(db.next()).isEqualTo(key.length);
    }

    @Property(tries = 1000)
    void numericallyEqualNumbersEncodeIdentically(@ForAll("numbers") BigDecimal n, @ForAll int extraZeros) {
        BigDecimal padded = n.setScale(n.scale() + Math.floorMod(extraZeros, 5));
        assertThat(KeyEncoding.encodeNumber(padded)).isEqualTo(KeyEncoding.encodeNumber(n));
    }

    @Example
    void dynamoDbNumberExtremesOrder() {
        BigDecimal[] ordered = {
            new BigDecimal("-9.9999999999999999999999999999999999999E+125"),
            new BigDecimal("-1E-130"),
            BigDecimal.ZERO,
            new BigDecimal("1E-130"),
            new BigDecimal("0.1"),
            new BigDecimal("1"),
            new BigDecimal("1.00000000000000000000000000000000000001"),
            new BigDecimal("9.9999999999999999999999999999999999999E+125"),
        };
        for (int i = 1; i < ordered.length; i++) {
            assertThat(Arrays.compareUnsigned(
                    KeyEncoding.encodeNumber(ordered[i - 1]), KeyEncoding.encodeNumber(ordered[i]))).isNegative();
        }
        assertThat(KeyEncoding.encodeNumber(new BigDecimal("1.0"))).isEqualTo(KeyEncoding.encodeNumber(BigDecimal.ONE));
        assertThat(KeyEncoding.encodeNumber(new BigDecimal("-0.00"))).isEqualTo(KeyEncoding.encodeNumber(BigDecimal.ZERO));
    }

    @Provide
    Arbitrary<String> strings() {
        // A tiny alphabet makes equal values and prefixes common; the full one covers all UTF-8 lengths.
        Arbitrary<String> small = Arbitraries.strings().withChars('\u0000', 'a', 'b', '\u00ff', '\uffff').ofMaxLength(4);
        Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(8)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<String> withSurrogatePairs = Arbitraries.strings().withChars("\u0000a\uD83D\uDE00\u20AC").ofMaxLength(6)
                .filter(s -> s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
        return Arbitraries.oneOf(small, unicode, withSurrogatePairs);
    }

    @Provide
    Arbitrary<byte[]> binaries() {
        Arbitrary<Byte> skewed = Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.oneOf(skewed, any).list().ofMaxSize(6).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) out[i] = list.get(i);
            return out;
        });
    }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        // Any DynamoDB number: up to 38 significant digits, magnitude 1E-130 .. 9.99..E+125.
        Arbitrary<BigDecimal> wide = Combinators.combine(
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(38),
                        Arbitraries.integers().between(-130, 125),
                        Arbitraries.of(1, -1))
                .as((digits, adjusted, sign) -> {
                    BigInteger unscaled = new BigInteger(digits);
                    if (unscaled.signum() == 0) return BigDecimal.ZERO;
                    BigDecimal n = new BigDecimal(unscaled.multiply(BigInteger.valueOf(sign)), 0);
                    // Shift so the leading digit sits at 10^adjusted.
                    return n.scaleByPowerOfTen(adjusted - (n.precision() - 1));
                });
        // Small integers and decimals make ties and near-ties common.
        Arbitrary<BigDecimal> near = Combinators.combine(Arbitraries.integers().between(-300, 300), Arbitraries.integers().between(0, 3))
                .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
        return Arbitraries.oneOf(wide, near);
    }

    private static void assertSameSign(byte[] a, byte[] b, int expected) {
        assertThat(Integer.signum(Arrays.compareUnsigned(a, b))).isEqualTo(Integer.signum(expected));
    }
}
