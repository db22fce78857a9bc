package io.dynarocks.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection driven byte by byte, for requests an SDK (or java.net.http) will not
 * send: any header (Connection, Host, Content-Encoding), any body, and a clear view of whether the
 * server answered before closing.
 */
final class RawHttp implements AutoCloseable {

    /** A response: status, headers with lower-case names, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    RawHttp(URI endpoint) throws IOException {
        this(endpoint, java.time.Duration.ofSeconds(30));
    }

    /** A connection that waits up to {@code readTimeout} for each answer. */
    RawHttp(URI endpoint, java.time.Duration readTimeout) throws IOException {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        host = endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** The Host header this connection sends unless a request names its own. */
    String host() {
        return host;
    }

    /** POSTs a DynamoDB request with {@code extraHeaders} ("Name: value" lines). */
    Response post(String target, byte[] body, String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
        if (target != null) {
            head.append("X-Amz-Target: ").append(target).append("\r\n");
        }
        head.append("Content-Type: application/x-amz-json-1.0\r\n");
        return send(head, body, extraHeaders);
    }

    Response post(String target, String body, String... extraHeaders) throws IOException {
        return post(target, body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    /** Sends {@code method path} with no body. */
    Response request(String method, String path, String... extraHeaders) throws IOException {
        return send(new StringBuilder(method + " " + path + " HTTP/1.1\r\n"), new byte[0], extraHeaders);
    }

    private Response send(StringBuilder head, byte[] body, String... extraHeaders) throws IOException {
        boolean hostGiven = false;
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
            hostGiven |= h.toLowerCase(Locale.ROOT).startsWith("host:");
        }
        if (!hostGiven) {
            head.append("Host: ").append(host).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed without an answer");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("connection closed in the middle of an answer");
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** True once the server has closed the connection (the next read sees end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = buffer.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buffer.write(c);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
