package io.dynarocks.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.AttributeValue.Binary;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.DynamoNumber;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes DynamoDB's JSON form of attribute values ({@code {"S":"x"}}, {@code {"N":"1"}}, …). */
public final class AttributeValueJson {

    private AttributeValueJson() {}

    /** Reads one attribute value, applying DynamoDB's per-value validation. */
    public static AttributeValue read(JsonReader r) throws IOException {
        if (r.isNull()) {
            throw DynamoException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        AttributeValue[] found = new AttributeValue[1];
        int[] count = {0};
        r.readObject((name, v) -> {
            if (v.isNull()) {
                return;
            }
            AttributeValue value = readTyped(name, v);
            if (value != null) {
                count[0]++;
                found[0] = value;
            }
        });
        if (count[0] == 0) {
            throw DynamoException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (count[0] > 1) {
            throw DynamoException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        return found[0];
    }

    /** Reads an item or key: a map from attribute name to value. */
    public static Map<String, AttributeValue> readItem(JsonReader r) throws IOException {
        return r.readMap(AttributeValueJson::read);
    }

    private static AttributeValue readTyped(String type, JsonReader r) throws IOException {
        switch (type) {
            case "S":
                return new AttributeValue.S(r.readString());
            case "N":
                return new AttributeValue.N(DynamoNumber.parse(r.readString()));
            case "B":
                return new AttributeValue.B(binary(r.readString()));
            case "BOOL":
                return new AttributeValue.BOOL(r.readBoolean());
            case "NULL":
                if (!r.readBoolean()) {
                    throw DynamoException.validation(
                            "One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                return new AttributeValue.NULL();
            case "SS": {
                List<String> items = r.readList(JsonReader::readString);
                if (items.isEmpty()) {
                    throw invalid("An string set  may not be empty");
                }
                return new AttributeValue.SS(noDuplicates(items, items));
            }
            case "NS": {
                List<String> text = r.readList(JsonReader::readString);
                if (text.isEmpty()) {
                    throw invalid("An number set  may not be empty");
                }
                List<DynamoNumber> numbers = text.stream().map(DynamoNumber::parse).toList();
                return new AttributeValue.NS(noDuplicates(numbers, text));
            }
            case "BS": {
                List<String> text = r.readList(JsonReader::readString);
                if (text.isEmpty()) {
                    throw invalid("Binary sets should not be empty");
                }
                List<Binary> binaries = text.stream().map(AttributeValueJson::binary).toList();
                return new AttributeValue.BS(noDuplicates(binaries, text));
            }
            case "M":
                return new AttributeValue.M(r.readMap(AttributeValueJson::read));
            case "L":
                return new AttributeValue.L(r.readList(AttributeValueJson::read));
            default:
                // Unknown members of an AttributeValue structure are ignored, as by DynamoDB's deserializer.
                r.skip();
                return null;
        }
    }

    private static <T> Set<T> noDuplicates(List<T> values, List<?> shown) {
        Set<T> set = new LinkedHashSet<>(values);
        if (set.size() != values.size()) {
            throw invalid("Input collection " + shown + " contains duplicates.");
        }
        return set;
    }

    private static Binary binary(String base64) {
        try {
            return Binary.ofBase64(base64);
        } catch (IllegalArgumentException e) {
            throw DynamoException.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: "
                    + base64.length());
        }
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }

    /** Writes one attribute value. */
    public static void write(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        if (value instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (value instanceof AttributeValue.N n) {
            g.writeStringField("N", n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            g.writeStringField("B", b.value().base64());
        } else if (value instanceof AttributeValue.BOOL b) {
            g.writeBooleanField("BOOL", b.value());
        } else if (value instanceof AttributeValue.NULL) {
            g.writeBooleanField("NULL", true);
        } else if (value instanceof AttributeValue.SS ss) {
            g.writeArrayFieldStart("SS");
            for (String s : ss.values()) {
                g.writeString(s);
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.NS ns) {
            g.writeArrayFieldStart("NS");
            for (DynamoNumber n : ns.values()) {
                g.writeString(n.toString());
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            g.writeArrayFieldStart("BS");
            for (Binary b : bs.values()) {
                g.writeString(b.base64());
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            writeItem(g, m.values());
        } else if (value instanceof AttributeValue.L l) {
            g.writeArrayFieldStart("L");
            for (AttributeValue v : l.values()) {
                write(g, v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Writes an item or key as a JSON object. */
    public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }
}
