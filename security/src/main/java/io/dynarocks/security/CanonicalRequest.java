package io.dynarocks.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SigV4's canonical request, built from the request as received, byte for byte as the AWS SDKs build it
 * before signing: method, URI-encoded path, sorted and re-encoded query, signed headers with trimmed
 * values, the signed header names and the payload hash.
 */
final class CanonicalRequest {

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private CanonicalRequest() {}

    static String of(SignedRequest request, SignatureParts parts, String payloadHash) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        StringBuilder out = new StringBuilder(256)
                .append(request.method()).append('\n')
                .append(path(path)).append('\n')
                .append(query(q < 0 ? "" : uri.substring(q + 1), parts.presigned())).append('\n');
        String signed = parts.signedHeaders();
        // The names as String.split(";") gives them, trailing empty names dropped, without its array.
        int limit = signed.length();
        while (limit > 0 && signed.charAt(limit - 1) == ';') {
            limit--;
        }
        boolean none = limit == 0 && !signed.isEmpty();
        for (int from = 0; !none && from <= limit; ) {
            int end = signed.indexOf(';', from);
            end = end < 0 || end > limit ? limit : end;
            String name = signed.substring(from, end);
            from = end + 1;
            out.append(name).append(':');
            List<String> values = request.headers(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(trimAll(values.get(i)));
            }
            out.append('\n');
        }
        return out.append('\n').append(parts.signedHeaders()).append('\n').append(payloadHash).toString();
    }

    /**
     * The path as DynamoDB's signers encode it: the SDKs send it URI-encoded once and sign it encoded twice
     * (every service but S3 double-encodes), so the path as received is encoded once more here.
     */
    private static String path(String raw) {
        if (raw.isEmpty()) {
            return "/";
        }
        return encode(raw, false);
    }

    private static String query(String raw, boolean presigned) {
        if (raw.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            pairs.add(new String[] {encode(name, true), encode(value, true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** The decoded query parameters of {@code uri}, first value of each name. */
    static Map<String, String> queryParameters(String uri) {
        int q = uri.indexOf('?');
        Map<String, String> out = new LinkedHashMap<>();
        if (q < 0) {
            return out;
        }
        for (String part : uri.substring(q + 1).split("&")) {
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            out.putIfAbsent(name, eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return out;
    }

    /** Leading and trailing spaces removed, runs of spaces collapsed to one, as SigV4 asks. */
    private static String trimAll(String value) {
        String trimmed = value.strip();
        if (trimmed.indexOf("  ") < 0) {
            return trimmed;
        }
        return trimmed.replaceAll(" {2,}", " ");
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/' in paths). */
    static String encode(String value, boolean encodeSlash) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || b == '.' || b == '~' || (b == '/' && !encodeSlash);
            if (keep && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length * 3).append(value, 0, i);
            }
            if (keep) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out == null ? value : out.toString();
    }

    /** Percent-decoding; '+' stays a plus sign, as the SDKs encode spaces as %20. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            int hi = value.charAt(i) == '%' && i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write((hi << 4) | lo);
                i += 3;
                continue;
            }
            int next = value.indexOf('%', i + 1);
            int end = next < 0 ? value.length() : next;
            out.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
            i = end;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
