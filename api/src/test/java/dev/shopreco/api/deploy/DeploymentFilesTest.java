package dev.shopreco.api.deploy;

import static dev.shopreco.api.deploy.DeploymentFiles.apiContainer;
import static dev.shopreco.api.deploy.DeploymentFiles.k8s;
import static dev.shopreco.api.deploy.DeploymentFiles.k8sOfKind;
import static dev.shopreco.api.deploy.DeploymentFiles.list;
import static dev.shopreco.api.deploy.DeploymentFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.api.deploy.DeploymentFiles.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code Dockerfile}, {@code .dockerignore} and {@code deploy/k8s} checked as data, for what would
 * break at run time: the build stage copies what the reactor needs and the runtime stage what the
 * build makes; ports, user ids, paths and variable names agree between the files and with the code.
 * No container engine or Kubernetes cluster runs here, so this proves consistency, not that an engine
 * accepts the files: that the probe paths answer is checked on the running jar
 * ({@code ApplicationJarIntegrationTest}).
 */
class DeploymentFilesTest {

    private static final Pattern JSON_ARRAY_ITEM = Pattern.compile("\"([^\"]*)\"");

    private final List<Stage> stages = DeploymentFiles.dockerfile();
    private final Stage build = stages.get(0);
    private final Stage runtime = stages.get(stages.size() - 1);

    @Test
    void shouldBuildWithMavenInsideTheImageAndRunOnAJreOfTheProjectsJavaVersion() throws IOException {
        assertTrue(stages.size() >= 2, "multi-stage: " + stages);
        final String release = javaRelease();
        assertTrue(build.image().startsWith("maven:") && build.image().endsWith("-eclipse-temurin-" + release),
                "the build stage has Maven and a JDK " + release + ": " + build.image());
        assertTrue(build.args("RUN").stream().anyMatch(r -> r.contains("mvn ") && r.contains(" package")),
                "the build stage runs the Maven build");
        assertTrue(runtime.image().matches("eclipse-temurin:" + release + "(\\.[0-9.]+)?-jre"),
                "the runtime stage is a JRE " + release + ", not a JDK: " + runtime.image());
        assertEquals(0, runtime.args("RUN").stream().filter(r -> r.contains("mvn")).count(), "no build at run time");
    }

    @Test
    void shouldCopyEveryPomTheReactorReadsAndTheSourcesOfEveryModuleItBuilds() {
        final List<String> copied = build.args("COPY").stream().map(c -> c.split("\\s+")[0]).toList();
        for (final String module : Poms.modules()) {
            assertTrue(copied.contains(module + "/pom.xml"), "the reactor reads " + module + "/pom.xml even when "
                    + "it does not build it: COPY it");
        }
        assertTrue(copied.contains("pom.xml"));
        final List<String> built = builtModules();
        for (final String module : Poms.withDependencies(built)) {
            assertTrue(copied.contains(module + "/src"), "mvn -pl " + String.join(",", built) + " -am builds "
                    + module + ": COPY " + module + "/src");
        }
        for (final String source : copied) {
            assertTrue(Files.exists(DeploymentFiles.ROOT.resolve(source)), "COPY " + source + ": no such path");
            assertFalse(DeploymentFiles.ignored(source), "COPY " + source + " is left out of the context by .dockerignore");
        }
    }

