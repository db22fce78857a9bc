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

    private Path key(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
