package io.dynarocks.dax;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request body in normal form — object members sorted by name, no whitespace — so that the
 * same Query written with its members in another order hits the same query cache entry.
 */
record CanonicalRequest(String text, boolean consistentRead, boolean valid) {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    static CanonicalRequest of(String target, byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new CanonicalRequest(null, false, false);
            }
            StringBuilder out = new StringBuilder(target).append(' ');
            boolean[] consistent = {false};
            writeObject(p, out, consistent, true);
            return new CanonicalRequest(out.toString(), consistent[0], true);
        } catch (IOException e) {
            // Malformed input is left to the operation, which reports it as DynamoDB does.
            return new CanonicalRequest(null, false, false);
        }
    }

    private static void writeObject(JsonParser p, StringBuilder out, boolean[] consistent, boolean top)
            throws IOException {
        Map<String, String> members = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (top && name.equals("ConsistentRead") && value == JsonToken.VALUE_TRUE) {
                consistent[0] = true;
            }
            StringBuilder v = new StringBuilder();
            writeValue(p, v, consistent);
            members.put(name, v.toString());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':').append(e.getValue());
        }
        out.append('}');
    }

    private static void writeValue(JsonParser p, StringBuilder out, boolean[] consistent) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            writeObject(p, out, consistent, false);
        } else if (t == JsonToken.START_ARRAY) {
            out.append('[');
            boolean first = true;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(p, out, consistent);
            }
            out.append(']');
        } else if (t == JsonToken.VALUE_STRING) {
            quote(out, p.getText());
        } else {
            out.append(p.getText());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