    @Test
    void shouldRunTheJarsTheBuildStageMakesAsAnUnprivilegedNumericUser() {
        final Map<String, String> jars = new HashMap<>();
        for (final String copy : runtime.args("COPY")) {
            final String[] parts = copy.split("\\s+");
            if (parts[0].startsWith("--from=")) {
                assertEquals("--from=" + build.name(), parts[0]);
                jars.put(parts[2], parts[1]);
            }
        }
        final List<String> built = builtModules();
        for (final Map.Entry<String, String> jar : jars.entrySet()) {
            final Matcher source = Pattern.compile("/src/([^/]+)/target/([^/]+)\\.jar").matcher(jar.getValue());
            assertTrue(source.matches(), jar.getValue());
            assertTrue(built.contains(source.group(1)), "the build stage does not build " + source.group(1));
            assertEquals(source.group(2), Poms.shadedJarName(source.group(1)).orElse(null),
                    jar.getValue() + " is not the jar " + source.group(1) + "'s pom makes");
        }
        final List<String> entrypoint = jsonArray(single(runtime, "ENTRYPOINT"));
        assertEquals("java", entrypoint.get(0), "exec form: the JVM is PID 1 and gets SIGTERM");
        assertTrue(jars.containsKey(entrypoint.get(entrypoint.indexOf("-jar") + 1)), "the entry point runs a copied jar");

        final String[] user = single(runtime, "USER").split(":");
        assertTrue(user[0].matches("\\d+") && !user[0].equals("0"),
                "a numeric, non-root user (Kubernetes' runAsNonRoot cannot check a name): " + user[0]);
        final Map<String, Object> security = podSpecSecurity();
        assertEquals(Boolean.TRUE, security.get("runAsNonRoot"));
        assertEquals(Integer.parseInt(user[0]), security.get("runAsUser"), "the pod runs as the image's user");
        assertEquals(Integer.parseInt(user.length > 1 ? user[1] : user[0]), security.get("fsGroup"),
                "the state volume is writable by the image's group");
    }

    @Test
    void shouldKeepBuildOutputLocalDataAndHistoryOutOfTheContext() {
        for (final String path : List.of("target", "api/target", "local-kafka/target/local-kafka.jar", ".local-kafka",
                ".run/api.log", ".git")) {
            assertTrue(DeploymentFiles.ignored(path), path + " is sent to the builder");
        }
        assertTrue(DeploymentFiles.dockerignore().containsAll(List.of("target/", ".local-kafka/", ".run/", ".git")));
    }

