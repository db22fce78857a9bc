package io.dynarocks.server;

import io.dynarocks.protocol.DynamoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decodes a request body sent with {@code Content-Encoding} (SDKs may compress requests; see the
 * SDK reference's "request compression"). Codings are listed in the order they were applied, so
 * they are undone last to first: {@code gzip, deflate} is inflated, then gunzipped.
 *
 * <p>DynamoDB answers an unknown coding, a body that is not valid for its coding, and an empty
 * compressed body with {@code InternalServerError} (HTTP 500): the one place a 500 is its answer to
 * bad input. A body that decodes to more than the request size limit is too large, as a plain one.
 */
final class ContentEncoding {

    /** The decoded body would be larger than the request size limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private ContentEncoding() {}

    /** The decoded body; {@code header} may be null (no encoding). */
    static byte[] decode(String header, byte[] body, int limit) {
        if (header == null || header.isBlank()) {
            return body;
        }
        List<String> codings = new ArrayList<>();
        for (String coding : header.split(",")) {
            String c = coding.trim().toLowerCase(Locale.ROOT);
            if (!c.isEmpty() && !c.equals("identity")) {
                codings.add(c);
            }
        }
        byte[] decoded = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            decoded = decodeOne(codings.get(i), decoded, limit);
        }
        return decoded;
    }

    private static byte[] decodeOne(String coding, byte[] body, int limit) {
        if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("deflate")) {
            throw DynamoException.internal("Unsupported Content-Encoding: " + coding);
        }
        if (body.length == 0) {
            throw DynamoException.internal("Empty request body with Content-Encoding: " + coding);
        }
        try (InputStream in = coding.equals("deflate")
                ? new InflaterInputStream(new ByteArrayInputStream(body))
                : new GZIPInputStream(new ByteArrayInputStream(body))) {
            return readAtMost(in, limit);
        } catch (IOException e) {
            throw DynamoException.internal("The request body is not valid for Content-Encoding: " + coding);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > limit) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
