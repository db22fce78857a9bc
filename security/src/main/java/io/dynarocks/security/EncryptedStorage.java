package io.dynarocks.security;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link Storage} whose values are encrypted with AES-256-GCM before they reach the backend, so item
 * attributes, index entries, stream records, table definitions and the write-ahead log's copies of them are
 * unreadable on disk. Keys stay in clear: the store orders and seeks by them, and they hold the table ids,
 * partition and sort key values of items (and of their index and expiry entries). Each value carries its own
 * random 96-bit nonce and is bound to its key (the key is the GCM associated data), so values cannot be
 * moved between keys unnoticed.
 *
 * <p>Counters stay in clear: the backend adds to them itself ({@link WriteBatch.Add}, a RocksDB merge), so
 * values of exactly 8 bytes are stored as they are. Those are the per-index item count and size counters
 * and similar metadata; an encoded item is never that short (its attribute count alone takes 4 bytes, each
 * attribute at least 4 more).
 */
public final class EncryptedStorage implements Storage {

    /** Holds a known text encrypted with the store's key: a wrong key is detected before anything is read. */
    private static final byte[] CHECK_KEY = "M:encryption-check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_TEXT = "dynarocks".getBytes(StandardCharsets.UTF_8);
    private static final byte FORMAT = 1;
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

    private final Storage inner;
    private final SecretKey key;

    private EncryptedStorage(Storage inner, SecretKey key) {
        this.inner = inner;
        this.key = key;
    }

    /**
     * {@code inner} with values encrypted under the key in {@code keyFile}, or {@code inner} itself when
     * {@code keyFile} is null. Refuses (IllegalStateException) a wrong key, a key for a store that was
     * created without encryption, and no key for an encrypted store.
     */
    public static Storage wrap(Storage inner, Path keyFile) {
        byte[] check = inner.get(CHECK_KEY);
        if (keyFile == null) {
            if (check != null) {
                throw new IllegalStateException("the store is encrypted: start with --encryption-key-file");
            }
            return inner;
        }
        EncryptedStorage encrypted = new EncryptedStorage(inner, readKey(keyFile));
        if (check == null) {
            if (!isEmpty(inner)) {
                throw new IllegalStateException("the store was created without encryption; encryption can only be "
                        + "turned on for a new data directory");
            }
            inner.write(new WriteBatch().put(CHECK_KEY, encrypted.encrypt(CHECK_KEY, CHECK_TEXT)));
        } else {
            try {
                encrypted.decrypt(CHECK_KEY, check);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("wrong encryption key: " + keyFile + " does not open this store");
            }
        }
        return encrypted;
    }

    /** 32 bytes, in base64 ({@code openssl rand -base64 32}) or hex; the key itself is never logged. */
    static SecretKey readKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encryption key file " + file, e);
        }
        byte[] bytes;
        try {
            bytes = text.length() == 64 ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the encryption key file " + file + " must hold a 256-bit key in "
                    + "base64 (openssl rand -base64 32) or 64 hex digits");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static boolean isEmpty(Storage storage) {
        try (KeyValueIterator it = storage.iterate(new KeyRange(new byte[0], null), false, null)) {
            return !it.next();
        }
    }

    byte[] encrypt(byte[] storageKey, byte[] value) {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(storageKey);
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(value.length));
            out.put(FORMAT).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(value), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a value", e);
        }
    }

    byte[] decrypt(byte[] storageKey, byte[] stored) {
        if (stored == null || stored.length == COUNTER_BYTES) {
            return stored;
        }
        if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT) {
            throw new IllegalStateException("a stored value is not encrypted with this store's format");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(storageKey);
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a stored value does not decrypt with this key (wrong key or tampering)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a value", e);
        }
    }

    @Override
    public byte[] get(byte[] k) {
        return decrypt(k, inner.get(k));
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] k) {
        return decrypt(k, inner.get(snapshot, k));
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        KeyValueIterator it = inner.iterate(range, reverse, snapshot);
        return new KeyValueIterator() {
            @Override
            public boolean next() {
                return it.next();
            }

            @Override
            public byte[] key() {
                return it.key();
            }

            @Override
            public byte[] value() {
                return decrypt(it.key(), it.value());
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public void write(WriteBatch batch) {
        WriteBatch encrypted = new WriteBatch();
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put put) {
                encrypted.put(put.key(), put.value().length == COUNTER_BYTES ? put.value()
                        : encrypt(put.key(), put.value()));
            } else if (op instanceof WriteBatch.Add add) {
                encrypted.add(add.key(), add.delta());
            } else if (op instanceof WriteBatch.Delete delete) {
                encrypted.delete(delete.key());
            } else {
                WriteBatch.DeleteRange range = (WriteBatch.DeleteRange) op;
                encrypted.deleteRange(range.from(), range.to());
            }
        }
        // An expectation names plaintext; the inner store holds ciphertext (with a fresh nonce each
        // write), so expect the ciphertext that decrypts to the expected plaintext.
        for (WriteBatch.Expect e : batch.expectations()) {
            byte[] stored = inner.get(e.key());
            if (!java.util.Arrays.equals(decrypt(e.key(), stored), e.value())) {
                throw new io.dynarocks.storage.WriteConflictException("a key changed since it was read");
            }
            encrypted.expect(e.key(), stored);
        }
        inner.write(encrypted);
    }

    @Override
    public Map<String, Long> statistics() {
        return inner.statistics();
    }

    @Override
    public boolean shared() {
        return inner.shared();
    }

    @Override
    public AutoCloseable watch(byte[] prefix, java.util.function.Consumer<byte[]> listener) {
        return inner.watch(prefix, listener);
    }

    @Override
    public boolean runIfLeader(String name, Runnable task) {
        return inner.runIfLeader(name, task);
    }

    @Override
    public Snapshot snapshot() {
        return inner.snapshot();
    }

    @Override
    public void close() {
        inner.close();
    }
}
