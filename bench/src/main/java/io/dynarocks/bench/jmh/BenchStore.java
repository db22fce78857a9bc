package io.dynarocks.bench.jmh;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's store: in memory, or RocksDB in a temporary directory that closing deletes. */
final class BenchStore implements AutoCloseable {

    final Storage storage;
    private final Path dir;

    private BenchStore(Storage storage, Path dir) {
        this.storage = storage;
        this.dir = dir;
    }

    /** A store of {@code backend}: {@code memory} or {@code rocksdb}. */
    static BenchStore open(String backend) throws IOException {
        if (backend.equals("rocksdb")) {
            Path dir = Files.createTempDirectory("dynarocks-jmh");
            return new BenchStore(RocksDbStorage.open(dir, false), dir);
        }
        return new BenchStore(new MemoryStorage(), null);
    }

    /** The key of item {@code i} of a table as the engine lays keys out (table 1, base index, hash, key). */
    static byte[] itemKey(int i) {
        return ByteBuffer.allocate(12).put((byte) 'T').putInt(1).putShort((short) 0).putInt(i).put((byte) 0).array();
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() throws IOException {
        storage.close();
        if (dir != null) {
            delete(dir);
        }
    }
}
