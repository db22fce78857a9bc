package io.dynarocks.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AttributeValueJsonTest {

    private static Map<String, AttributeValue> readItem(String json) {
        AtomicReference<Map<String, AttributeValue>> item = new AtomicReference<>();
        JsonReader.readBody(("{\"Item\":" + json + "}").getBytes(StandardCharsets.UTF_8),
                (name, r) -> item.set(AttributeValueJson.readItem(r)));
        return item.get();
    }

    @Test
    void everyTypeRoundTripsThroughJson() {
        String json = "{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.5\"},\"b\":{\"B\":\"AAE=\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
                + "\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AA==\"]},\"m\":{\"M\":{\"k\":{\"BOOL\":true}}},"
                + "\"l\":{\"L\":[{\"NULL\":true}]}}";
        Map<String, AttributeValue> item = readItem(json);
        byte[] written = JsonWriter.object(g -> {
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, item);
        });
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"Item\":" + json + "}");
    }

    @Test
    void valueWithoutTypeIsEmpty() {
        assertThatThrownBy(() -> readItem("{\"a\":{}}"))
                .isInstanceOf(DynamoException.class)
                .hasMessage("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }

    @Test
    void nullFalseIsRejected() {
        assertThatThrownBy(() -> readItem("{\"a\":{\"NULL\":false}}"))
                .hasMessage("One or more parameter values were invalid: Null attribute value types must have the value of true");
    }

    @Test
    void duplicateNumbersInASetAreRejectedEvenWhenSpelledDifferently() {
        assertThatThrownBy(() -> readItem("{\"a\":{\"NS\":[\"1\",\"1.0\"]}}"))
                .hasMessageContaining("contains duplicates");
    }

    @Test
    void bodyInAnUnreadableEncodingIsASerializationError() {
        // A UTF-32 byte-order mark of unusual (2143/3412) endianness: Jackson cannot decode it at all.
        byte[] body = {0, 'Z', 0, 0, 0, '?'};
        assertThatThrownBy(() -> JsonReader.readBody(body, (name, r) -> r.skip()))
                .isInstanceOfSatisfying(DynamoException.class,
                        e -> assertThat(e.type()).isEqualTo("SerializationException"));
    }

    @Test
    void wrongJsonTypeIsASerializationError() {
        assertThatThrownBy(() -> readItem("{\"a\":{\"S\":5}}"))
                .isInstanceOfSatisfying(DynamoException.class,
                        e -> assertThat(e.type()).isEqualTo("SerializationException"));
    }
}
