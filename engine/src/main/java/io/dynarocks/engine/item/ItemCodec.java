package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.AttributeValue.Binary;
import io.dynarocks.protocol.DynamoNumber;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compact binary form in which items are stored: a type tag per value, lengths as ints. */
public final class ItemCodec {

    private static final int S = 0, N = 1, B = 2, SS = 3, NS = 4, BS = 5, M = 6, L = 7, BOOL = 8, NULL = 9;

    private ItemCodec() {}

    public static byte[] encode(Map<String, AttributeValue> item) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeMap(out, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            return readMap(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, AttributeValue> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            write(out, e.getValue());
        }
    }

    private static void write(DataOutputStream out, AttributeValue v) throws IOException {
        if (v instanceof AttributeValue.S s) {
            out.writeByte(S);
            writeString(out, s.value());
        } else if (v instanceof AttributeValue.N n) {
            out.writeByte(N);
            out.writeUTF(n.value().toString());
        } else if (v instanceof AttributeValue.B b) {
            out.writeByte(B);
            writeBytes(out, b.value().bytes());
        } else if (v instanceof AttributeValue.SS ss) {
            out.writeByte(SS);
            out.writeInt(ss.values().size());
            for (String s : ss.values()) {
                writeString(out, s);
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
                writeBytes(out, b.bytes());
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
            out.writeBoolean(b.value());
        } else {
            out.writeByte(NULL);
        }
    }

    private static Map<String, AttributeValue> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, AttributeValue> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            map.put(name, read(in));
        }
        return map;
    }

    private static AttributeValue read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case S:
                return new AttributeValue.S(readString(in));
            case N:
                return new AttributeValue.N(DynamoNumber.parse(in.readUTF()));
            case B:
                return new AttributeValue.B(new Binary(readBytes(in)));
            case SS: {
                int n = in.readInt();
                Set<String> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(readString(in));
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
                    set.add(new Binary(readBytes(in)));
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
                return new AttributeValue.BOOL(in.readBoolean());
            case NULL:
                return new AttributeValue.NULL();
            default:
                throw new IllegalStateException("corrupt item: unknown type tag " + tag);
        }
    }

    // Strings may exceed writeUTF's 64 KB limit, so they are length-prefixed UTF-8.
    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
