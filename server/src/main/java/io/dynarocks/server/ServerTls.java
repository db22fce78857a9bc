package io.dynarocks.server;

import io.dynarocks.security.SecurityConfig;
import io.dynarocks.security.TlsFiles;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the server's ports: Netty's SSL context over the configured PEM files or the self-signed
 * pair kept in the data directory ({@code tls/}; a temporary directory for an in-memory server).
 */
record ServerTls(SslContext context, Path certificate) {

    /** The TLS setup {@code config} asks for, or null for plain HTTP. */
    static ServerTls of(ServerConfig config) {
        SecurityConfig security = config.security();
        if (!security.tlsEnabled()) {
            return null;
        }
        TlsFiles files = security.tlsCertificate() != null
                ? new TlsFiles(security.tlsCertificate(), security.tlsKey())
                : TlsFiles.selfSigned(selfSignedDirectory(config));
        try {
            SslContext context = SslContextBuilder.forServer(files.certificate().toFile(), files.privateKey().toFile())
                    .build();
            return new ServerTls(context, files.certificate());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + files.certificate() + " and key "
                    + files.privateKey() + ": " + e.getMessage(), e);
        }
    }

    private static Path selfSignedDirectory(ServerConfig config) {
        if (!config.inMemory()) {
            return config.dataDir().resolve("tls");
        }
        try {
            return Files.createTempDirectory("dynarocks-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
