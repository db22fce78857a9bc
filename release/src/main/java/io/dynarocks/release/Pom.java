package io.dynarocks.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The few elements of a POM file that the release check reads, as written (not Maven's effective model). */
record Pom(Element project) {

    static Pom read(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            return new Pom(document.getDocumentElement());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    String artifactId() {
        return text("artifactId");
    }

    String version() {
        return text("version");
    }

    String packaging() {
        String packaging = text("packaging");
        return packaging == null ? "jar" : packaging;
    }

    boolean hasParent() {
        return child(project, "parent") != null;
    }

    String property(String name) {
        return text("properties/" + name);
    }

    List<String> modules() {
        return texts(child(project, "modules"), "module");
    }

    List<String> managedArtifactIds() {
        Element dependencies = element("dependencyManagement/dependencies");
        List<String> ids = new ArrayList<>();
        if (dependencies != null) {
            for (Node n = dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element dependency && dependency.getTagName().equals("dependency")) {
                    ids.add(child(dependency, "artifactId").getTextContent().strip());
                }
            }
        }
        return ids;
    }

    /** The text of the first element at a slash-separated path below {@code <project>}, or null. */
    String text(String path) {
        Element e = element(path);
        if (e == null) {
            return null;
        }
        String text = e.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private Element element(String path) {
        Element e = project;
        for (String name : path.split("/")) {
            e = e == null ? null : child(e, name);
        }
        return e;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<String> texts(Element parent, String name) {
        List<String> texts = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    texts.add(e.getTextContent().strip());
                }
            }
        }
        return texts;
    }
}
