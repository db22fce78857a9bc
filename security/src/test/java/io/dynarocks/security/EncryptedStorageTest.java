package io.dynarocks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedStorageTest {

    @TempDir
    Path dir;

    @Test
    void valuesAreStoredEncryptedAndReadBackInClear() throws IOException {
        MemoryStorage backend = new MemoryStorage();
        Storage storage = EncryptedStorage.wrap(backend, key("a", "00".repeat(32)));
        storage.write(new WriteBatch().put(bytes("T1"), bytes("secret value")));
        assertThat(new String(storage.get(bytes("T1")), StandardCharsets.UTF_8)).isEqualTo("secret value");
        assertThat(new String(backend.get(bytes("T1")), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        try (KeyValueIterator it = storage.iterate(KeyRange.prefix(bytes("T")), false, null)) {
            assertThat(it.next()).isTrue();
            assertThat(new String(it.value(), StandardCharsets.UTF_8)).isEqualTo("secret value");
        }
    }

    @Test
    void aValueMovedToAnotherKeyDoesNotDecrypt() throws IOException {
        MemoryStorage backend = new MemoryStorage();
        Storage storage = EncryptedStorage.wrap(backend, key("a", "11".repeat(32)));
        storage.write(new WriteBatch().put(bytes("T1"), bytes("one")));
        backend.write(new WriteBatch().put(bytes("T2"), backend.get(bytes("T1"))));
        assertThatThrownBy(() -> storage.get(bytes("T2"))).hasMessageContaining("wrong key or tampering");
    }

    @Test
    void countersStayInClearSoTheBackendCanAddToThem() throws IOException {
        MemoryStorage backend = new MemoryStorage();
        Storage storage = EncryptedStorage.wrap(backend, key("c", "22".repeat(32)));
        storage.write(new WriteBatch().put(bytes("N1"), WriteBatch.counterBytes(5)));
        storage.write(new WriteBatch().add(bytes("N1"), 3));
        assertThat(WriteBatch.counter(storage.get(bytes("N1")))).isEqualTo(8);
    }

    @Test
    void keyFileMustHold256Bits() throws IOException {
        assertThatThrownBy(() -> EncryptedStorage.wrap(new MemoryStorage(), key("short", "abcd")))
                .hasMessageContaining("must hold a 256-bit key");
    }

    @Test
    void afterRotationOldValuesStayReadableAndNewWritesUseTheNewKey() throws IOException {
        MemoryStorage backend = new MemoryStorage();
        String oldKey = "33".repeat(32);
        String newKey = "44".repeat(32);
        EncryptedStorage.open(backend, key("old", oldKey)).write(new WriteBatch().put(bytes("T1"), bytes("before")));

        EncryptedStorage rotated = EncryptedStorage.open(backend, key("rotated", newKey + "\n" + oldKey + "\n"));
        assertThat(rotated.get(bytes("T1"))).isEqualTo(bytes("before"));
        rotated.write(new WriteBatch().put(bytes("T2"), bytes("after")));
        assertThat(fingerprint(backend.get(bytes("T2")))).isEqualTo(fingerprintOf(newKey));
        assertThat(fingerprint(backend.get(bytes("T1")))).isEqualTo(fingerprintOf(oldKey));
        assertThatThrownBy(() -> EncryptedStorage.open(backend, key("new-only", newKey)))
                .hasMessageContaining("does not open this store");

        assertThat(rotated.reencrypt()).isEqualTo(2); // T1 and the store's check value
        assertThat(fingerprint(backend.get(bytes("T1")))).isEqualTo(fingerprintOf(newKey));
        EncryptedStorage newOnly = EncryptedStorage.open(backend, key("new-only", newKey));
        assertThat(newOnly.get(bytes("T1"))).isEqualTo(bytes("before"));
        assertThat(newOnly.get(bytes("T2"))).isEqualTo(bytes("after"));
        assertThatThrownBy(() -> EncryptedStorage.open(backend, key("old-only", oldKey)))
                .hasMessageContaining("does not open this store");
    }

    @Test
    void valuesWrittenBeforeValuesNamedTheirKeyAreReadAndReencrypted() throws Exception {
        MemoryStorage backend = new MemoryStorage();
        String oldKey = "55".repeat(32);
        String newKey = "66".repeat(32);
        byte[] secret = java.util.HexFormat.of().parseHex(oldKey);
        backend.write(new WriteBatch().put(bytes("M:encryption-check"), singleKeyFormat(secret,
                bytes("M:encryption-check"), bytes("dynarocks"))).put(bytes("T1"), singleKeyFormat(secret,
                bytes("T1"), bytes("legacy"))));
        assertThat(EncryptedStorage.open(backend, key("old", oldKey)).get(bytes("T1"))).isEqualTo(bytes("legacy"));
        EncryptedStorage rotated = EncryptedStorage.open(backend, key("rotated", newKey + "\n" + oldKey));
        assertThat(rotated.reencrypt()).isEqualTo(2);
        assertThat(EncryptedStorage.open(backend, key("new-only", newKey)).get(bytes("T1"))).isEqualTo(bytes("legacy"));
    }

    @Test
    void rotationRunsInTheBackgroundWhenTheKeyFileListsPreviousKeys() throws IOException {
        MemoryStorage backend = new MemoryStorage();
        String oldKey = "77".repeat(32);
        EncryptedStorage.open(backend, key("old", oldKey)).write(new WriteBatch().put(bytes("T1"), bytes("v")));
        Storage rotated = EncryptedStorage.wrap(backend, key("rotated", "88".repeat(32) + "\n" + oldKey));
        org.awaitility.Awaitility.await().until(() -> rotated.statistics().get("encryption-rotation-pending") == 0);
        assertThat(rotated.statistics()).containsEntry("encryption-reencrypted-values", 2L);
        assertThat(fingerprint(backend.get(bytes("T1")))).isEqualTo(fingerprintOf("88".repeat(32)));
    }

    private static int fingerprint(byte[] stored) {
        assertThat(stored[0]).isEqualTo((byte) 2);
        return java.nio.ByteBuffer.wrap(stored, 1, 4).getInt();
    }

    private static int fingerprintOf(String hexKey) {
        return ValueCipher.EncryptionKey.of(java.util.HexFormat.of().parseHex(hexKey)).fingerprint();
    }

    /** A value as stores wrote them before key rotation: format byte 1, nonce, ciphertext. */
    private static byte[] singleKeyFormat(byte[] key, byte[] storageKey, byte[] value) throws Exception {
        byte[] nonce = new byte[12];
        new java.security.SecureRandom().nextBytes(nonce);
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        cipher.updateAAD(storageKey);
        byte[] sealed = cipher.doFinal(value);
        byte[] out = new byte[1 + nonce.length + sealed.length];
        out[0] = 1;
        System.arraycopy(nonce, 0, out, 1, nonce.length);
        System.arraycopy(sealed, 0, out, 1 + nonce.length, sealed.length);
        return out;
    }

    private Path key(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
