package io.dynarocks.security;

import io.dynarocks.storage.ForwardingStorage;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Key rotation: the key file lists the current key first and previous keys after it, one per line. Values
 * name the key they were encrypted with (its fingerprint), every write uses the current key, and reads use
 * whichever key a value names; while previous keys are listed, a background pass re-encrypts every value
 * still under one of them, after which they may be removed from the file.
 */
public final class EncryptedStorage extends ForwardingStorage {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptedStorage.class);
    /** Holds a known text encrypted with the store's key: a wrong key is detected before anything is read. */
    private static final byte[] CHECK_KEY = "M:encryption-check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_TEXT = "dynarocks".getBytes(StandardCharsets.UTF_8);
    /** Values the re-encryption pass reads, then rewrites while writes wait, at a time. */
    private static final int REENCRYPT_CHUNK = 256;

    private final ValueCipher cipher;
    /** Writes share it; the re-encryption pass takes it alone while it rewrites a chunk. */
    private final ReentrantReadWriteLock rewriting = new ReentrantReadWriteLock();
    private final AtomicLong reencrypted = new AtomicLong();
    private volatile boolean rotating;
    private volatile boolean closed;
    private Thread rotation;

    private EncryptedStorage(Storage inner, ValueCipher cipher) {
        super(inner);
        this.cipher = cipher;
    }

    /**
     * {@code inner} with values encrypted under the first key in {@code keyFile}, or {@code inner} itself when
     * {@code keyFile} is null. Refuses (IllegalStateException) keys none of which opens the store, a key for a
     * store that was created without encryption, and no key for an encrypted store. When the file lists
     * previous keys, values still under them are re-encrypted in the background.
     */
    public static Storage wrap(Storage inner, Path keyFile) {
        EncryptedStorage encrypted = open(inner, keyFile);
        if (encrypted == null) {
            return inner;
        }
        if (encrypted.cipher.hasPreviousKeys()) {
            encrypted.rotating = true;
            encrypted.rotation = new Thread(() -> encrypted.reencryptAll(keyFile), "dynarocks-reencrypt");
            encrypted.rotation.setDaemon(true);
            encrypted.rotation.start();
        }
        return encrypted;
    }

    /** As {@link #wrap}, without starting the re-encryption pass; null without a key file. */
    static EncryptedStorage open(Storage inner, Path keyFile) {
        byte[] check = inner.get(CHECK_KEY);
        if (keyFile == null) {
            if (check != null) {
                throw new IllegalStateException("the store is encrypted: start with --encryption-key-file");
            }
            return null;
        }
        EncryptedStorage encrypted = new EncryptedStorage(inner, ValueCipher.read(keyFile));
        if (check == null) {
            if (!isEmpty(inner)) {
                throw new IllegalStateException("the store was created without encryption; encryption can only be "
                        + "turned on for a new data directory");
            }
            inner.write(new WriteBatch().put(CHECK_KEY, encrypted.cipher.encrypt(CHECK_KEY, CHECK_TEXT)));
        } else {
            try {
                encrypted.cipher.decrypt(CHECK_KEY, check);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("wrong encryption key: " + keyFile + " does not open this store");
            }
        }
        return encrypted;
    }

    private static boolean isEmpty(Storage storage) {
        try (KeyValueIterator it = storage.iterate(new KeyRange(new byte[0], null), false, null)) {
            return !it.next();
        }
    }

    /**
     * Re-encrypts under the current key every value still under a previous one, a chunk at a time: each chunk
     * is rewritten while writes through this store wait, and expects the values it read, so no write is lost
     * (on a store shared with other servers, a conflicting write makes the chunk be read again).
     *
     * @return how many values it re-encrypted
     */
    long reencrypt() {
        long count = 0;
        byte[] from = new byte[0];
        while (!closed) {
            List<byte[]> stale = new ArrayList<>();
            byte[] last = null;
            int seen = 0;
            try (KeyValueIterator it = delegate.iterate(new KeyRange(from, null), false, null)) {
                while (seen < REENCRYPT_CHUNK && it.next()) {
                    last = it.key();
                    seen++;
                    if (cipher.underPreviousKey(it.value())) {
                        stale.add(last);
                    }
                }
            }
            try {
                count += rewrite(stale);
            } catch (WriteConflictException e) {
                continue;
            }
            if (seen < REENCRYPT_CHUNK) {
                break;
            }
            from = Arrays.copyOf(last, last.length + 1);
        }
        reencrypted.addAndGet(count);
        return count;
    }

    private int rewrite(List<byte[]> stale) {
        if (stale.isEmpty()) {
            return 0;
        }
        rewriting.writeLock().lock();
        try {
            WriteBatch batch = new WriteBatch();
            int count = 0;
            for (byte[] k : stale) {
                byte[] stored = delegate.get(k);
                if (cipher.underPreviousKey(stored)) {
                    batch.expect(k, stored).put(k, cipher.encrypt(k, cipher.decrypt(k, stored)));
                    count++;
                }
            }
            if (count > 0) {
                delegate.write(batch);
            }
            return count;
        } finally {
            rewriting.writeLock().unlock();
        }
    }

    private void reencryptAll(Path keyFile) {
        try {
            long count = reencrypt();
            if (!closed) {
                rotating = false;
                LOG.info("re-encrypted {} values under the current key; the previous keys may now be removed from {}",
                        count, keyFile);
            }
        } catch (RuntimeException e) {
            LOG.error("re-encryption under the current key stopped; keep the previous keys in {}", keyFile, e);
        }
    }

    @Override
    public byte[] get(byte[] k) {
        return cipher.decrypt(k, delegate.get(k));
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] k) {
        return cipher.decrypt(k, delegate.get(snapshot, k));
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        return new ForwardingIterator(delegate.iterate(range, reverse, snapshot)) {
            @Override
            public byte[] value() {
                return cipher.decrypt(delegate.key(), delegate.value());
            }
        };
    }

    @Override
    public void write(WriteBatch batch) {
        if (!rotating) {
            writeEncrypted(batch);
            return;
        }
        rewriting.readLock().lock();
        try {
            writeEncrypted(batch);
        } finally {
            rewriting.readLock().unlock();
        }
    }

    private void writeEncrypted(WriteBatch batch) {
        WriteBatch encrypted = new WriteBatch();
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put put) {
                encrypted.put(put.key(), cipher.encrypt(put.key(), put.value()));
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
            byte[] stored = delegate.get(e.key());
            if (!Arrays.equals(cipher.decrypt(e.key(), stored), e.value())) {
                throw new WriteConflictException("a key changed since it was read");
            }
            encrypted.expect(e.key(), stored);
        }
        delegate.write(encrypted);
    }

    /** The backend's statistics, and the progress of key rotation. */
    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> statistics = new LinkedHashMap<>(delegate.statistics());
        statistics.put("encryption-rotation-pending", rotating ? 1L : 0L);
        statistics.put("encryption-reencrypted-values", reencrypted.get());
        return statistics;
    }

    @Override
    public void close() {
        closed = true;
        if (rotation != null) {
            try {
                rotation.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delegate.close();
    }
}