    @Test
    void shouldApplyEveryK8sFileThroughTheKustomizationAndKeepSecretsOutOfTheRepository() throws IOException {
        final Set<String> files;
        try (Stream<Path> list = Files.list(DeploymentFiles.K8S)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toSet());
        }
        assertEquals(files, new HashSet<>(DeploymentFiles.k8sFiles()), "every file applied by kubectl apply -k");
        assertEquals(List.of(), k8sOfKind("Secret"), "secrets are the operator's, never in the repository");
        assertEquals(Set.of("ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget"),
                k8s().stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet()));
    }

    @Test
    void shouldGiveEachPodAStableNameThroughAHeadlessServiceAndAdvertiseItAsItsApplicationServer() {
        final Map<String, Object> set = map(k8sOfKind("StatefulSet").get(0).get("spec"));
        final Map<String, Object> headless = map(DeploymentFiles.k8s("Service", (String) set.get("serviceName")).get("spec"));
        assertEquals("None", headless.get("clusterIP"), "serviceName names a headless Service");
        final Map<String, Object> labels = map(map(map(set.get("template")).get("metadata")).get("labels"));
        assertTrue(labels.entrySet().containsAll(map(map(set.get("selector")).get("matchLabels")).entrySet()));
        for (final Map<String, Object> service : k8sOfKind("Service")) {
            final Map<String, Object> spec = map(service.get("spec"));
            assertTrue(labels.entrySet().containsAll(map(spec.get("selector")).entrySet()), "selects the pods");
            for (final Object port : list(spec.get("ports"))) {
                assertEquals(containerPort(map(port).get("targetPort")), httpPort(), "targets the HTTP port");
            }
        }
        final Map<String, String> env = envValues();
        final Matcher server = Pattern.compile("\\$\\(([A-Z_]+)\\)\\.([a-z0-9-]+):(\\d+)")
                .matcher(env.get("STREAMS_APPLICATION_SERVER"));
        assertTrue(server.matches(), "<pod name>.<headless service>:<port>: " + env.get("STREAMS_APPLICATION_SERVER"));
        assertEquals("metadata.name", fieldRef(server.group(1)), server.group(1) + " is the pod's name");
        assertEquals(set.get("serviceName"), server.group(2));
        assertEquals(httpPort(), Integer.parseInt(server.group(3)));
    }

    @Test
    void shouldListenProbeAndExposeOnePort() {
        final int port = httpPort();
        assertEquals(Integer.toString(port), envValues().get("PORT"), "the API listens on PORT");
        assertEquals(Integer.toString(port), single(runtime, "EXPOSE"));
        assertTrue(single(runtime, "ENV").contains("PORT=" + port), "the image's default PORT");
        final Map<String, Object> container = apiContainer();
        for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertNotNull(container.get(probe), probe);
            assertEquals(port, containerPort(map(map(container.get(probe)).get("httpGet")).get("port")), probe);
        }
        assertEquals(List.of("/health/liveness", "/health/liveness", "/health/readiness"), DeploymentFiles.probePaths(),
                "Micronaut's probe endpoints (there is no /health/startup); ApplicationJarIntegrationTest asks them");
    }

    @Test
    void shouldSetOnlyVariablesTheApiReadsAndDefineEachBeforeItIsReferenced() {
        final List<Object> env = list(apiContainer().get("env"));
        final Set<String> defined = new HashSet<>();
        final Set<String> referenced = new HashSet<>();
        for (final Object item : env) {
            final Map<String, Object> variable = map(item);
            final String value = (String) variable.get("value");
            if (value != null) {
                final Matcher ref = Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(value);
                while (ref.find()) {
                    assertTrue(defined.contains(ref.group(1)), "$(" + ref.group(1) + ") in " + variable.get("name")
                            + " is only expanded if defined earlier in the list");
                    referenced.add(ref.group(1));
                }
            }
            defined.add((String) variable.get("name"));
        }
        for (final String name : defined) {
            assertTrue(ApiVariables.isRead(name) || referenced.contains(name), name + " is neither read by the API "
                    + "nor used by another variable");
        }
        final Map<String, Object> configMap = k8sOfKind("ConfigMap").get(0);
        assertEquals(map(configMap.get("metadata")).get("name"),
                map(map(list(apiContainer().get("envFrom")).get(0)).get("configMapRef")).get("name"));
        for (final String name : map(configMap.get("data")).keySet()) {
            assertTrue(ApiVariables.isRead(name), "the ConfigMap sets " + name + ", which the API does not read");
        }
    }

    @Test
    void shouldKeepTheStateOnAClaimAndReadKafkaClientSettingsFromAMountedSecret() {
        final Map<String, Object> set = map(k8sOfKind("StatefulSet").get(0).get("spec"));
        final Map<String, String> env = envValues();
        final Map<String, String> mounts = new HashMap<>();
        for (final Object mount : list(apiContainer().get("volumeMounts"))) {
            mounts.put((String) map(mount).get("name"), (String) map(mount).get("mountPath"));
        }
        final Set<String> claims = list(set.get("volumeClaimTemplates")).stream()
                .map(c -> (String) map(map(c).get("metadata")).get("name")).collect(Collectors.toSet());
        final Map<String, Map<String, Object>> volumes = new HashMap<>();
        for (final Object volume : list(map(map(set.get("template")).get("spec")).get("volumes"))) {
            volumes.put((String) map(volume).get("name"), map(volume));
        }
        for (final String name : mounts.keySet()) {
            assertTrue(claims.contains(name) || volumes.containsKey(name), "mount " + name + " has no volume");
        }
        final String stateMount = mounts.entrySet().stream().filter(m -> m.getValue().equals(env.get("STREAMS_STATE_DIR")))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("STREAMS_STATE_DIR is not mounted"));
        assertTrue(claims.contains(stateMount), "the state directory is a PersistentVolumeClaim per pod");
        assertTrue(single(runtime, "VOLUME").contains(env.get("STREAMS_STATE_DIR")), "the image's state directory");

        final Path clientFile = Path.of(env.get("KAFKA_CLIENT_CONFIG_FILE"));
        final String secretMount = mounts.entrySet().stream().filter(m -> clientFile.startsWith(m.getValue()))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(clientFile + " is not mounted"));
        assertNotNull(volumes.get(secretMount).get("secret"), "Kafka client settings come from a Secret");
    }

    @Test
    void shouldLetOnlyOneInstanceBeDisruptedAtATimeAndReplaceThemOneByOne() {
        final Map<String, Object> pdb = map(k8sOfKind("PodDisruptionBudget").get(0).get("spec"));
        final Map<String, Object> set = map(k8sOfKind("StatefulSet").get(0).get("spec"));
        final Map<String, Object> labels = map(map(map(set.get("template")).get("metadata")).get("labels"));
        assertTrue(labels.entrySet().containsAll(map(map(pdb.get("selector")).get("matchLabels")).entrySet()));
        assertEquals(1, pdb.get("maxUnavailable"));
        assertTrue((Integer) set.get("replicas") >= 2, "a budget of one needs a second instance to serve meanwhile");
        assertEquals("RollingUpdate", map(set.get("updateStrategy")).get("type"));
        assertEquals("1", map(k8sOfKind("ConfigMap").get(0).get("data")).get("STREAMS_STANDBY_REPLICAS"),
                "a standby copy of each store on another instance");
    }

    @Test
    void shouldRunTheImageThatComposeBuilds() {
        final Map<String, Object> compose = map(new org.yaml.snakeyaml.Yaml().load(
                DeploymentFiles.read(DeploymentFiles.ROOT.resolve("docker-compose.yml"))));
        final Map<String, Object> api = map(map(compose.get("services")).get("api-1"));
        assertEquals(api.get("image"), apiContainer().get("image"));
        assertEquals("Dockerfile", map(api.get("build")).get("dockerfile"));
    }

    /** The modules the build stage's Maven command builds ({@code -pl}). */
    private List<String> builtModules() {
        final String mvn = build.args("RUN").stream().filter(r -> r.contains("mvn ")).findFirst().orElseThrow();
        final Matcher pl = Pattern.compile("-pl\\s+(\\S+)").matcher(mvn);
        assertTrue(pl.find() && mvn.contains(" -am"), "mvn -pl MODULES -am: " + mvn);
        return Arrays.asList(pl.group(1).split(","));
    }

    private static String single(final Stage stage, final String keyword) {
        final List<String> args = stage.args(keyword);
        assertEquals(1, args.size(), keyword + " in the runtime stage: " + args);
        return args.get(0);
    }

    private static List<String> jsonArray(final String text) {
        assertTrue(text.startsWith("["), "exec form (a JSON array): " + text);
        final List<String> items = new ArrayList<>();
        final Matcher item = JSON_ARRAY_ITEM.matcher(text);
        while (item.find()) {
            items.add(item.group(1));
        }
        return items;
    }

    private static Map<String, Object> podSpecSecurity() {
        final Map<String, Object> set = map(k8sOfKind("StatefulSet").get(0).get("spec"));
        return map(map(map(set.get("template")).get("spec")).get("securityContext"));
    }

    private static int httpPort() {
        final List<Object> ports = list(apiContainer().get("ports"));
        assertEquals(1, ports.size());
        return (Integer) map(ports.get(0)).get("containerPort");
    }

    /** A probe's or Service's port: a number, or the name of a container port. */
    private static int containerPort(final Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        for (final Object p : list(apiContainer().get("ports"))) {
            if (port.equals(map(p).get("name"))) {
                return (Integer) map(p).get("containerPort");
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private static Map<String, String> envValues() {
        final Map<String, String> values = new HashMap<>();
        for (final Object item : list(apiContainer().get("env"))) {
            values.put((String) map(item).get("name"), (String) map(item).get("value"));
        }
        return values;
    }

    private static String fieldRef(final String name) {
        for (final Object item : list(apiContainer().get("env"))) {
            if (name.equals(map(item).get("name"))) {
                return (String) map(map(map(item).get("valueFrom")).get("fieldRef")).get("fieldPath");
            }
        }
        throw new AssertionError(name + " is not defined");
    }

    private static String javaRelease() throws IOException {
        final Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
                .matcher(Files.readString(DeploymentFiles.ROOT.resolve("pom.xml")));
        assertTrue(release.find());
        return release.group(1);
    }
}
