package io.dynarocks.engine.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemCodecTest {

    @Test
    void everyTypeRoundTrips() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", AttributeValue.s("x".repeat(70_000)));
        item.put("n", AttributeValue.n("-12.5"));
        item.put("b", new AttributeValue.B(new AttributeValue.Binary(new byte[] {0, -1})));
        item.put("ss", new AttributeValue.SS(Set.of("a")));
        item.put("ns", new AttributeValue.NS(Set.of(DynamoNumber.parse("3"))));
        item.put("bs", new AttributeValue.BS(Set.of(new AttributeValue.Binary(new byte[] {7}))));
        item.put("m", new AttributeValue.M(Map.of("k", new AttributeValue.L(List.of(new AttributeValue.NULL())))));
        item.put("bool", new AttributeValue.BOOL(false));
        assertThat(ItemCodec.decode(ItemCodec.encode(item))).isEqualTo(item);
    }

    @Test
    void namesOutsideAsciiRoundTripInModifiedUtf8() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("caf\u00e9", AttributeValue.s("\u00e9t\u00e9 \ud83d\ude00"));
        item.put("nul\u0000name", AttributeValue.n("1"));
        item.put("\ud83d\ude00\u4e2d", new AttributeValue.M(Map.of("\u00fc", new AttributeValue.BOOL(true))));
        assertThat(ItemCodec.decode(ItemCodec.encode(item))).isEqualTo(item);
    }

    /** Stores written before keep reading: the layout is DataOutputStream's, byte for byte. */
    @Test
    void layoutIsDataOutputStreams() throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.s("h\u00e9llo"));
        item.put("n\u0000\u00e9\u4e2d", AttributeValue.n("42"));
        item.put("t", new AttributeValue.BOOL(true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(3);
            out.writeUTF("pk");
            out.writeByte(0);
            byte[] s = "h\u00e9llo".getBytes(StandardCharsets.UTF_8);
            out.writeInt(s.length);
            out.write(s);
            out.writeUTF("n\u0000\u00e9\u4e2d");
            out.writeByte(1);
            out.writeUTF("42");
            out.writeUTF("t");
            out.writeByte(8);
            out.writeBoolean(true);
        }
        assertThat(ItemCodec.encode(item)).isEqualTo(bytes.toByteArray());
        assertThat(ItemCodec.decode(bytes.toByteArray())).isEqualTo(item);
    }

    @Test
    void aTruncatedItemIsAnErrorNotAnotherItem() {
        byte[] stored = ItemCodec.encode(Map.of("a", AttributeValue.s("value")));
        assertThatThrownBy(() -> ItemCodec.decode(Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(UncheckedIOException.class);
    }
}
