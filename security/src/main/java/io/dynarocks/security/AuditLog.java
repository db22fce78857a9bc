package io.dynarocks.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in audit log: one JSON line per request that reached the security checks, with the time, the
 * account, user and access key, the action, the resources (table, index or stream ARNs), the client's
 * address and the outcome of the checks ({@code Allowed}, or the error that refused the request). Never
 * item contents, keys or secrets.
 */
final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private final Clock clock;

    private AuditLog(OutputStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static AuditLog open(Path file, Clock clock) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return new AuditLog(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    /** Records one request; {@code principal} and {@code accessKeyId} are null when authentication failed. */
    void record(Principal principal, String accessKeyId, String action, Collection<String> resources,
            InetAddress source, String outcome) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("time", clock.instant().toString());
            g.writeStringField("account", principal == null ? null : principal.accountId());
            g.writeStringField("user", principal == null ? null : principal.userName());
            g.writeStringField("accessKeyId", accessKeyId);
            g.writeStringField("action", action);
            g.writeArrayFieldStart("resources");
            for (String r : resources) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeStringField("sourceIp", source == null ? null : source.getHostAddress());
            g.writeStringField("outcome", outcome);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                LOG.warn("cannot write the audit log: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("cannot close the audit log: {}", e.toString());
        }
    }
}
