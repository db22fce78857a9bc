package io.dynarocks.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipFile;

/** One published artifact in a build: its POM and the files the release profile puts beside its jar. */
record Artifact(String artifactId, Path dir, Pom pom, Pom parent) {

    void check(boolean signed, List<String> problems) throws IOException {
        checkMetadata(problems);
        String base = artifactId + "-" + (pom.version() != null ? pom.version() : parent.version());
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("pom.xml"));
        if (!"pom".equals(pom.packaging())) {
            Path target = dir.resolve("target");
            for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
                Path jar = target.resolve(base + suffix);
                if (isJarWithFiles(jar)) {
                    files.add(jar);
                } else {
                    problems.add(artifactId + ": no " + (suffix.equals(".jar") ? "jar" : suffix.substring(1))
                            + " (" + dir.relativize(jar) + ")");
                }
            }
            Path sbom = target.resolve(base + "-cyclonedx.json");
            if (Files.isRegularFile(sbom)) {
                files.add(sbom);
            } else {
                problems.add(artifactId + ": no CycloneDX SBOM (" + dir.relativize(sbom) + ")");
            }
        }
        if (signed) {
            for (Path file : files) {
                if (!hasSignature(file, base)) {
                    problems.add(artifactId + ": " + file.getFileName() + " is not signed");
                }
            }
        }
    }

    private void checkMetadata(List<String> problems) {
        // Name and description say what this artifact is: its own. The rest may come from the parent.
        require("name", pom.text("name"), problems);
        require("description", pom.text("description"), problems);
        require("url", inherited(p -> p.text("url")), problems);
        require("license name", inherited(p -> p.text("licenses/license/name")), problems);
        require("license URL", inherited(p -> p.text("licenses/license/url")), problems);
        require("SCM URL", inherited(p -> p.text("scm/url")), problems);
        require("SCM connection", inherited(p -> p.text("scm/connection")), problems);
        String developer = inherited(p -> p.text("developers/developer/name"));
        require("developer", developer != null ? developer : inherited(p -> p.text("developers/developer/id")), problems);
    }

    private String inherited(Function<Pom, String> value) {
        String own = value.apply(pom);
        return own != null || parent == null ? own : value.apply(parent);
    }

    private void require(String what, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(artifactId + ": no " + what + " in its POM");
        }
    }

    private static boolean isJarWithFiles(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/"));
        }
    }

    // maven-gpg-plugin signs a copy of the POM, target/<base>.pom, and writes each signature beside its file
    // when that is in target/, under target/gpg/ otherwise.
    private boolean hasSignature(Path file, String base) {
        String name = file.getFileName().toString().equals("pom.xml") ? base + ".pom" : file.getFileName().toString();
        Path target = dir.resolve("target");
        return Files.isRegularFile(target.resolve(name + ".asc")) || Files.isRegularFile(target.resolve("gpg/" + name + ".asc"));
    }
}
