package io.dynarocks.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryTest {

    @TempDir
    Path cache;

    @Test
    void extractsTheLibraryOnceAndReusesIt() throws IOException {
        NativeLibrary.loadCached(cache);
        Path library = onlyLibrary();
        FileTime extracted = FileTime.fromMillis(0);
        Files.setLastModifiedTime(library, extracted);

        NativeLibrary.loadCached(cache);

        assertThat(onlyLibrary()).isEqualTo(library);
        assertThat(Files.getLastModifiedTime(library)).isEqualTo(extracted);
    }

    @Test
    void replacesATruncatedLibrary() throws IOException {
        NativeLibrary.loadCached(cache);
        Path library = onlyLibrary();
        long size = Files.size(library);
        Files.write(library, new byte[10]);

        NativeLibrary.loadCached(cache);

        assertThat(Files.size(library)).isEqualTo(size);
        try (Stream<Path> files = Files.list(library.getParent())) {
            assertThat(files.toList()).containsExactly(library); // no partial file left behind
        }
    }

    private Path onlyLibrary() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> libraries = files.filter(Files::isRegularFile).toList();
            assertThat(libraries).hasSize(1);
            assertThat(libraries.get(0).getParent().getFileName().toString()).startsWith("rocksdbjni-");
            return libraries.get(0);
        }
    }
}
