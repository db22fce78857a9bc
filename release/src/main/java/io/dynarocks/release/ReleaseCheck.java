package io.dynarocks.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a build of the {@code release} profile for what Maven Central refuses: every published artifact
 * (the parent POM, the BOM and each module the BOM lists) needs a POM with name, description, URL, license,
 * SCM and developers (its own or inherited from a parent in the build), and, when it is a jar, a sources jar,
 * a javadoc jar and a CycloneDX SBOM beside it in {@code target/}; with {@code --signed}, a GPG signature of
 * each of those files. Every other module must skip deployment, so that none is published by accident.
 * <p>Arguments: the project's root directory, then optionally {@code --signed}. Throws, listing the problems.
 */
public final class ReleaseCheck {

    private static final String BOM = "dynarocks-bom";

    private ReleaseCheck() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        boolean signed = args.length > 1 && args[1].equals("--signed");
        List<String> problems = problems(root, signed);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Not releasable (" + problems.size() + " problems):\n  "
                    + String.join("\n  ", problems));
        }
        System.out.println("Release check: every published artifact has its POM metadata, sources, javadoc and SBOM"
                + (signed ? ", all signed" : ""));
    }

    /** What Central would refuse in the build under {@code root}; empty when it is releasable. */
    public static List<String> problems(Path root, boolean signed) throws IOException {
        Pom parent = Pom.read(root.resolve("pom.xml"));
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String module : parent.modules()) {
            Path dir = root.resolve(module);
            modules.put(Pom.read(dir.resolve("pom.xml")).artifactId(), dir);
        }
        Path bomDir = modules.get(BOM);
        if (bomDir == null) {
            return List.of("no module " + BOM + ": it lists the published modules");
        }
        List<String> published = new ArrayList<>(Pom.read(bomDir.resolve("pom.xml")).managedArtifactIds());
        published.add(BOM);

        List<String> problems = new ArrayList<>();
        new Artifact(parent.artifactId(), root, parent, null).check(signed, problems);
        for (String artifactId : published) {
            Path dir = modules.get(artifactId);
            if (dir == null) {
                problems.add(BOM + " lists " + artifactId + ", which is no module of the build");
                continue;
            }
            Pom pom = Pom.read(publishedPom(dir));
            new Artifact(artifactId, dir, pom, pom.hasParent() ? parent : null).check(signed, problems);
        }
        for (Map.Entry<String, Path> module : modules.entrySet()) {
            if (!published.contains(module.getKey())
                    && !"true".equals(Pom.read(module.getValue().resolve("pom.xml")).property("maven.deploy.skip"))) {
                problems.add(module.getKey() + ": neither in " + BOM + " (published) nor maven.deploy.skip=true");
            }
        }
        return problems;
    }

    /** The POM that is uploaded: the shade plugin's dependency-reduced POM when it made one. */
    private static Path publishedPom(Path moduleDir) {
        Path reduced = moduleDir.resolve("target/dependency-reduced-pom.xml");
        return Files.isRegularFile(reduced) ? reduced : moduleDir.resolve("pom.xml");
    }
}
