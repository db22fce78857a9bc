package io.dynarocks.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The image's health check: exits 0 when the server on 127.0.0.1 (port 8000, or the first argument) answers
 * {@code GET /} with its {@code healthy} line, 1 otherwise. The image has no shell or HTTP client to do it.
 */
public final class HealthCheck {

    private HealthCheck() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        System.exit(healthy(port) ? 0 : 1);
    }

    static boolean healthy(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(512), StandardCharsets.UTF_8);
            return answer.matches("(?s)HTTP/1\\.[01] 200 .*\r\n\r\nhealthy: .*");
        } catch (IOException e) {
            return false;
        }
    }
}
