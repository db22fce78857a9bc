package io.dynarocks.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The security options of a server, all off by default.
 *
 * @param authFile          credentials file ({@code --auth}); null for none
 * @param authKeys          {@code ACCESS_KEY:SECRET[:POLICY_FILE]} specs ({@code --auth-key})
 * @param tls               serve HTTPS ({@code --tls}); without certificate files, with a self-signed one
 * @param tlsCertificate    PEM certificate chain ({@code --tls-cert}); null for a self-signed one
 * @param tlsKey            PEM private key, PKCS#8 ({@code --tls-key})
 * @param tlsKeystore       PKCS#12 or JKS key store holding the key and certificate chain ({@code --tls-keystore}),
 *                          instead of the PEM files; null for none
 * @param tlsKeystorePassword its password, also the key's ({@code --tls-keystore-password}); never shown by
 *                          {@link #toString()}
 * @param encryptionKeyFile file holding the AES-256 key that encrypts stored values ({@code --encryption-key-file})
 * @param auditLog          file that receives one JSON line per request ({@code --audit-log}); null for none
 * @param httpsPort         a port serving HTTPS next to the main port, which then stays plain HTTP
 *                          ({@code --https-port}; 0 picks a free one); null for none
 */
public record SecurityConfig(Path authFile, List<String> authKeys, boolean tls, Path tlsCertificate, Path tlsKey,
        Path tlsKeystore, String tlsKeystorePassword, Path encryptionKeyFile, Path auditLog, Integer httpsPort) {

    public SecurityConfig {
        authKeys = List.copyOf(authKeys);
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsKeystore != null && tlsCertificate != null) {
            throw new IllegalArgumentException("--tls-keystore replaces --tls-cert and --tls-key: give one or the other");
        }
    }

    public static SecurityConfig none() {
        return new SecurityConfig(null, List.of(), false, null, null, null, null, null, null, null);
    }

    /** The password stays out of logs and error messages. */
    @Override
    public String toString() {
        return "SecurityConfig[authFile=" + authFile + ", authKeys=" + authKeys.size() + ", tls=" + tls
                + ", tlsCertificate=" + tlsCertificate + ", tlsKey=" + tlsKey + ", tlsKeystore=" + tlsKeystore
                + ", encryptionKeyFile=" + encryptionKeyFile + ", auditLog=" + auditLog + ", httpsPort=" + httpsPort + "]";
    }

    /** Whether requests must be signed: a credentials file or at least one key was given. */
    public boolean authEnabled() {
        return authFile != null || !authKeys.isEmpty();
    }

    /** Whether the server speaks HTTPS. */
    public boolean tlsEnabled() {
        return tls || tlsCertificate != null || tlsKeystore != null || httpsPort != null;
    }

    public SecurityConfig withAuthFile(Path file) {
        return new SecurityConfig(file, authKeys, tls, tlsCertificate, tlsKey, tlsKeystore, tlsKeystorePassword,
                encryptionKeyFile, auditLog, httpsPort);
    }

    public SecurityConfig withAuthKey(String spec) {
        List<String> all = new ArrayList<>(authKeys);
        all.add(spec);
        return new SecurityConfig(authFile, all, tls, tlsCertificate, tlsKey, tlsKeystore, tlsKeystorePassword,
                encryptionKeyFile, auditLog, httpsPort);
    }

    /** HTTPS with a self-signed certificate generated on first start (or the given files, if any). */
    public SecurityConfig withTls(boolean value) {
        return new SecurityConfig(authFile, authKeys, value, tlsCertificate, tlsKey, tlsKeystore, tlsKeystorePassword,
                encryptionKeyFile, auditLog, httpsPort);
    }

    /** HTTPS with this PEM certificate chain and PKCS#8 PEM key. */
    public SecurityConfig withTls(Path certificate, Path key) {
        return new SecurityConfig(authFile, authKeys, certificate != null, certificate, key, tlsKeystore,
                tlsKeystorePassword, encryptionKeyFile, auditLog, httpsPort);
    }

    /** HTTPS with the key and certificate chain of this PKCS#12 or JKS key store (null: none). */
    public SecurityConfig withTlsKeystore(Path keystore, String password) {
        return new SecurityConfig(authFile, authKeys, tls || keystore != null, tlsCertificate, tlsKey, keystore,
                password, encryptionKeyFile, auditLog, httpsPort);
    }

    public SecurityConfig withEncryptionKeyFile(Path file) {
        return new SecurityConfig(authFile, authKeys, tls, tlsCertificate, tlsKey, tlsKeystore, tlsKeystorePassword,
                file, auditLog, httpsPort);
    }

    public SecurityConfig withAuditLog(Path file) {
        return new SecurityConfig(authFile, authKeys, tls, tlsCertificate, tlsKey, tlsKeystore, tlsKeystorePassword,
                encryptionKeyFile, file, httpsPort);
    }

    /**
     * HTTPS on {@code port} (0: a free one) next to plain HTTP on the main port, with the configured
     * certificate or a self-signed one; null for HTTPS on the main port alone, if TLS is on.
     */
    public SecurityConfig withHttpsPort(Integer port) {
        return new SecurityConfig(authFile, authKeys, tls, tlsCertificate, tlsKey, tlsKeystore, tlsKeystorePassword,
                encryptionKeyFile, auditLog, port);
    }
}
