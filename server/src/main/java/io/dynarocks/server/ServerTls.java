package io.dynarocks.server;

import io.dynarocks.security.SecurityConfig;
import io.dynarocks.security.TlsFiles;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the server's ports: Netty's SSL context over the configured PEM files, key store, or the
 * self-signed pair kept in the data directory ({@code tls/}; a temporary directory for an in-memory server).
 *
 * @param certificate the PEM certificate file, or the key store, that the server presents
 */
record ServerTls(SslContext context, Path certificate) {

    /** Where the key store's password is read from when it is not given as an option. */
    static final String KEYSTORE_PASSWORD_VARIABLE = "DYNAROCKS_TLS_KEYSTORE_PASSWORD";

    /** The TLS setup {@code config} asks for, or null for plain HTTP. */
    static ServerTls of(ServerConfig config) {
        SecurityConfig security = config.security();
        if (!security.tlsEnabled()) {
            return null;
        }
        if (security.tlsKeystore() != null) {
            return fromKeystore(security.tlsKeystore(), security.tlsKeystorePassword());
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

    /**
     * The first key entry of a PKCS#12 or JKS key store (the JDK tells the type from the content), whose key
     * has the store's password, as keytool and openssl make them. The password never enters a message.
     */
    private static ServerTls fromKeystore(Path keystore, String password) {
        if (password == null) {
            throw new IllegalArgumentException("the TLS keystore " + keystore + " needs its password: "
                    + "--tls-keystore-password or the environment variable " + KEYSTORE_PASSWORD_VARIABLE);
        }
        char[] secret = password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(keystore.toFile(), secret);
            boolean hasKey = false;
            for (String alias : java.util.Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("the TLS keystore " + keystore + " holds no private key");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            return new ServerTls(SslContextBuilder.forServer(keys).build(), keystore);
        } catch (IOException | GeneralSecurityException e) {
            // "keystore password was incorrect", "Keystore was tampered with, or password was incorrect", ...
            throw new IllegalArgumentException("cannot open the TLS keystore " + keystore + " (PKCS12 or JKS): "
                    + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(secret, '\0');
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
