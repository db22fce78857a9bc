package io.dynarocks.storage.rocksdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library from a per-user cache directory, extracting it from the jar only
 * once per rocksdbjni build (size and checksum). RocksDB's own loader inflates the 17 MB library
 * into a new temporary file on every start (~130 ms); any failure here falls back to that loader.
 */
final class NativeLibrary {

    private static volatile boolean loaded;

    private NativeLibrary() {}

    /** Loads the library once per JVM, from the cache in {@code ~/.cache/dynarocks} when possible. */
    static void load() {
        if (loaded) return;
        synchronized (NativeLibrary.class) {
            if (loaded) return;
            try {
                loadCached(Path.of(System.getProperty("user.home"), ".cache", "dynarocks"));
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                RocksDB.loadLibrary();
            }
            loaded = true;
        }
    }

    /** Extracts the library into {@code cacheRoot} unless already there, then loads it from there. */
    static void loadCached(Path cacheRoot) throws IOException {
        String resource = Environment.getJniLibraryFileName("rocksdb");
        URL url = RocksDB.class.getClassLoader().getResource(resource);
        if (url == null) throw new IOException("no " + resource + " in the class path");
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) throw new IOException(url + " is not in a jar");
        // The jar's central directory holds size and CRC-32: a key that costs nothing to read and
        // changes with every rocksdbjni release (its own manifest carries no version to use instead).
        JarEntry entry = jar.getJarEntry();
        Path dir = cacheRoot.resolve("rocksdbjni-" + entry.getSize() + "-" + Long.toHexString(entry.getCrc()));
        // RocksDB.loadLibrary(paths) looks for the name built from "rocksdbjni", not the resource's name.
        Path library = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
        if (!Files.isRegularFile(library) || Files.size(library) != entry.getSize()) {
            extract(connection, dir, library);
        }
        RocksDB.loadLibrary(List.of(dir.toString()));
    }

    // Written beside the target and moved atomically, so concurrent starts never load a partial file.
    private static void extract(URLConnection connection, Path dir, Path library) throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "extracting-", ".tmp");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
