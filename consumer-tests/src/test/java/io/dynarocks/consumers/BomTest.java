package io.dynarocks.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The bill of materials names every published module. */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void bomManagesEveryPublishedModule() throws Exception {
        List<String> published = new ArrayList<>();
        for (String module : children(pom(ROOT.resolve("pom.xml")), "modules", "module")) {
            Element project = pom(ROOT.resolve(module).resolve("pom.xml"));
            // Modules built and tested but not published say so (RELEASING.md); the BOM does not list itself.
            if (!module.equals("bom") && !skipsDeploy(project)) {
                published.add(artifactId(project));
            }
        }

        List<String> managed = children(pom(ROOT.resolve("bom/pom.xml")), "dependencies", "artifactId");

        assertThat(managed).as("bom/pom.xml must manage every published module").containsExactlyInAnyOrderElementsOf(published);
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static boolean skipsDeploy(Element project) {
        NodeList skip = project.getElementsByTagName("maven.deploy.skip");
        return skip.getLength() > 0 && skip.item(0).getTextContent().strip().equals("true");
    }

    private static String artifactId(Element project) {
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("artifactId")) {
                return e.getTextContent().strip();
            }
        }
        throw new IllegalStateException("no artifactId");
    }

    /** The text of every {@code tag} under the first {@code container} element. */
    private static List<String> children(Element root, String container, String tag) {
        Element parent = (Element) root.getElementsByTagName(container).item(0);
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }
}
