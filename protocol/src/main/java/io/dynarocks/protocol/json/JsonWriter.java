package io.dynarocks.protocol.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Writes a response body with Jackson's streaming generator. */
public final class JsonWriter {

    /** Writes the members of the top-level object. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonWriter() {}

    /** A JSON object whose members {@code body} writes. */
    public static byte[] object(Body body) {
        Bytes out = new Bytes();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * What the generator wrote. It writes from its own buffer (8,000 bytes) when full and at the end, so a body
     * smaller than that arrives in one write and is copied once, where a growing ByteArrayOutputStream copied it
     * at every doubling and again in {@code toByteArray}.
     */
    private static final class Bytes extends OutputStream {
        private byte[] bytes = new byte[0];
        private int size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size == 0 && bytes.length == 0) {
                bytes = Arrays.copyOfRange(b, off, off + len);
            } else {
                if (size + len > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
                }
                System.arraycopy(b, off, bytes, size, len);
            }
            size += len;
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
