package io.dynarocks.server;

import java.nio.file.Path;

/**
 * Everything a server needs to start, built alike by the CLI and the embedded builder.
 *
 * @param inMemory  keep data in memory only (no RocksDB, nothing on disk)
 * @param dataDir   where the RocksDB store lives when not in memory
 * @param sync      fsync every write (survives machine crashes, not only process crashes)
 * @param workers   threads that run storage work off the Netty event loop
 */
public record ServerConfig(String host, int port, Path dataDir, boolean inMemory, boolean sync, int workers) {

    public static final int DEFAULT_PORT = 8000;

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, Path.of("data"), false, false,
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
    }
}
