package io.dynarocks.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What the self-contained jar holds and what its published POM asks of the application. */
class EmbeddedJarTest {

    private static List<String> entries;
    private static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        String path = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(p -> Path.of(p).getFileName().toString().startsWith("dynarocks-embedded-"))
                .findFirst().orElseThrow(() -> new IllegalStateException("dynarocks-embedded is not on the class path"));
        jar = new JarFile(path);
        entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }

    @Test
    void everyBundledClassIsDynaRocksOwnOrRelocated() {
        assertThat(entries).as("classes neither DynaRocks' own nor relocated: add a relocation to embedded/pom.xml")
                .filteredOn(e -> e.endsWith(".class") && !e.startsWith("io/dynarocks/"))
                .isEmpty();
        assertThat(entries).as("the public API keeps its package")
                .contains("io/dynarocks/server/DynaRocks.class", "io/dynarocks/server/DynaRocks$Builder.class",
                        "io/dynarocks/client/InProcessClients.class")
                .anyMatch(e -> e.startsWith("io/dynarocks/shaded/io/netty/"));
    }

    @Test
    void bundledNativeLibrariesCarryTheRelocatedPrefixNettyLooksFor() {
        assertThat(entries).filteredOn(e -> e.startsWith("META-INF/native/") && !e.endsWith("/"))
                .allMatch(e -> e.startsWith("META-INF/native/libio_dynarocks_shaded_"));
    }

    @Test
    void serviceFilesNameOnlyRelocatedOrOwnTypes() throws IOException {
        List<String> services = new ArrayList<>();
        for (String e : entries) {
            if (e.startsWith("META-INF/services/") && !e.endsWith("/")) {
                services.add(e.substring("META-INF/services/".length()));
                String providers = new String(jar.getInputStream(jar.getJarEntry(e)).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(providers.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                        .allMatch(l -> l.startsWith("io.dynarocks."));
            }
        }
        assertThat(services).allMatch(s -> s.startsWith("io.dynarocks."), "a relocated or own service type")
                .noneMatch(s -> s.contains("logback"));
    }

    @Test
    void publishedPomAsksOnlyForTheAwsSdkRocksDbAndTheSlf4jApi() throws Exception {
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new File(System.getProperty("embedded.pom"))).getDocumentElement();
        Element dependencies = (Element) pom.getElementsByTagName("dependencies").item(0);
        List<String> runtime = new ArrayList<>();
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            String scope = text(d, "scope");
            boolean optional = "true".equals(text(d, "optional"));
            if (!optional && (scope == null || scope.equals("compile") || scope.equals("runtime"))) {
                runtime.add(text(d, "groupId") + ":" + text(d, "artifactId"));
            }
        }
        assertThat(runtime).containsExactlyInAnyOrder(
                "software.amazon.awssdk:dynamodb", "org.rocksdb:rocksdbjni", "org.slf4j:slf4j-api");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
