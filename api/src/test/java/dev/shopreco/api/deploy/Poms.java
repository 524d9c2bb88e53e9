package dev.shopreco.api.deploy;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The reactor as its poms describe it: modules, their dependencies on each other, their jars' names. */
final class Poms {

    private Poms() {
    }

    /** The modules the root pom lists. */
    static List<String> modules() {
        return texts(children(parse(DeploymentFiles.ROOT.resolve("pom.xml")).getDocumentElement(), "modules"), "module");
    }

    /** {@code modules} and every module they depend on, directly or not (what {@code mvn -pl ... -am} builds). */
    static Set<String> withDependencies(final List<String> modules) {
        final Set<String> all = new LinkedHashSet<>();
        final Deque<String> todo = new ArrayDeque<>(modules);
        while (!todo.isEmpty()) {
            final String module = todo.pop();
            if (all.add(module)) {
                todo.addAll(siblingDependencies(module));
            }
        }
        return all;
    }

    /** The {@code finalName} of the module's shaded jar, if it has one. */
    static Optional<String> shadedJarName(final String module) {
        final NodeList names = parse(DeploymentFiles.ROOT.resolve(module).resolve("pom.xml"))
                .getElementsByTagName("finalName");
        return names.getLength() == 0 ? Optional.empty() : Optional.of(names.item(0).getTextContent().strip());
    }

    private static List<String> siblingDependencies(final String module) {
        final Document pom = parse(DeploymentFiles.ROOT.resolve(module).resolve("pom.xml"));
        final List<String> siblings = new ArrayList<>();
        final Element dependencies = children(pom.getDocumentElement(), "dependencies");
        if (dependencies == null) {
            return siblings;
        }
        for (final Element dependency : elements(dependencies, "dependency")) {
            if ("dev.shopreco".equals(text(dependency, "groupId"))) {
                siblings.add(text(dependency, "artifactId"));
            }
        }
        return siblings;
    }

    private static Document parse(final Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (final Exception e) {
            throw new AssertionError("Cannot parse " + file, e);
        }
    }

    private static Element children(final Element parent, final String name) {
        final List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> elements(final Element parent, final String name) {
        final List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<String> texts(final Element parent, final String name) {
        return elements(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static String text(final Element parent, final String name) {
        final Element e = children(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
