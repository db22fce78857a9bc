package io.dynarocks.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of stored values under the keys of a key file: the current key (the first) for
 * every value it encrypts, any listed key for the values it decrypts. A value names the key it was encrypted
 * with by its fingerprint; values of exactly 8 bytes are counters, stored in clear (see {@link EncryptedStorage}).
 */
final class ValueCipher {

    /** Nonce and ciphertext under the store's only key: values written before keys could be rotated. */
    private static final byte FORMAT_SINGLE_KEY = 1;
    /** The key's fingerprint, nonce and ciphertext. */
    private static final byte FORMAT_NAMED_KEY = 2;
    private static final int FINGERPRINT_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int COUNTER_BYTES = Long.BYTES;

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES/GCM", e);
        }
    });
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(SecureRandom::new);

    /** A key and its fingerprint, the first four bytes of its SHA-256, which values name it by. */
    record EncryptionKey(SecretKey key, int fingerprint) {

        static EncryptionKey of(byte[] bytes) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new EncryptionKey(new SecretKeySpec(bytes, "AES"), ByteBuffer.wrap(digest).getInt());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /** The current key first, then the previous ones. */
    private final List<EncryptionKey> keys;

    private ValueCipher(List<EncryptionKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The keys of {@code file}. */
    static ValueCipher read(Path file) {
        return new ValueCipher(readKeys(file));
    }

    /** Whether the key file lists keys besides the current one, whose values are to be re-encrypted. */
    boolean hasPreviousKeys() {
        return keys.size() > 1;
    }

    /**
     * The keys of the file, current first: one per line, each 32 bytes in base64 ({@code openssl rand -base64
     * 32}) or hex; blank lines and lines starting with {@code #} are skipped. The keys are never logged.
     */
    static List<EncryptionKey> readKeys(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encryption key file " + file, e);
        }
        List<EncryptionKey> keys = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = text.length() == 64 ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("the encryption key file " + file + " must hold a 256-bit key per "
                        + "line, in base64 (openssl rand -base64 32) or 64 hex digits");
            }
            keys.add(EncryptionKey.of(bytes));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the encryption key file " + file + " must hold a 256-bit key in "
                    + "base64 (openssl rand -base64 32) or 64 hex digits");
        }
        return keys;
    }

    /** {@code value} sealed under the current key and bound to {@code storageKey}; a counter as it is. */
    byte[] encrypt(byte[] storageKey, byte[] value) {
        if (value.length == COUNTER_BYTES) {
            return value;
        }
        EncryptionKey current = keys.get(0);
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(storageKey);
            ByteBuffer out = ByteBuffer.allocate(1 + FINGERPRINT_BYTES + NONCE_BYTES
                    + cipher.getOutputSize(value.length));
            out.put(FORMAT_NAMED_KEY).putInt(current.fingerprint()).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(value), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a value", e);
        }
    }

    /** The value {@code stored} under {@code storageKey} holds, with whichever listed key it names. */
    byte[] decrypt(byte[] storageKey, byte[] stored) {
        if (stored == null || stored.length == COUNTER_BYTES) {
            return stored;
        }
        if (stored[0] == FORMAT_NAMED_KEY && stored.length >= 1 + FINGERPRINT_BYTES + NONCE_BYTES) {
            int fingerprint = ByteBuffer.wrap(stored, 1, FINGERPRINT_BYTES).getInt();
            for (EncryptionKey k : keys) {
                if (k.fingerprint() == fingerprint) {
                    return decrypt(k.key(), storageKey, stored, 1 + FINGERPRINT_BYTES);
                }
            }
            throw new IllegalStateException("a stored value is encrypted with a key the key file does not hold "
                    + "(wrong key, or a previous key removed before re-encryption finished)");
        }
        if (stored[0] == FORMAT_SINGLE_KEY && stored.length >= 1 + NONCE_BYTES) {
            // Written before values named their key: whichever key authenticates it is the one.
            IllegalStateException failure = null;
            for (EncryptionKey k : keys) {
                try {
                    return decrypt(k.key(), storageKey, stored, 1);
                } catch (IllegalStateException e) {
                    failure = e;
                }
            }
            throw failure;
        }
        throw new IllegalStateException("a stored value is not encrypted with this store's format");
    }

    private static byte[] decrypt(SecretKey key, byte[] storageKey, byte[] stored, int nonceAt) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, nonceAt, NONCE_BYTES));
            cipher.updateAAD(storageKey);
            int body = nonceAt + NONCE_BYTES;
            return cipher.doFinal(stored, body, stored.length - body);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a stored value does not decrypt with this key (wrong key or tampering)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a value", e);
        }
    }

    /** Whether a stored value is under another key than the current one. */
    boolean underPreviousKey(byte[] stored) {
        if (stored == null || stored.length == COUNTER_BYTES) {
            return false;
        }
        return stored[0] != FORMAT_NAMED_KEY || stored.length < 1 + FINGERPRINT_BYTES
                || ByteBuffer.wrap(stored, 1, FINGERPRINT_BYTES).getInt() != keys.get(0).fingerprint();
    }
}
