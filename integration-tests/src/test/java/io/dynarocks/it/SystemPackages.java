package io.dynarocks.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Programs from Debian's packages that some tests drive for real (a browser, an engine, a container
 * tool). A fresh machine has none of them, and the README's one test command must still run every
 * test, so the harness installs what is missing with {@code apt-get} instead of skipping: a test
 * whose program cannot be installed fails and says why.
 */
final class SystemPackages {

    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "dynarocks-apt.lock");

    private SystemPackages() {
    }

    /**
     * Returns the path of {@code program} (a name looked up on PATH, or an absolute path), installing
     * {@code packages} first when it is not there.
     */
    static synchronized Path require(String program, String... packages) {
        Path found = locate(program);
        if (found != null) {
            return found;
        }
        // apt-get holds its own lock and fails at once when another run holds it; queue instead.
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            found = locate(program);
            if (found != null) {
                return found;
            }
            List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
            install.addAll(List.of(packages));
            String output = run(install);
            if (locate(program) == null) {
                // The package lists of a fresh machine may be missing or stale.
                output = run(List.of("apt-get", "update", "-q")) + run(install);
            }
            found = locate(program);
            if (found == null) {
                throw new IllegalStateException("could not install " + String.join(" ", packages)
                        + " for " + program + ":\n" + output);
            }
            return found;
        } catch (IOException e) {
            throw new IllegalStateException("could not install " + String.join(" ", packages), e);
        }
    }

    private static Path locate(String program) {
        if (program.startsWith("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = builder.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return out + "\n(timed out)";
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + command, e);
        }
    }
}
