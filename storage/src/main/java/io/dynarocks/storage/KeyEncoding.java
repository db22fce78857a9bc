package io.dynarocks.storage;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Order-preserving, self-delimiting encodings of DynamoDB key values (S, N, B).
 *
 * <p>Unsigned byte comparison of an encoding orders exactly like DynamoDB orders the values, and
 * because every encoding is self-delimiting (none is a proper prefix of another), a concatenation
 * {@code enc(pk) + enc(sk)} orders like the tuple {@code (pk, sk)} compared component-wise.
 */
public final class KeyEncoding {

    /** A decoded value and the offset just past its encoding. */
    public record Decoded<T>(T value, int next) {}

    // Strings and binaries: 0x00 is escaped as 0x00 0xFF and the value ends with 0x00 0x01, so a
    // value sorts before every value it is a proper prefix of (0x01 is below 0xFF and any byte).
    private static final byte ESCAPE = 0x00;
    private static final byte ESCAPED_ZERO = (byte) 0xFF;
    private static final byte TERMINATOR = 0x01;

    // Numbers: a sign byte, then for non-zero values the exponent and the digits.
    private static final byte NEGATIVE = 0x01;
    private static final byte ZERO = 0x02;
    private static final byte POSITIVE = 0x03;
    private static final int EXPONENT_BIAS = 0x8000;
    private static final int DIGITS_END = 0x00;

    private KeyEncoding() {}

    /** Encodes a string; DynamoDB orders strings by their UTF-8 bytes, compared unsigned. */
    public static byte[] encodeString(String s) {
        return encodeBinary(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Decoded<String> decodeString(byte[] buf, int offset) {
        Decoded<byte[]> raw = decodeBinary(buf, offset);
        return new Decoded<>(new String(raw.value(), StandardCharsets.UTF_8), raw.next());
    }

    /** Encodes a binary value; DynamoDB orders binaries as unsigned bytes. */
    public static byte[] encodeBinary(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 2);
        for (byte x : b) {
            out.write(x);
            if (x == ESCAPE) out.write(ESCAPED_ZERO);
        }
        out.write(ESCAPE);
        out.write(TERMINATOR);
        return out.toByteArray();
    }

    public static Decoded<byte[]> decodeBinary(byte[] buf, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = offset;
        while (true) {
            if (i >= buf.length) throw malformed("unterminated binary", offset);
            byte x = buf[i++];
            if (x != ESCAPE) {
                out.write(x);
                continue;
            }
            if (i >= buf.length) throw malformed("truncated escape", offset);
            byte next = buf[i++];
            if (next == TERMINATOR) return new Decoded<>(out.toByteArray(), i);
            if (next != ESCAPED_ZERO) throw malformed("bad escape", offset);
            out.write(0);
        }
    }

    /**
     * Encodes a number so that numerically equal values (1, 1.0, 10E-1) have equal bytes.
     *
     * <p>Layout: sign byte (negative < zero < positive); then, writing |n| as 0.d1d2...dk × 10^e
     * with d1 ≠ 0 and dk ≠ 0, e as two biased big-endian bytes and the digits two per byte
     * (1 + 10·a + b, so 1..100) ended by 0x00. For negatives every byte after the sign is
     * complemented, which reverses the order because the positive form is prefix-free.
     */
    public static byte[] encodeNumber(BigDecimal n) {
        int sign = n.signum();
        if (sign == 0) return new byte[] {ZERO};
        BigDecimal stripped = n.abs().stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        long exponent = (long) digits.length() - stripped.scale();
        if (exponent < -EXPONENT_BIAS || exponent >= EXPONENT_BIAS) {
            throw new IllegalArgumentException("number out of range: " + n);
        }
        int pairs = (digits.length() + 1) / 2;
        byte[] out = new byte[1 + 2 + pairs + 1];
        int biased = (int) exponent + EXPONENT_BIAS;
        out[1] = (byte) (biased >>> 8);
        out[2] = (byte) biased;
        for (int p = 0; p < pairs; p++) {
            int hi = digits.charAt(2 * p) - '0';
            // An odd last digit is padded with 0; real digit strings never end in 0, so this is unambiguous.
            int lo = 2 * p + 1 < digits.length() ? digits.charAt(2 * p + 1) - '0' : 0;
            out[3 + p] = (byte) (1 + hi * 10 + lo);
        }
        out[out.length - 1] = DIGITS_END;
        if (sign < 0) {
            out[0] = NEGATIVE;
            for (int i = 1; i < out.length; i++) out[i] = (byte) ~out[i];
        } else {
            out[0] = POSITIVE;
        }
        return out;
    }

    /** Decodes a number; the result has no trailing zeros (zero decodes as {@link BigDecimal#ZERO}). */
    public static Decoded<BigDecimal> decodeNumber(byte[] buf, int offset) {
        if (offset >= buf.length) throw malformed("empty number", offset);
        byte sign = buf[offset];
        if (sign == ZERO) return new Decoded<>(BigDecimal.ZERO, offset + 1);
        if (sign != NEGATIVE && sign != POSITIVE) throw malformed("bad number sign", offset);
        int flip = sign == NEGATIVE ? 0xFF : 0x00;
        if (offset + 3 > buf.length) throw malformed("truncated number", offset);
        int biased = (((buf[offset + 1] & 0xFF) ^ flip) << 8) | ((buf[offset + 2] & 0xFF) ^ flip);
        int exponent = biased - EXPONENT_BIAS;
        StringBuilder digits = new StringBuilder();
        int i = offset + 3;
        while (true) {
            if (i >= buf.length) throw malformed("unterminated number", offset);
            int b = (buf[i++] & 0xFF) ^ flip;
            if (b == DIGITS_END) break;
            if (b > 100) throw malformed("bad digit pair", offset);
            digits.append((char) ('0' + (b - 1) / 10)).append((char) ('0' + (b - 1) % 10));
        }
        if (digits.length() == 0) throw malformed("number without digits", offset);
        if (digits.charAt(digits.length() - 1) == '0') digits.setLength(digits.length() - 1);
        BigDecimal magnitude = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        return new Decoded<>(sign == NEGATIVE ? magnitude.negate() : magnitude, i);
    }

    private static IllegalArgumentException malformed(String what, int offset) {
        return new IllegalArgumentException("malformed key encoding (" + what + ") at offset " + offset);
    }
}
