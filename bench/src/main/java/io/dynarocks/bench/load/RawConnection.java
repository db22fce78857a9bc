package io.dynarocks.bench.load;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs ready-made DynamoDB JSON bodies, for measuring a
 * server rather than the SDK: no marshalling, no per-request signing, one reused buffer per side.
 * Every request carries the same SigV4-shaped {@code Authorization} header (signed once, not per
 * request), which is enough for servers that, like DynaRocks and dynalite, check its shape but not
 * its signature.
 */
final class RawConnection implements Closeable {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=key/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=0000000000000000000000000000000000000000000000000000000000000000";

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;
    private byte[] request = new byte[4096];
    private byte[] body = new byte[1 << 16];
    private int bodyLength;
    private final StringBuilder lineBuffer = new StringBuilder(128);

    RawConnection(URI endpoint) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        head = ("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: "
                + AUTHORIZATION + "\r\nX-Amz-Target: DynamoDB_20120810.").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and reads the whole response; returns its HTTP status. */
    int post(String action, byte[] json) throws IOException {
        byte[] tail = (action + "\r\nContent-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int length = head.length + tail.length + json.length;
        if (request.length < length) {
            request = new byte[Math.max(length, request.length * 2)];
        }
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(tail, 0, request, head.length, tail.length);
        System.arraycopy(json, 0, request, head.length + tail.length, json.length);
        out.write(request, 0, length);
        out.flush();
        return readResponse();
    }

    /** The body of the last response, as text (for telling errors apart). */
    String lastBody() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Integer.parseInt(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = header.substring(colon + 1).trim().equalsIgnoreCase("chunked");
            }
        }
        bodyLength = 0;
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                readBody(size);
                line();
            }
            line();
        } else if (contentLength > 0) {
            readBody(contentLength);
        }
        return code;
    }

    private void readBody(int size) throws IOException {
        if (body.length < bodyLength + size) {
            byte[] bigger = new byte[Math.max(bodyLength + size, body.length * 2)];
            System.arraycopy(body, 0, bigger, 0, bodyLength);
            body = bigger;
        }
        int at = bodyLength;
        int end = bodyLength + size;
        while (at < end) {
            int n = in.read(body, at, end - at);
            if (n < 0) {
                throw new IOException("connection closed in a response body");
            }
            at += n;
        }
        bodyLength = end;
    }

    private String line() throws IOException {
        lineBuffer.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in a response head");
            }
            if (c != '\r') {
                lineBuffer.append((char) c);
            }
        }
        return lineBuffer.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
