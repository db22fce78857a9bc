package io.dynarocks.consumers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prepares the consumer projects for the Maven Invoker Plugin: copies them to the directory it runs them in, with
 * {@code @project.version@} in their POMs replaced by DynaRocks' version. Each must declare DynaRocks with the README's {@code ```xml}
 * dependency blocks, verbatim, and no other DynaRocks dependency; each gets the README's complete
 * Java examples that its {@code readme-examples.txt} names, written verbatim into its {@code src/test/java}.
 * Every complete example of the README must be run by at least one project.
 * The README's blocks name the released version (what users get from Maven Central); they are read as naming
 * the version being built, which the consumer projects use.
 * <p>Arguments: the README, the consumer projects' sources, the directory to prepare them in, DynaRocks' version,
 * and the released version the README names.
 */
public final class ConsumerProjects {

    private static final Pattern BLOCK = Pattern.compile("```(java|xml)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");
    private static final String DYNAROCKS_GROUP = "<groupId>io.dynarocks</groupId>";

    private ConsumerProjects() {}

    public static void main(String[] args) throws IOException {
        String readme = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Path sources = Path.of(args[1]);
        Path clones = Path.of(args[2]);
        String version = args[3];
        String releasedVersion = args[4];
        Map<String, String> examples = new LinkedHashMap<>();
        List<List<String>> dependencyBlocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            String text = block.group(2);
            Matcher name = CLASS.matcher(text);
            if (block.group(1).equals("java") && text.startsWith("import ") && name.find()) {
                examples.put(name.group(1), text);
            } else if (block.group(1).equals("xml") && text.contains(DYNAROCKS_GROUP)) {
                dependencyBlocks.add(lines(text.replace("<version>" + releasedVersion + "</version>",
                        "<version>" + version + "</version>")));
            }
        }
        delete(clones); // a consumer project runs on what its sources hold now, nothing left from an earlier build
        Set<String> run = new HashSet<>();
        List<String> problems = new ArrayList<>();
        List<Path> projects;
        try (Stream<Path> dirs = Files.list(sources)) {
            projects = dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).sorted().toList();
        }
        for (Path project : projects) {
            String pom = Files.readString(project.resolve("pom.xml"), StandardCharsets.UTF_8)
                    .replace("@project.version@", version);
            List<String> pomLines = lines(pom);
            List<List<String>> declared = dependencyBlocks.stream()
                    .filter(b -> Collections.indexOfSubList(pomLines, b) >= 0).toList();
            int declaredArtifacts = declared.stream().mapToInt(b -> count(String.join("\n", b), DYNAROCKS_GROUP)).sum();
            if (declared.isEmpty() || count(pom, DYNAROCKS_GROUP) != declaredArtifacts) {
                problems.add(project.getFileName() + ": must declare DynaRocks with the README's dependency blocks"
                        + " and nothing else of DynaRocks");
            }
            Path copy = clones.resolve(project.getFileName().toString());
            copy(project, copy);
            Files.writeString(copy.resolve("pom.xml"), pom);
            Path testSources = copy.resolve("src/test/java");
            Files.createDirectories(testSources);
            for (String example : lines(Files.readString(project.resolve("readme-examples.txt")))) {
                if (!examples.containsKey(example)) {
                    problems.add(project.getFileName() + ": the README has no complete example " + example);
                    continue;
                }
                Files.writeString(testSources.resolve(example + ".java"), examples.get(example));
                run.add(example);
            }
        }
        for (String example : examples.keySet()) {
            if (!run.contains(example)) {
                problems.add("README example " + example + " is run by no consumer project");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n", problems));
        }
        System.out.printf("Consumer projects prepared: %d, with the README examples %s%n", projects.size(), examples.keySet());
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
