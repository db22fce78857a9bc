package io.dynarocks.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release's dry run (RELEASING.md): {@code mvn -P release verify} of every published module, signed with a
 * throwaway GPG key made here, then the release check on what it built. Runs last in the build (this module
 * comes after every other), so rebuilding the published modules' jars disturbs no module still to be built.
 */
class ReleaseDryRunIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Path LOG = Path.of("target", "release-dry-run.log").toAbsolutePath();

    private static Path gnupgHome;

    @BeforeAll
    static void dryRun() throws Exception {
        // A release build checks itself (the release profile skips this test: it would only build itself again).
        assumeFalse(Boolean.getBoolean("release.dry-run.skip"), "the release build checks itself");
        // A short path: gpg-agent's socket lives there, and socket paths are limited to ~100 bytes.
        gnupgHome = Files.createTempDirectory(Path.of("/tmp"), "dr-gpg-");
        Files.deleteIfExists(LOG);
        run(List.of("gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                "DynaRocks dry run <dry-run@dynarocks.invalid>", "ed25519", "sign", "1d"), ROOT, "throwaway key");

        List<String> mvn = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B", "-P", "release", "verify", "-DskipTests", "-Dconsumer.skip",
                "-pl", "!bench,!integration-tests,!consumer-tests,!release",
                // online even when this build is not: the CycloneDX plugin makes no SBOM offline
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")));
        run(mvn, ROOT, "mvn -P release verify");
    }

    @AfterAll
    static void deleteKey() throws IOException {
        if (gnupgHome != null) {
            run(List.of("gpgconf", "--kill", "gpg-agent"), ROOT, "stop the key's agent");
            delete(gnupgHome);
        }
    }

    @Test
    void everyPublishedArtifactHasItsMetadataSourcesJavadocSbomAndSignatures() throws IOException {
        assertThat(ReleaseCheck.problems(ROOT, true)).isEmpty();
    }

    @Test
    void signaturesVerifyWithTheKey() throws IOException {
        Path jar = ROOT.resolve("server/target/dynarocks-server-" + version() + ".jar");
        run(List.of("gpg", "--batch", "--verify", jar + ".asc", jar.toString()), ROOT, "gpg --verify");
    }

    @Test
    void theCheckFailsWhenAModuleLosesItsSourcesJarOrItsLicense() throws IOException {
        Path copy = Files.createTempDirectory(Path.of("target"), "mutated-build-");
        try {
            copyBuild(ROOT, copy);
            Files.delete(copy.resolve("engine/target/dynarocks-engine-" + version() + "-sources.jar"));
            Path pom = copy.resolve("pom.xml");
            String text = Files.readString(pom);
            Files.writeString(pom, text.substring(0, text.indexOf("<licenses>"))
                    + text.substring(text.indexOf("</licenses>") + "</licenses>".length()));

            assertThat(ReleaseCheck.problems(copy, true))
                    .contains("dynarocks-engine: no sources.jar (target/dynarocks-engine-" + version() + "-sources.jar)",
                            "dynarocks-parent: no license name in its POM",
                            "dynarocks-server: no license name in its POM",
                            "dynarocks-junit5: no license URL in its POM")
                    .noneMatch(p -> p.startsWith("dynarocks-bom:")); // the BOM has its own
        } finally {
            delete(copy);
        }
    }

    private static String version() throws IOException {
        return Pom.read(ROOT.resolve("pom.xml")).version();
    }

    /** The files the check reads (POMs, and the top of each target directory with its gpg folder), as links. */
    private static void copyBuild(Path from, Path to) throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(from));
        for (String module : Pom.read(from.resolve("pom.xml")).modules()) {
            dirs.add(from.resolve(module));
        }
        for (Path dir : dirs) {
            Path into = to.resolve(from.relativize(dir).toString());
            Files.createDirectories(into);
            Files.copy(dir.resolve("pom.xml"), into.resolve("pom.xml"));
            for (Path folder : List.of(dir.resolve("target"), dir.resolve("target/gpg"))) {
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                Path target = into.resolve(dir.relativize(folder).toString());
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        Files.createLink(target.resolve(file.getFileName().toString()), file);
                    }
                }
            }
        }
    }

    private static void run(List<String> command, Path dir, String what) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        Map<String, String> env = builder.environment();
        env.put("GNUPGHOME", gnupgHome.toString());
        env.remove("MAVEN_GPG_PASSPHRASE");
        Files.createDirectories(LOG.getParent());
        Files.writeString(LOG, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = builder.start();
        try {
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(what + " did not finish in 20 minutes; see " + LOG);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(what + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(LOG);
            throw new AssertionError(what + " failed (exit " + process.exitValue() + "); end of " + LOG + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
