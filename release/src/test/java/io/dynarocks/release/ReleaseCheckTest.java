package io.dynarocks.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check on a small project laid out as the release profile leaves the real one. */
class ReleaseCheckTest {

    private static final String METADATA = """
              <url>https://github.com/example/dynarocks</url>
              <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>
              <developers><developer><name>The maintainers</name></developer></developers>
              <scm><connection>scm:git:https://github.com/example/dynarocks.git</connection><url>https://github.com/example/dynarocks</url></scm>
            """;

    @TempDir
    Path root;

    @BeforeEach
    void releasableProject() throws IOException {
        write("pom.xml", """
                <project><groupId>io.dynarocks</groupId><artifactId>dynarocks-parent</artifactId><version>1.0.0</version>
                  <packaging>pom</packaging><name>DynaRocks</name><description>parent</description>
                """ + METADATA + """
                  <modules><module>engine</module><module>bom</module><module>tests</module></modules>
                </project>
                """);
        write("bom/pom.xml", """
                <project><groupId>io.dynarocks</groupId><artifactId>dynarocks-bom</artifactId><version>1.0.0</version>
                  <packaging>pom</packaging><name>DynaRocks BOM</name><description>versions</description>
                """ + METADATA + """
                  <dependencyManagement><dependencies>
                    <dependency><groupId>io.dynarocks</groupId><artifactId>dynarocks-engine</artifactId></dependency>
                  </dependencies></dependencyManagement>
                </project>
                """);
        write("engine/pom.xml", module("dynarocks-engine", "<name>DynaRocks Engine</name><description>engine</description>"));
        write("tests/pom.xml", module("dynarocks-tests",
                "<properties><maven.deploy.skip>true</maven.deploy.skip></properties>"));
        for (String suffix : new String[] {".jar", "-sources.jar", "-javadoc.jar"}) {
            jar("engine/target/dynarocks-engine-1.0.0" + suffix);
        }
        write("engine/target/dynarocks-engine-1.0.0-cyclonedx.json", "{}");
    }

    @Test
    void aCompleteBuildIsReleasable() throws IOException {
        assertThat(ReleaseCheck.problems(root, false)).isEmpty();
    }

    @Test
    void aModuleWithoutItsSourcesJarIsNotReleasable() throws IOException {
        Files.delete(root.resolve("engine/target/dynarocks-engine-1.0.0-sources.jar"));

        assertThat(ReleaseCheck.problems(root, false))
                .containsExactly("dynarocks-engine: no sources.jar (target/dynarocks-engine-1.0.0-sources.jar)");
        assertThatThrownBy(() -> ReleaseCheck.main(new String[] {root.toString()}))
                .hasMessageContaining("Not releasable (1 problems)")
                .hasMessageContaining("dynarocks-engine: no sources.jar");
    }

    @Test
    void anEmptyJavadocJarDoesNotCount() throws IOException {
        Path javadoc = root.resolve("engine/target/dynarocks-engine-1.0.0-javadoc.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(javadoc))) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
        }

        assertThat(ReleaseCheck.problems(root, false))
                .containsExactly("dynarocks-engine: no javadoc.jar (target/dynarocks-engine-1.0.0-javadoc.jar)");
    }

    @Test
    void licenseMetadataMissingFromTheParentIsMissingFromEveryModuleThatInheritsIt() throws IOException {
        rewrite("pom.xml", "<licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>", "");

        assertThat(ReleaseCheck.problems(root, false)).containsExactly(
                "dynarocks-parent: no license name in its POM",
                "dynarocks-parent: no license URL in its POM",
                "dynarocks-engine: no license name in its POM",
                "dynarocks-engine: no license URL in its POM");
    }

    @Test
    void theBomCarriesItsOwnMetadata() throws IOException {
        rewrite("bom/pom.xml", "<developers><developer><name>The maintainers</name></developer></developers>", "");
        rewrite("bom/pom.xml", "<name>DynaRocks BOM</name>", "");

        assertThat(ReleaseCheck.problems(root, false)).containsExactly(
                "dynarocks-bom: no name in its POM",
                "dynarocks-bom: no developer in its POM");
    }

    @Test
    void aModuleNeitherPublishedNorSkippedIsReported() throws IOException {
        rewrite("tests/pom.xml", "<maven.deploy.skip>true</maven.deploy.skip>", "");

        assertThat(ReleaseCheck.problems(root, false))
                .containsExactly("dynarocks-tests: neither in dynarocks-bom (published) nor maven.deploy.skip=true");
    }

    @Test
    void aSignedReleaseNeedsASignatureOfEveryFile() throws IOException {
        for (String file : new String[] {"target/dynarocks-parent-1.0.0.pom.asc", "bom/target/dynarocks-bom-1.0.0.pom.asc",
                "engine/target/gpg/dynarocks-engine-1.0.0.pom.asc", "engine/target/dynarocks-engine-1.0.0.jar.asc",
                "engine/target/dynarocks-engine-1.0.0-sources.jar.asc", "engine/target/dynarocks-engine-1.0.0-javadoc.jar.asc"}) {
            write(file, "signature");
        }
        assertThat(ReleaseCheck.problems(root, true))
                .containsExactly("dynarocks-engine: dynarocks-engine-1.0.0-cyclonedx.json is not signed");

        write("engine/target/dynarocks-engine-1.0.0-cyclonedx.json.asc", "signature");
        assertThat(ReleaseCheck.problems(root, true)).isEmpty();
    }

    private static String module(String artifactId, String rest) {
        return "<project><parent><groupId>io.dynarocks</groupId><artifactId>dynarocks-parent</artifactId>"
                + "<version>1.0.0</version></parent><artifactId>" + artifactId + "</artifactId>" + rest + "</project>";
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private void rewrite(String file, String part, String replacement) throws IOException {
        String text = Files.readString(root.resolve(file));
        assertThat(text).contains(part);
        Files.writeString(root.resolve(file), text.replace(part, replacement));
    }

    private void jar(String file) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
            out.putNextEntry(new ZipEntry("io/dynarocks/engine/Engine.class"));
            out.write(new byte[] {1});
        }
    }
}
