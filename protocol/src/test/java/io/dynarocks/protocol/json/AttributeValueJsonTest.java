package io.dynarocks.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
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
    void longStringsAreWrittenAsJacksonWritesThem() throws IOException {
        String plain = "x".repeat(994);
        for (String s : List.of(plain, plain + "\"", "\\" + plain, plain + "\n", plain + "\u007f", plain + "\u0001",
                plain + "é", plain + "\ud83d\ude00", plain + "\ud800", "\udc00" + plain, "~ " + plain)) {
            assertWrittenAsJackson(s);
        }
    }

    @Property(tries = 300)
    void anyStringIsWrittenAsJacksonWritesIt(@ForAll @StringLength(max = 300) String s) throws IOException {
        assertWrittenAsJackson(s);
    }

    @Property(tries = 300)
    void anyPrintableAsciiStringIsWrittenAsJacksonWritesIt(
            @ForAll @StringLength(min = 60, max = 300) @CharRange(from = ' ', to = '~') String s)
            throws IOException {
        assertWrittenAsJackson(s);
    }

    /** {@code {"S":s}} and {@code {"SS":[s]}} as Jackson's own {@code writeString} writes them, byte for byte. */
    private static void assertWrittenAsJackson(String s) throws IOException {
        JsonFactory json = JsonFactory.builder().build();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(expected, JsonEncoding.UTF8)) {
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("S", s);
            g.writeEndObject();
            g.writeStartObject();
            g.writeArrayFieldStart("SS");
            g.writeString(s);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(written, JsonEncoding.UTF8)) {
            g.writeStartArray();
            AttributeValueJson.write(g, AttributeValue.s(s));
            AttributeValueJson.write(g, new AttributeValue.SS(java.util.Set.of(s)));
            g.writeEndArray();
        }
        assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());
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
