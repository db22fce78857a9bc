package io.dynarocks.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import io.dynarocks.protocol.DynamoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thin cursor over Jackson's streaming parser that reads request members with DynamoDB's
 * error behaviour: a member of the wrong JSON type is a {@code SerializationException}.
 */
public final class JsonReader {

    /** Reads one value at the current token. */
    @FunctionalInterface
    public interface ValueReader<T> {
        T read(JsonReader reader) throws IOException;
    }

    /** Reads the value of one map entry; the reader stands on the value. */
    @FunctionalInterface
    public interface FieldReader<T> {
        T read(String key, JsonReader reader) throws IOException;
    }

    /** Handles one member of an object; the reader stands on the member's value. */
    @FunctionalInterface
    public interface FieldHandler {
        void field(String name, JsonReader reader) throws IOException;
    }

    /**
     * DynamoDB accepts attribute names up to 65,535 bytes (its JSON parser's name limit), more than
     * Jackson's default of 50,000 characters; the parser's own limit is raised so the check below
     * can answer with DynamoDB's error.
     */
    public static final int MAX_NAME_BYTES = 65_535;
    /** No name can be longer than a whole request body (16 MB). */
    private static final int MAX_BODY_CHARS = 16 * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(MAX_BODY_CHARS).build())
            .build();

    private final JsonParser parser;

    private JsonReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Parses a whole request body as one JSON object, handing each member to {@code handler}. */
    public static void readBody(byte[] body, FieldHandler handler) {
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonReader reader = new JsonReader(p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw DynamoException.serialization("Start of structure or map found where not expected");
            }
            if (first != JsonToken.START_OBJECT) {
                // The body is a structure: null, a list or a scalar is a SerializationException, as in DynamoDB.
                throw reader.mismatch("Structure");
            }
            reader.readObject(handler);
            if (p.nextToken() != null) {
                throw DynamoException.serialization("Unexpected content after the request body");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // DynamoDB's parse errors end with where the parser stopped.
            String where = e.getLocation() == null ? "" : " at " + e.getLocation().getColumnNr();
            throw DynamoException.serialization(e.getOriginalMessage() + where);
        } catch (java.io.CharConversionException e) {
            // Bytes in no encoding JSON allows (e.g. a UTF-32 byte-order mark of unusual endianness): the body
            // cannot be read, so it is a serialization error like any other malformed body, not a server error.
            throw DynamoException.serialization(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonToken token() {
        return parser.currentToken();
    }

    public boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** Reads an object member by member; {@code null} is accepted as absent. */
    public void readObject(FieldHandler handler) throws IOException {
        if (isNull()) {
            return;
        }
        expect(JsonToken.START_OBJECT, "Start of structure or map found where not expected");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name();
            parser.nextToken();
            handler.field(name, this);
        }
    }

    /** Skips the current value (unknown members are ignored, as DynamoDB does). */
    public void skip() throws IOException {
        parser.skipChildren();
    }

    public String readString() throws IOException {
        if (isNull()) {
            return null;
        }
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        throw mismatch("String");
    }

    public Boolean readBoolean() throws IOException {
        if (isNull()) {
            return null;
        }
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw mismatch("Boolean");
    }

    public Long readLong() throws IOException {
        if (isNull()) {
            return null;
        }
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) parser.getDoubleValue();
        }
        throw mismatch("Long");
    }

    /** A number with its fraction, e.g. a timestamp in epoch seconds as the SDKs send it. */
    public Double readDouble() throws IOException {
        if (isNull()) {
            return null;
        }
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        throw mismatch("Double");
    }

    public Integer readInt() throws IOException {
        Long v = readLong();
        if (v == null) {
            return null;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    public <T> List<T> readList(ValueReader<T> element) throws IOException {
        if (isNull()) {
            return null;
        }
        expect(JsonToken.START_ARRAY, "Start of list found where not expected");
        List<T> out = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            out.add(element.read(this));
        }
        return out;
    }

    public <T> Map<String, T> readMap(ValueReader<T> value) throws IOException {
        if (isNull()) {
            return null;
        }
        expect(JsonToken.START_OBJECT, "Start of structure or map found where not expected");
        Map<String, T> out = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name();
            parser.nextToken();
            out.put(name, value.read(this));
        }
        return out;
    }

    /** The current member name, within DynamoDB's size limit for names. */
    private String name() throws IOException {
        String name = parser.currentName();
        // A char is at most 3 UTF-8 bytes (surrogate pairs: 4 bytes for 2 chars), so short names need no count.
        if (name.length() > MAX_NAME_BYTES / 3 && utf8Length(name) > MAX_NAME_BYTES) {
            throw DynamoException.validation("One or more parameter values were invalid: "
                    + "Attribute name exceeds the maximum size of " + MAX_NAME_BYTES + " bytes");
        }
        return name;
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Reads a map whose values are read knowing their key. */
    public <T> Map<String, T> readMapWithKeys(FieldReader<T> value) throws IOException {
        if (isNull()) {
            return null;
        }
        expect(JsonToken.START_OBJECT, "Start of structure or map found where not expected");
        Map<String, T> out = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name();
            parser.nextToken();
            out.put(name, value.read(name, this));
        }
        return out;
    }

    private void expect(JsonToken expected, String message) {
        if (parser.currentToken() != expected) {
            throw DynamoException.serialization(message);
        }
    }

    private DynamoException mismatch(String expected) {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return DynamoException.serialization("NULL_VALUE cannot be converted to " + expected);
        }
        if (t == JsonToken.START_OBJECT) {
            return DynamoException.serialization("Start of structure or map found where not expected");
        }
        if (t == JsonToken.START_ARRAY) {
            return DynamoException.serialization("Start of list found where not expected");
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return DynamoException.serialization("NUMBER_VALUE cannot be converted to " + expected);
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return DynamoException.serialization("BOOLEAN_VALUE cannot be converted to " + expected);
        }
        return DynamoException.serialization("STRING_VALUE cannot be converted to " + expected);
    }
}
