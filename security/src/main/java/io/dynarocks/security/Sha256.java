package io.dynarocks.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 from the JDK, with lower-case hex as SigV4 writes them. Looking an algorithm up
 * among the providers and keying an HMAC cost more than hashing a request, so each thread keeps one digest
 * and one MAC, and the MAC stays keyed while the same (cached) signing key signs request after request.
 */
final class Sha256 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** One thread's digest and MAC, and the key the MAC holds. */
    private static final class Engines {
        final MessageDigest digest;
        final Mac mac;
        byte[] macKey;

        Engines() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has SHA-256 and HmacSHA256", e);
            }
        }
    }

    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private Sha256() {}

    /** The SHA-256 of {@code data} in lower-case hex. */
    static String hex(byte[] data) {
        return hexOf(ENGINES.get().digest.digest(data));
    }

    /**
     * HMAC-SHA256 of {@code data} under {@code key}. The MAC is keyed again only when {@code key} is another
     * array than last time: a key array must not change once used (signing keys are never modified).
     */
    static byte[] hmac(byte[] key, byte[] data) {
        Engines e = ENGINES.get();
        try {
            if (e.macKey != key) {
                e.macKey = null;
                e.mac.init(new SecretKeySpec(key, "HmacSHA256"));
                e.macKey = key;
            }
            return e.mac.doFinal(data);
        } catch (GeneralSecurityException x) {
            throw new IllegalStateException("every JDK has HmacSHA256", x);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code bytes} in lower-case hex, as ASCII bytes. */
    static byte[] hexBytes(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return out;
    }

    static String hexOf(byte[] bytes) {
        return new String(hexBytes(bytes), StandardCharsets.ISO_8859_1);
    }
}
