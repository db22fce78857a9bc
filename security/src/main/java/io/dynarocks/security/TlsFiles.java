package io.dynarocks.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The certificate chain and private key (PEM) the server presents over TLS: files the user gave, or a
 * self-signed pair for {@code localhost}, {@code 127.0.0.1} and {@code ::1} generated on first start and
 * kept in a directory. Generation runs the JDK's own {@code keytool} (every JDK and JRE ships it), so no
 * certificate library is needed.
 */
public record TlsFiles(Path certificate, Path privateKey) {

    static final String CERTIFICATE = "dynarocks-cert.pem";
    static final String KEY = "dynarocks-key.pem";

    /** The self-signed pair kept in {@code dir}, generated there if it is not yet. */
    public static TlsFiles selfSigned(Path dir) {
        TlsFiles files = new TlsFiles(dir.resolve(CERTIFICATE), dir.resolve(KEY));
        if (Files.exists(files.certificate) && Files.exists(files.privateKey)) {
            return files;
        }
        try {
            Files.createDirectories(dir);
            generate(dir, files);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a self-signed certificate in " + dir, e);
        }
    }

    private static void generate(Path dir, TlsFiles files) throws IOException {
        Path store = Files.createTempFile(dir, "keystore", ".p12");
        Files.delete(store);
        char[] password = "dynarocks".toCharArray();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "dynarocks", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=localhost, O=DynaRocks", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(password),
                "-keypass", new String(password))).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating a certificate", e);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Key key = ks.getKey("dynarocks", password);
            Files.writeString(files.privateKey, pem("PRIVATE KEY", key.getEncoded()));
            restrict(files.privateKey);
            Files.writeString(files.certificate, pem("CERTIFICATE", ks.getCertificate("dynarocks").getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the generated key store", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
