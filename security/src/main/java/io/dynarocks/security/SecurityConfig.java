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
 * @param encryptionKeyFile file holding the AES-256 key that encrypts stored values ({@code --encryption-key-file})
 * @param auditLog          file that receives one JSON line per request ({@code --audit-log}); null for none
 */
public record SecurityConfig(Path authFile, List<String> authKeys, boolean tls, Path tlsCertificate, Path tlsKey,
        Path encryptionKeyFile, Path auditLog) {

    public SecurityConfig {
        authKeys = List.copyOf(authKeys);
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
    }

    public static SecurityConfig none() {
        return new SecurityConfig(null, List.of(), false, null, null, null, null);
    }

    /** Whether requests must be signed: a credentials file or at least one key was given. */
    public boolean authEnabled() {
        return authFile != null || !authKeys.isEmpty();
    }

    /** Whether the server speaks HTTPS. */
    public boolean tlsEnabled() {
        return tls || tlsCertificate != null;
    }

    public SecurityConfig withAuthFile(Path file) {
        return new SecurityConfig(file, authKeys, tls, tlsCertificate, tlsKey, encryptionKeyFile, auditLog);
    }

    public SecurityConfig withAuthKey(String spec) {
        List<String> all = new ArrayList<>(authKeys);
        all.add(spec);
        return new SecurityConfig(authFile, all, tls, tlsCertificate, tlsKey, encryptionKeyFile, auditLog);
    }

    /** HTTPS with a self-signed certificate generated on first start (or the given files, if any). */
    public SecurityConfig withTls(boolean value) {
        return new SecurityConfig(authFile, authKeys, value, tlsCertificate, tlsKey, encryptionKeyFile, auditLog);
    }

    /** HTTPS with this PEM certificate chain and PKCS#8 PEM key. */
    public SecurityConfig withTls(Path certificate, Path key) {
        return new SecurityConfig(authFile, authKeys, certificate != null, certificate, key, encryptionKeyFile,
                auditLog);
    }

    public SecurityConfig withEncryptionKeyFile(Path file) {
        return new SecurityConfig(authFile, authKeys, tls, tlsCertificate, tlsKey, file, auditLog);
    }

    public SecurityConfig withAuditLog(Path file) {
        return new SecurityConfig(authFile, authKeys, tls, tlsCertificate, tlsKey, encryptionKeyFile, file);
    }
}
