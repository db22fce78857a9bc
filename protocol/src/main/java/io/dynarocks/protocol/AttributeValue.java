package io.dynarocks.protocol;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A DynamoDB attribute value: one record per DynamoDB type. */
public sealed interface AttributeValue
        permits AttributeValue.S, AttributeValue.N, AttributeValue.B, AttributeValue.SS, AttributeValue.NS,
                AttributeValue.BS, AttributeValue.M, AttributeValue.L, AttributeValue.BOOL, AttributeValue.NULL {

    /** The DynamoDB type descriptor: {@code S}, {@code N}, {@code B}, {@code SS}, … */
    String typeName();

    /** String. */
    record S(String value) implements AttributeValue {
        public String typeName() { return "S"; }
    }

    /** Number. */
    record N(DynamoNumber value) implements AttributeValue {
        public static N of(String text) { return new N(DynamoNumber.parse(text)); }
        public String typeName() { return "N"; }
    }

    /** Binary. */
    record B(Binary value) implements AttributeValue {
        public String typeName() { return "B"; }
    }

    /** String set: non-empty, no duplicates; insertion order kept for output. */
    record SS(Set<String> values) implements AttributeValue {
        public SS { values = Collections.unmodifiableSet(new LinkedHashSet<>(values)); }
        public String typeName() { return "SS"; }
    }

    /** Number set. */
    record NS(Set<DynamoNumber> values) implements AttributeValue {
        public NS { values = Collections.unmodifiableSet(new LinkedHashSet<>(values)); }
        public String typeName() { return "NS"; }
    }

    /** Binary set. */
    record BS(Set<Binary> values) implements AttributeValue {
        public BS { values = Collections.unmodifiableSet(new LinkedHashSet<>(values)); }
        public String typeName() { return "BS"; }
    }

    /** Map. */
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M { values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); }
        public String typeName() { return "M"; }
    }

    /** List. */
    record L(List<AttributeValue> values) implements AttributeValue {
        public L { values = List.copyOf(values); }
        public String typeName() { return "L"; }
    }

    /** Boolean. */
    record BOOL(boolean value) implements AttributeValue {
        public String typeName() { return "BOOL"; }
    }

    /** Null (DynamoDB only allows {@code true}). */
    record NULL() implements AttributeValue {
        public String typeName() { return "NULL"; }
    }

    /** Immutable bytes with value equality and unsigned ordering, as DynamoDB compares binaries. */
    final class Binary implements Comparable<Binary> {
        private final byte[] bytes;

        public Binary(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        public static Binary ofBase64(String text) {
            return new Binary(Base64.getDecoder().decode(text));
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        public String base64() {
            return Base64.getEncoder().encodeToString(bytes);
        }

        @Override
        public int compareTo(Binary o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return base64();
        }
    }

    static S s(String v) { return new S(v); }

    static N n(String v) { return N.of(v); }
}
