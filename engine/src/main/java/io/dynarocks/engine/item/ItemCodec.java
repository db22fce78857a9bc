package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.AttributeValue.Binary;
import io.dynarocks.protocol.DynamoNumber;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact binary form in which items are stored: a type tag per value, lengths as big-endian ints,
 * attribute names and numbers in {@link java.io.DataOutput#writeUTF} form, strings and binaries
 * length-prefixed. The format is {@code DataOutputStream}'s, so stores written by any version read alike;
 * the codec works on the array directly because the stream classes lock on every byte they move
 * ({@code ByteArrayOutputStream} and {@code ByteArrayInputStream} are synchronized), which cost more
 * than the rest of the encoding (bench/RESULTS.md).
 */
public final class ItemCodec {

    private static final int S = 0, N = 1, B = 2, SS = 3, NS = 4, BS = 5, M = 6, L = 7, BOOL = 8, NULL = 9;

    private ItemCodec() {}

    public static byte[] encode(Map<String, AttributeValue> item) {
        Out out = new Out();
        writeMap(out, item);
        return out.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] data) {
        return readMap(new In(data));
    }

    private static void writeMap(Out out, Map<String, AttributeValue> map) {
        out.writeInt(map.size());
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            write(out, e.getValue());
        }
    }

    private static void write(Out out, AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            out.writeByte(S);
            out.writeString(s.value());
        } else if (v instanceof AttributeValue.N n) {
            out.writeByte(N);
            out.writeUTF(n.value().toString());
        } else if (v instanceof AttributeValue.B b) {
            out.writeByte(B);
            out.writeBytes(b.value().bytes());
        } else if (v instanceof AttributeValue.SS ss) {
            out.writeByte(SS);
            out.writeInt(ss.values().size());
            for (String s : ss.values()) {
                out.writeString(s);
            }
        } else if (v instanceof AttributeValue.NS ns) {
            out.writeByte(NS);
            out.writeInt(ns.values().size());
            for (DynamoNumber n : ns.values()) {
                out.writeUTF(n.toString());
            }
        } else if (v instanceof AttributeValue.BS bs) {
            out.writeByte(BS);
            out.writeInt(bs.values().size());
            for (Binary b : bs.values()) {
                out.writeBytes(b.bytes());
            }
        } else if (v instanceof AttributeValue.M m) {
            out.writeByte(M);
            writeMap(out, m.values());
        } else if (v instanceof AttributeValue.L l) {
            out.writeByte(L);
            out.writeInt(l.values().size());
            for (AttributeValue e : l.values()) {
                write(out, e);
            }
        } else if (v instanceof AttributeValue.BOOL b) {
            out.writeByte(BOOL);
            out.writeByte(b.value() ? 1 : 0);
        } else {
            out.writeByte(NULL);
        }
    }

    private static Map<String, AttributeValue> readMap(In in) {
        int n = in.readInt();
        Map<String, AttributeValue> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            map.put(name, read(in));
        }
        return map;
    }

    private static AttributeValue read(In in) {
        int tag = in.readByte();
        switch (tag) {
            case S:
                return new AttributeValue.S(in.readString());
            case N:
                return new AttributeValue.N(DynamoNumber.parse(in.readUTF()));
            case B:
                return new AttributeValue.B(new Binary(in.readBytes()));
            case SS: {
                int n = in.readInt();
                Set<String> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(in.readString());
                }
                return new AttributeValue.SS(set);
            }
            case NS: {
                int n = in.readInt();
                Set<DynamoNumber> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(DynamoNumber.parse(in.readUTF()));
                }
                return new AttributeValue.NS(set);
            }
            case BS: {
                int n = in.readInt();
                Set<Binary> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(new Binary(in.readBytes()));
                }
                return new AttributeValue.BS(set);
            }
            case M:
                return new AttributeValue.M(readMap(in));
            case L: {
                int n = in.readInt();
                List<AttributeValue> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                return new AttributeValue.L(list);
            }
            case BOOL:
                return new AttributeValue.BOOL(in.readByte() != 0);
            case NULL:
                return new AttributeValue.NULL();
            default:
                throw new IllegalStateException("corrupt item: unknown type tag " + tag);
        }
    }

    /** A growing byte array written as {@code DataOutputStream} would. */
    private static final class Out {
        private byte[] buf = new byte[256];
        private int size;

        private void reserve(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void writeByte(int b) {
            reserve(1);
            buf[size++] = (byte) b;
        }

        void writeInt(int v) {
            reserve(4);
            buf[size] = (byte) (v >>> 24);
            buf[size + 1] = (byte) (v >>> 16);
            buf[size + 2] = (byte) (v >>> 8);
            buf[size + 3] = (byte) v;
            size += 4;
        }

        /** Strings may exceed writeUTF's 64 KB limit, so they are length-prefixed UTF-8. */
        void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            reserve(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** {@link java.io.DataOutput#writeUTF}: a two-byte length, then modified UTF-8. */
        void writeUTF(String s) {
            int chars = s.length();
            int length = chars;
            for (int i = 0; i < chars; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c == 0) {
                    length += c >= 0x800 ? 2 : 1;
                }
            }
            if (length > 65535) {
                throw new UncheckedIOException(new UTFDataFormatException("encoded string too long: " + length + " bytes"));
            }
            reserve(2 + length);
            buf[size++] = (byte) (length >>> 8);
            buf[size++] = (byte) length;
            for (int i = 0; i < chars; i++) {
                char c = s.charAt(i);
                if (c < 0x80 && c != 0) {
                    buf[size++] = (byte) c;
                } else if (c >= 0x800) {
                    buf[size++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                    buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[size++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    buf[size++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                    buf[size++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** A cursor over a stored item, read as {@code DataInputStream} would. */
    private static final class In {
        private final byte[] data;
        private int pos;

        In(byte[] data) {
            this.data = data;
        }

        private void need(int n) {
            if (n < 0 || data.length - pos < n) {
                throw new UncheckedIOException(new EOFException("corrupt item: truncated at byte " + pos));
            }
        }

        int readByte() {
            need(1);
            return data[pos++];
        }

        int readInt() {
            need(4);
            int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                    | (data[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        String readString() {
            int length = readInt();
            need(length);
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        byte[] readBytes() {
            int length = readInt();
            need(length);
            byte[] b = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return b;
        }

        /** {@link java.io.DataInput#readUTF}; ASCII, what names and numbers nearly always are, without decoding. */
        String readUTF() {
            need(2);
            int length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            need(2 + length);
            int start = pos + 2;
            for (int i = start; i < start + length; i++) {
                if (data[i] < 0) {
                    return readModifiedUtf8(length);
                }
            }
            pos = start + length;
            return new String(data, start, length, StandardCharsets.ISO_8859_1);
        }

        private String readModifiedUtf8(int length) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, pos, 2 + length))) {
                String s = in.readUTF();
                pos += 2 + length;
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
