package io.dynarocks.storage.rocksdb;

import io.dynarocks.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes keys to a RocksDB storage, reports each acknowledged write, then waits to be killed. */
public final class CrashWriter {
    public static void main(String[] args) throws Exception {
        RocksDbStorage storage = RocksDbStorage.open(Path.of(args[0]), false);
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            storage.write(new WriteBatch().put(key, key));
        }
        System.out.println("acknowledged");
        System.out.flush();
        Thread.sleep(60_000); // never closes: the parent kills this process
    }
}
