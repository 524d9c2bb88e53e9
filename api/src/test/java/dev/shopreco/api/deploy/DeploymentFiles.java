package dev.shopreco.api.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files read as data: the {@code Dockerfile} (stages and their
 * instructions), {@code .dockerignore}, and the Kubernetes objects of {@code deploy/k8s} (every file
 * its kustomization lists). Reading is all: nothing here builds an image or talks to a cluster.
 */
public final class DeploymentFiles {

    /** The repository root (tests run in the module's folder). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path K8S = ROOT.resolve("deploy/k8s");

    private DeploymentFiles() {
    }

    /** One instruction: its keyword upper-cased and the rest of its (continued) line. */
    public record Instruction(String keyword, String args) {
    }

    /** One stage: its base image, its name ({@code AS ...}, or null) and its instructions. */
    public record Stage(String image, String name, List<Instruction> instructions) {

        public List<String> args(final String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
        }
    }

    /** The stages of the root {@code Dockerfile}, in order. */
    public static List<Stage> dockerfile() {
        final List<Stage> stages = new ArrayList<>();
        final String text = read(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\r?\\n", " ");
        for (final String raw : text.split("\\r?\\n")) {
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] parts = line.split("\\s+", 2);
            final String keyword = parts[0].toUpperCase();
            final String args = parts.length > 1 ? parts[1].strip() : "";
            if (keyword.equals("FROM")) {
                final String[] from = args.split("\\s+");
                stages.add(new Stage(from[0], from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null,
                        new ArrayList<>()));
            } else {
                if (stages.isEmpty()) {
                    throw new AssertionError("Dockerfile: " + keyword + " before the first FROM");
                }
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, args));
            }
        }
        return stages;
    }

    /** The patterns of {@code .dockerignore}. */
    public static List<String> dockerignore() {
        return read(ROOT.resolve(".dockerignore")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * Whether {@code path} (relative to the root) is left out of the build context: a pattern
     * matches it or one of its parent folders ({@code *} within a name, {@code **} across folders).
     */
    public static boolean ignored(final String path) {
        final String clean = path.replaceAll("^\\./", "").replaceAll("/$", "");
        for (final String pattern : dockerignore()) {
            final String p = pattern.replaceAll("^/", "").replaceAll("/$", "");
            if (Pattern.compile(globToRegex(p) + "(?:/.*)?").matcher(clean).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String globToRegex(final String glob) {
        final StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
            }
        }
        return regex.toString();
    }

    /** Every object of {@code deploy/k8s}, in the kustomization's order. */
    public static List<Map<String, Object>> k8s() {
        final List<Map<String, Object>> objects = new ArrayList<>();
        for (final String file : k8sFiles()) {
            for (final Object doc : new Yaml().loadAll(read(K8S.resolve(file)))) {
                if (doc != null) {
                    objects.add(map(doc));
                }
            }
        }
        return objects;
    }

    /** The files the kustomization lists. */
    @SuppressWarnings("unchecked")
    public static List<String> k8sFiles() {
        final Map<String, Object> kustomization = map(new Yaml().load(read(K8S.resolve("kustomization.yaml"))));
        return (List<String>) kustomization.get("resources");
    }

    /** The one object of {@code kind} named {@code name}. */
    public static Map<String, Object> k8s(final String kind, final String name) {
        final List<Map<String, Object>> found = k8s().stream().filter(o -> kind.equals(o.get("kind"))
                && name.equals(map(o.get("metadata")).get("name"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("deploy/k8s: expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The objects of {@code kind}. */
    public static List<Map<String, Object>> k8sOfKind(final String kind) {
        return k8s().stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The StatefulSet's first container. */
    public static Map<String, Object> apiContainer() {
        final Map<String, Object> set = k8sOfKind("StatefulSet").get(0);
        return map(list(map(map(map(set.get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }

    /** The HTTP paths of the API container's startup, liveness and readiness probes. */
    public static List<String> probePaths() {
        final Map<String, Object> container = apiContainer();
        final List<String> paths = new ArrayList<>();
        for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            if (container.get(probe) != null) {
                paths.add((String) map(map(container.get(probe)).get("httpGet")).get("path"));
            }
        }
        return paths;
    }

    public static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(final Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(final Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list, got " + value);
        }
        return (List<Object>) value;
    }
}
