package dev.shopreco.bench.scale;

import dev.shopreco.bench.Freshness;
import dev.shopreco.bench.TopicVolumes;
import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.User;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TopologyDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scale benchmark: one data set of a given size through the real jars, from an empty broker to a
 * caught-up state, and what it cost. See {@code docs/benchmarks.md} for the figures it printed.
 */
@Command(name = "scale",
        description = {"Runs the system on a data set of a given size and prints what it cost: generates the data "
                + "if needed (cached), starts a fresh local broker, replays the data, starts the API "
                + "(api.jar, which hosts the topology) as a child process, waits until the topology's consumer "
                + "group has committed every input and internal topic to its end, then measures each model's "
                + "latency with wrk next to the fixed-answer ceiling.",
                "Prints events/s (first and last 10 %% of the input, overall), records written per event per "
                        + "topic, the API's peak heap and RSS, state on disk per store, p50/p99 per model, and "
                        + "the time until the state caught up. Build the jars first: mvn -B -q package -DskipTests."},
        sortOptions = false)
public final class ScaleCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SIZE", defaultValue = "S",
            description = "S (the repository's data/), M (generate --users 20000 --products 20000 --months 2), "
                    + "L (generate --users 200000 --products 50000 --months 2), or a data folder. Default: S.")
    String size;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "The repository: its data/, */target/*.jar and api/bench/random-user.lua. Default: .")
    Path repository;

    @Option(names = "--data-cache", paramLabel = "DIR", defaultValue = ".bench-data",
            description = "Where generated data sets are kept (DIR/M, DIR/L) for the next run. Default: .bench-data")
    Path dataCache;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".bench-run",
            description = "The run's broker data, API state and logs; emptied at the start, kept after the run. "
                    + "Default: .bench-run")
    Path workDir;

    @Option(names = "--api-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "The API's -Xmx. Default: 1g, what the image gives it in deploy/k8s' 2 GiB "
                    + "(-XX:MaxRAMPercentage=50)")
    String apiHeap;

    @Option(names = "--api-jvm-option", paramLabel = "OPTION",
            description = "Another JVM option for the API (repeatable), e.g. --api-jvm-option=-XX:+UseParallelGC")
    List<String> apiJvmOptions = new ArrayList<>();

    @Option(names = "--api-env", paramLabel = "NAME=VALUE",
            description = "Another environment variable for the API (repeatable), e.g. --api-env "
                    + "STREAMS_COMMIT_INTERVAL=PT1S")
    Map<String, String> apiEnvironment = new LinkedHashMap<>();

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of every topic (SHOP_TOPIC_PARTITIONS). Default: 3")
    int partitions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads per API instance (STREAMS_THREADS). Default: 1")
    int threads;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "API instances sharing the work (same application id, own state folders and ports). "
                    + "Default: 1")
    int instances;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT6H",
            description = "Longest wait for the state to catch up (ISO-8601); then the figures so far are "
                    + "printed, marked as not caught up. Default: PT6H")
    Duration timeout;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "PT35S",
            description = "How long the group must stay committed to every end before the state counts as "
                    + "caught up: longer than the topology's wall-clock flushes (ITEM_GRAM_FLUSH_INTERVAL, 30 s "
                    + "by default). Default: PT35S")
    Duration settle;

    @Option(names = "--wrk-seconds", paramLabel = "N", defaultValue = "15",
            description = "Measured seconds of wrk per model (after a warm-up of a third of it). Default: 15")
    int wrkSeconds;

    @Option(names = "--wrk-connections", paramLabel = "N", defaultValue = "8",
            description = "wrk connections (1 wrk thread). Default: 8")
    int wrkConnections;

    @Option(names = "--skip-latency", description = "Do not measure latency (no wrk needed)")
    boolean skipLatency;

    @Option(names = "--live-events", paramLabel = "N", defaultValue = "0",
            description = "Hold back the data's last N session events; once the state caught up, replay them at "
                    + "--live-rate while measuring freshness (event -> served list). Default: 0 (no live phase)")
    long liveEvents;

    @Option(names = "--live-rate", paramLabel = "EVENTS_PER_S", defaultValue = "1000",
            description = "The held-back events' rate in the live phase. Default: 1000")
    double liveRate;

    @Option(names = "--freshness-trials", paramLabel = "N", defaultValue = "200",
            description = "Purchases measured in the live phase (benchmarks.jar freshness). Default: 200")
    int freshnessTrials;

    @Option(names = "--check-reference",
            description = "Once caught up, compare every user's served interactions and the popularity list, through "
                    + "HTTP (requests spread over the instances), with the batch reference of the data (computed in "
                    + "this JVM: give it heap, e.g. java -Xmx8g for M). Not with --live-events")
    boolean checkReference;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "How often a progress line is printed while the topology works. Default: PT10S")
    Duration progressInterval;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        check();
        final Path apiJar = jar("api", "api.jar");
        final Path brokerJar = jar("local-kafka", "local-kafka.jar");
        final Path producerJar = jar("producer", "producer.jar");
        final Path luaScript = repository.resolve("api/bench/random-user.lua");
        if (!skipLatency && !Files.isRegularFile(luaScript)) {
            throw new IllegalArgumentException("No wrk script " + luaScript.toAbsolutePath() + " (--repo?)");
        }
        final Path data = DataSets.resolve(size, repository, dataCache, producerJar, out).toAbsolutePath().normalize();
        final long[] userRange = userRange(new DataFolder(data));
        final LiveTail tail = liveEvents > 0 ? LiveTail.of(data, liveEvents) : null;
        if (tail != null) {
            out.printf(Locale.ROOT, "==> Holding back the last %,d session events (from %s, %s of event time) for "
                    + "the live phase%n", tail.events(), tail.from(), tail.span());
        }

        DataSets.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        final List<Child> children = new ArrayList<>();
        final Thread cleanup = new Thread(() -> stopAll(children, 20), "scale-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            final Map<String, String> topicEnv = Map.of("SHOP_TOPIC_PARTITIONS", Integer.toString(partitions));
            out.printf("==> Starting a fresh local broker (%d partitions per topic) in %s%n", partitions,
                    workDir.resolve("kafka"));
            final Path readyFile = workDir.resolve("kafka.ready");
            final Child broker = Child.start("broker", List.of(DataSets.javaBinary(), "-jar", brokerJar.toString(),
                    "--port", "0", "--controller-port", "0", "--data-dir", workDir.resolve("kafka").toString(),
                    "--wipe", "--partitions", Integer.toString(partitions), "--ready-file", readyFile.toString(),
                    "--log-file", workDir.resolve("broker.log").toString()), topicEnv, workDir.resolve("local-kafka.out"),
                    null);
            children.add(broker);
            final String bootstrap = awaitReadyFile(broker, readyFile, Duration.ofMinutes(3));
            out.println("    broker ready at " + bootstrap);

            out.printf("==> Replaying %s%n", data);
            final long replayStarted = System.nanoTime();
            final List<String> replayCommand = new ArrayList<>(List.of(DataSets.javaBinary(), "-jar",
                    producerJar.toString(), "replay", "--data", data.toString(), "--bootstrap-servers", bootstrap));
            if (tail != null) {
                replayCommand.addAll(List.of("--to", tail.from().toString()));
            }
            final Child replay = Child.start("replay", replayCommand, topicEnv, workDir.resolve("replay.log"), out);
            children.add(replay);
            if (replay.waitFor() != 0) {
                throw replay.failure("The replay failed");
            }
            final double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                final long events = endOffsets(admin, List.of(Names.TOPIC_SESSIONS)).values().stream()
                        .mapToLong(Long::longValue).sum();
                out.printf("    %,d session records in %s after %.1f s%n", events, Names.TOPIC_SESSIONS, replaySeconds);
                if (events == 0) {
                    throw new IllegalStateException("The replay wrote no session record: nothing to measure");
                }
                final String appId = StreamsSettings.defaults().applicationId();
                final List<Api> apis = startApis(apiJar, bootstrap, appId, topicEnv, children);
                final Run run = new Run(admin, appId, sourceTopics(appId), events, apis);
                run.awaitCaughtUp();
                report(run, data);
                if (checkReference) {
                    checkReference(run, data);
                }
                if (tail != null) {
                    live(run, data, bootstrap, userRange, tail, producerJar, topicEnv, children);
                }
                finish(run, userRange, luaScript);
                out.printf("==> Done; logs and state in %s%n", workDir.toAbsolutePath());
            }
        } finally {
            stopAll(children, 60);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (final IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        return 0;
    }

    /** Stops the children, the last started first (the APIs before the broker). */
    private static void stopAll(final List<Child> children, final int graceSeconds) {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop(graceSeconds);
        }
    }

    private void check() {
        if (partitions < 1 || threads < 1 || instances < 1) {
            throw new IllegalArgumentException("--partitions, --threads and --instances must be at least 1");
        }
        if (checkReference && liveEvents > 0) {
            throw new IllegalArgumentException("--check-reference compares with the whole data set: not with "
                    + "--live-events, whose live phase adds purchases of its own");
        }
        if (liveEvents < 0 || liveRate <= 0 || freshnessTrials < 1) {
            throw new IllegalArgumentException("--live-events must be >= 0, --live-rate > 0, --freshness-trials >= 1");
        }
        if (wrkSeconds < 1 || wrkConnections < 1) {
            throw new IllegalArgumentException("--wrk-seconds and --wrk-connections must be at least 1");
        }
        if (!skipLatency && !Wrk.available()) {
            throw new IllegalStateException("wrk is missing: apt-get install -y wrk (or run with --skip-latency)");
        }
    }

    private Path jar(final String module, final String name) {
        final Path jar = repository.resolve(module).resolve("target").resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar.toAbsolutePath()
                    + ": build the jars first (mvn -B -q package -DskipTests), or point --repo at the repository");
        }
        return jar;
    }

    /** The bootstrap address the broker writes once ready. */
    private static String awaitReadyFile(final Child broker, final Path readyFile, final Duration limit)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(readyFile)) {
                final String address = Files.readString(readyFile).trim();
                if (!address.isEmpty()) {
                    return address;
                }
            }
            if (!broker.alive()) {
                throw broker.failure("The broker did not start");
            }
            Thread.sleep(200);
        }
        throw broker.failure("The broker was not ready within " + limit.toSeconds() + " s");
    }

    /** One API instance: its process, its address, its state folder, its memory. */
    record Api(Child process, String baseUrl, Path stateDir, ProcessMemory memory) {
    }

    private List<Api> startApis(final Path apiJar, final String bootstrap, final String appId,
            final Map<String, String> topicEnv, final List<Child> children) throws IOException {
        final List<Api> apis = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            final int port = freePort();
            final Path stateDir = workDir.resolve("api-" + i).resolve("state");
            Files.createDirectories(stateDir);
            final Map<String, String> env = new HashMap<>(topicEnv);
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("PORT", Integer.toString(port));
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("STREAMS_APPLICATION_ID", appId);
            env.put("STREAMS_STATE_DIR", stateDir.toAbsolutePath().toString());
            env.put("STREAMS_THREADS", Integer.toString(threads));
            env.put("BENCH_FIXED_ENDPOINT", "true");
            // as the image and run.sh set it: fewer glibc arenas keep RocksDB's resident memory near its bound
            env.put("MALLOC_ARENA_MAX", "2");
            env.putAll(apiEnvironment);
            final List<String> command = new ArrayList<>(List.of(DataSets.javaBinary(), "-Xmx" + apiHeap));
            command.addAll(apiJvmOptions);
            command.addAll(List.of("-jar", apiJar.toString()));
            final Path log = workDir.resolve("api-" + i + ".log");
            out.printf("==> Starting API instance %d of %d on 127.0.0.1:%d (-Xmx%s, %d stream thread(s)), log %s%n", i,
                    instances, port, apiHeap, threads, log);
            final Child process = Child.start("api-" + i, command, env, log, null);
            children.add(process);
            final String baseUrl = "http://127.0.0.1:" + port;
            apis.add(new Api(process, baseUrl, stateDir, new ProcessMemory(process.pid(), baseUrl)));
        }
        return apis;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The topics the topology's group consumes, from the topology itself: its sources outside the global
     * stores, internal (repartition) topics under the application id's prefix.
     */
    static List<String> sourceTopics(final String appId) {
        final TreeSet<String> topics = new TreeSet<>();
        for (final TopologyDescription.Subtopology subtopology
                : RecoTopology.build(StreamsSettings.defaults(), new StateVersions()).describe().subtopologies()) {
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().forEach(t -> topics.add(t.endsWith("-repartition") ? appId + "-" + t : t));
                }
            }
        }
        return List.copyOf(topics);
    }

    private static Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        final Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** The smallest and largest user id of the data set: the range wrk draws users from. */
    private static long[] userRange(final DataFolder data) throws IOException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try (BufferedReader lines = data.open(DataFolder.USERS)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (CatalogParser.user(line) instanceof Parsed.Valid<User> valid) {
                    min = Math.min(min, valid.value().userId());
                    max = Math.max(max, valid.value().userId());
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("No valid user in " + data.file(DataFolder.USERS));
        }
        return new long[] {min, max};
    }

    /** The topology's progress, sampled until it has caught up or the time is out. */
    private final class Run {

        private final Admin admin;
        private final String appId;
        private final List<String> topics;
        private final Timeline timeline;
        private final List<Api> apis;
        private final long started = System.nanoTime();
        private final LoadAverage processingLoad = new LoadAverage();
        private double caughtUpAt = Double.NaN;
        private double stoppedAt;
        private int behind;

        Run(final Admin admin, final String appId, final List<String> topics, final long events,
                final List<Api> apis) {
            this.admin = admin;
            this.appId = appId;
            this.topics = topics;
            this.timeline = new Timeline(events);
            this.apis = apis;
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        boolean caughtUp() {
            return !Double.isNaN(caughtUpAt);
        }

        void awaitCaughtUp() throws Exception {
            out.printf("==> Waiting until group %s has committed %s to their ends (timeout %s)%n", appId,
                    String.join(", ", topics), timeout);
            double lastProgress = 0;
            double lastHeap = -10;
            double since = Double.NaN;
            Map<TopicPartition, Long> previousEnd = Map.of();
            while (true) {
                final double now = seconds();
                for (final Api api : apis) {
                    if (!api.process().alive()) {
                        throw api.process().failure("An API instance stopped while the topology was processing");
                    }
                    api.memory().sampleRss();
                }
                if (now - lastHeap >= 5) {
                    lastHeap = now;
                    apis.forEach(api -> api.memory().sampleHeap());
                }
                processingLoad.sample();
                final Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
                final long sessions = committedTo(committed, Names.TOPIC_SESSIONS);
                Map<TopicPartition, Long> end;
                try {
                    end = endOffsets(admin, topics);
                } catch (final ExecutionException e) {
                    end = Map.of(); // the internal topics appear with the first rebalance
                }
                // an event counts once it is in the per-user state, not once it is cleaned: the sessions
                // committed, times the share of the interactions cleaned so far that are aggregated
                final long interactionsEnd = end.entrySet().stream()
                        .filter(e -> e.getKey().topic().equals(Names.TOPIC_INTERACTIONS))
                        .mapToLong(Map.Entry::getValue).sum();
                final double aggregated = interactionsEnd == 0 ? 0.0
                        : Math.min(1.0, (double) committedTo(committed, Names.TOPIC_INTERACTIONS) / interactionsEnd);
                if (!end.isEmpty()) { // no sample from a failed read: the timeline never goes back
                    timeline.add(now, Math.round(sessions * aggregated));
                }
                behind = end.isEmpty() ? topics.size() : behind(end, committed);
                final boolean done = !end.isEmpty() && end.equals(previousEnd) && behind == 0
                        && sessions >= timeline.total();
                previousEnd = end;
                if (!done) {
                    since = Double.NaN;
                } else if (Double.isNaN(since)) {
                    since = now;
                }
                if (!Double.isNaN(since) && now - since >= settle.toMillis() / 1e3) {
                    caughtUpAt = since;
                    stoppedAt = now;
                    out.printf("    caught up %.1f s after the API started%n", caughtUpAt);
                    return;
                }
                if (now - lastProgress >= progressInterval.toMillis() / 1e3) {
                    lastProgress = now;
                    printProgress(now, sessions, aggregated);
                }
                if (now >= timeout.toMillis() / 1e3) {
                    stoppedAt = now;
                    out.printf("    TIMEOUT after %.0f s: %,d of %,d events in the state (%.1f %%); the state "
                            + "has NOT caught up%n", now, timeline.committed(), timeline.total(),
                            100.0 * timeline.committed() / timeline.total());
                    return;
                }
                Thread.sleep(1_000);
            }
        }

        private static long committedTo(final Map<TopicPartition, OffsetAndMetadata> committed, final String topic) {
            return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }

        private int behind(final Map<TopicPartition, Long> end, final Map<TopicPartition, OffsetAndMetadata> committed) {
            final TreeSet<String> lagging = new TreeSet<>();
            end.forEach((tp, offset) -> {
                final OffsetAndMetadata at = committed.get(tp);
                if (offset > 0 && (at == null || at.offset() < offset)) {
                    lagging.add(tp.topic());
                }
            });
            return lagging.size();
        }

        private void printProgress(final double now, final long sessions, final double aggregated) {
            final StringBuilder memory = new StringBuilder();
            for (final Api api : apis) {
                memory.append(String.format(Locale.ROOT, "; %s RSS %,d MiB heap %,d MiB", api.process().name(),
                        api.memory().rss() >> 20, api.memory().heap() >> 20));
            }
            out.printf(Locale.ROOT, "  [%5.0f s] %,d / %,d events in the state (%.1f %%; %s %.1f %% committed, "
                    + "%s %.1f %%), %,.0f events/s over the last %.0f s; %d of %d topics behind%s; load %.1f%n", now,
                    timeline.committed(), timeline.total(), 100.0 * timeline.committed() / timeline.total(),
                    Names.TOPIC_SESSIONS, 100.0 * sessions / timeline.total(), Names.TOPIC_INTERACTIONS,
                    100.0 * aggregated, timeline.recent(progressInterval.toMillis() / 1e3),
                    progressInterval.toMillis() / 1e3, behind,
                    topics.size(), memory, LoadAverage.now());
        }
    }

    private void report(final Run run, final Path data) throws Exception {
        final Timeline t = run.timeline;
        out.println();
        out.printf(Locale.ROOT, "==> Results: %s (%s), %,d events, %d partitions, %d stream thread(s) x %d API "
                        + "instance(s), -Xmx%s%n", size.toUpperCase(Locale.ROOT), data, t.total(), partitions, threads,
                instances, apiHeap);
        if (run.caughtUp()) {
            out.printf(Locale.ROOT, "caught up: %.1f s after the API started (processing from %.1f s on)%n",
                    run.caughtUpAt, t.started());
            out.printf(Locale.ROOT, "events/s : first 10 %% %,.0f; last 10 %% %,.0f; overall %,.0f%n",
                    t.firstTenth(), t.lastTenth(), t.overall());
        } else {
            out.printf(Locale.ROOT, "caught up: NO, stopped after %.1f s: %,d of %,d events in the state (%.1f %%)%n",
                    run.stoppedAt, t.committed(), t.total(), 100.0 * t.committed() / t.total());
            out.printf(Locale.ROOT, "events/s : first 10 %% %s; last 10 %% of the events processed so far %,.0f; "
                            + "overall so far %,.0f%n", Double.isNaN(t.firstTenth()) ? "not reached"
                            : String.format(Locale.ROOT, "%,.0f", t.firstTenth()), t.latestTenthSoFar(),
                    t.overallSoFar());
        }
        out.printf(Locale.ROOT, "load     : while processing %s (1-minute load average on %d cores)%n",
                run.processingLoad.summary(), Runtime.getRuntime().availableProcessors());
        if (!run.caughtUp()) {
            out.printf(Locale.ROOT, "written per event below: per session record committed so far (%,d)%n",
                    t.committed());
        }
        TopicVolumes.print(run.admin, run.appId, run.caughtUp() ? t.total() : Math.max(1, t.committed()));
        printStateOnDisk(run);
    }

    /** {@link ReferenceCheck} of the caught-up state; a difference is printed, and fails the command. */
    private void checkReference(final Run run, final Path data) throws Exception {
        out.printf("==> Computing the batch reference of %s%n", data);
        final long started = System.nanoTime();
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.defaults());
        final double computed = (System.nanoTime() - started) / 1e9;
        final ReferenceCheck.Result result = new ReferenceCheck(run.apis.stream().map(Api::baseUrl).toList())
                .compare(reference, out);
        final double seconds = (System.nanoTime() - started) / 1e9 - computed;
        out.printf(Locale.ROOT, "reference: %s: %,d users (%,d (user, product) pairs) and the top %d popularity "
                        + "through HTTP, requests spread over %d instance(s), against the batch reference (computed in "
                        + "%.0f s, compared in %.0f s)%n", result.holds() ? "EQUAL" : "DIFFERENT", result.users(),
                result.pairs(), result.popular(), run.apis.size(), computed, seconds);
        if (!result.holds()) {
            out.printf(Locale.ROOT, "           %,d users differ; first differences:%n", result.usersDiffering());
            result.firstDifferences().forEach(d -> out.println("           " + d));
            throw new IllegalStateException("The served state differs from the batch reference");
        }
    }

    /**
     * The live phase: the held-back events replayed at about {@code --live-rate} while
     * {@link Freshness} buys products and times how long until the served list reflects each.
     */
    private void live(final Run run, final Path data, final String bootstrap, final long[] userRange,
            final LiveTail tail, final Path producerJar, final Map<String, String> topicEnv,
            final List<Child> children) throws Exception {
        final Api api = run.apis.get(0);
        awaitHealthy(api);
        final double speed = tail.speedFor(liveRate);
        // the trials spread over 90 % of the live phase, so that they meet its periodic work (the flushes)
        final Duration every = Duration.ofMillis((long) (900 * tail.events() / liveRate / (freshnessTrials + 5)));
        out.printf(Locale.ROOT, "==> Live: replaying the %,d held-back events at %.1f times real time (about %,.0f "
                + "events/s) while timing %d purchases, one every %.2f s at most, event -> GET "
                + "%s/models/user/{id}%n", tail.events(), speed, liveRate, freshnessTrials, every.toMillis() / 1e3,
                api.baseUrl());
        final long started = System.nanoTime();
        final Child replay = Child.start("live-replay", List.of(DataSets.javaBinary(), "-jar", producerJar.toString(),
                "replay", "--data", data.toString(), "--bootstrap-servers", bootstrap, "--from",
                tail.from().toString(), "--speed", String.format(Locale.ROOT, "%.3f", speed), "--no-resume",
                "--no-progress"), topicEnv, workDir.resolve("live-replay.log"), null);
        children.add(replay);
        final Freshness.Result freshness = Freshness.measure(URI.create(api.baseUrl()), bootstrap, freshnessTrials,
                userRange[0], userRange[1], every, out);
        final double trialsEnded = (System.nanoTime() - started) / 1e9;
        final boolean liveThroughout = replay.alive();
        if (replay.waitFor() != 0) {
            throw replay.failure("The live replay failed");
        }
        final double replaySeconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "live     : %,d events replayed in %.1f s (%,.0f events/s, catalog included); "
                        + "freshness over %s, measured in the first %.1f s%s%n", tail.events(), replaySeconds,
                tail.events() / replaySeconds, freshness.summary(), trialsEnded,
                liveThroughout ? "" : " (the replay ended before the last trial: part of them on idle input)");
    }

    private void finish(final Run run, final long[] userRange, final Path luaScript) throws Exception {
        if (!skipLatency) {
            measureLatency(run, userRange, luaScript);
        }
        for (final Api api : run.apis) {
            out.printf(Locale.ROOT, "log      : %s %s%n", api.process().name(), LogFindings.of(api.process().log()));
        }
        for (final Api api : run.apis) {
            api.memory().sampleRss();
            api.memory().sampleHeap();
            out.printf(Locale.ROOT, "memory   : %s peak heap used %,d MiB, peak live heap %,d MiB, peak RSS %,d MiB "
                            + "(-Xmx%s; sampled every 5 s / 1 s over the whole run)%n", api.process().name(),
                    api.memory().peakHeap() >> 20, api.memory().peakLiveHeap() >> 20, api.memory().peakRss() >> 20,
                    apiHeap);
        }
    }

    private void printStateOnDisk(final Run run) {
        final Map<String, Long> total = new HashMap<>();
        for (final Api api : run.apis) {
            StateOnDisk.perStore(api.stateDir().resolve(run.appId)).forEach((store, bytes) ->
                    total.merge(store, bytes, Long::sum));
        }
        final long sum = total.values().stream().mapToLong(Long::longValue).sum();
        if (run.apis.size() > 1) {
            for (final Api api : run.apis) {
                final Map<String, Long> mine = StateOnDisk.perStore(api.stateDir().resolve(run.appId));
                out.printf(Locale.ROOT, "disk     : %s holds %,.1f MiB, user-interactions %,.1f MiB of %,.1f%n",
                        api.process().name(), mine.values().stream().mapToLong(Long::longValue).sum() / 1048576.0,
                        mine.getOrDefault("user-interactions", 0L) / 1048576.0,
                        total.getOrDefault("user-interactions", 0L) / 1048576.0);
            }
        }
        out.printf(Locale.ROOT, "disk     : %,.1f MiB of state in %s (all instances), per store:%n", sum / 1048576.0,
                run.apis.size() == 1 ? run.apis.get(0).stateDir() : workDir.resolve("api-*/state"));
        total.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.printf(Locale.ROOT, "           %-40s %,12.1f MiB%n", e.getKey(),
                        e.getValue() / 1048576.0));
    }

    private void measureLatency(final Run run, final long[] userRange, final Path luaScript) throws Exception {
        final Api api = run.apis.get(0);
        awaitHealthy(api);
        final Wrk wrk = new Wrk(luaScript.toAbsolutePath(), userRange[0], userRange[1]);
        final LoadAverage load = new LoadAverage();
        out.printf(Locale.ROOT, "latency  : GET %s/models/{model}/user/{random id in %d..%d}%s, wrk 1 thread, %d "
                        + "connections, %d s warm-up of each, then %d s each:%n", api.baseUrl(), userRange[0], userRange[1],
                run.caughtUp() ? " on the caught-up state" : " while the topology is still behind", wrkConnections,
                Math.max(1, wrkSeconds / 3), wrkSeconds);
        out.printf(Locale.ROOT, "           %-16s %10s %9s %9s %9s %7s %8s  %s%n", "model", "req/s", "p50 ms", "p99 ms",
                "max ms", "errors", "not 2xx", "fallback answers of 50 random users");
        final List<String[]> paths = new ArrayList<>();
        for (final String model : Recommenders.names()) {
            final String name = model.toLowerCase(Locale.ROOT).replace('_', '-');
            paths.add(new String[] {name, "/models/" + name + "/user/"});
        }
        paths.add(new String[] {"/bench/fixed", "/bench/fixed?u="});
        // every endpoint warmed up (JIT, caches, the first ITEM_EASE fit on the final state) before any is measured
        final Map<String, String> fallbacks = new HashMap<>();
        for (final String[] path : paths) {
            fallbacks.put(path[0], path[1].startsWith("/bench") ? "" : fallbacks(api, path[1], userRange));
            wrk.run(api.baseUrl(), path[1], wrkConnections, Math.max(1, wrkSeconds / 3));
        }
        for (final String[] path : paths) {
            load.sample();
            final Wrk.Result result = wrk.run(api.baseUrl(), path[1], wrkConnections, wrkSeconds);
            load.sample();
            api.memory().sampleRss();
            out.printf(Locale.ROOT, "           %-16s %,10.0f %9.2f %9.2f %9.2f %7d %8d  %s%n", path[0],
                    result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), result.maxMs(), result.errors(),
                    result.non2xx(), fallbacks.get(path[0]));
        }
        out.printf(Locale.ROOT, "           load while measuring: %s%n", load.summary());
    }

    /** How many of 50 random users got a fallback answer from {@code path}: a model that cannot answer yet shows here. */
    private static String fallbacks(final Api api, final String path, final long[] userRange)
            throws IOException, InterruptedException {
        final HttpClient http = HttpClient.newHttpClient();
        final SplittableRandom random = new SplittableRandom(7);
        int fallback = 0;
        int failed = 0;
        for (int i = 0; i < 50; i++) {
            final long user = random.nextLong(userRange[0], userRange[1] + 1);
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path + user))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failed++;
            } else if (response.body().contains("\"fallback\":true")) {
                fallback++;
            }
        }
        return fallback + " of 50" + (failed > 0 ? ", " + failed + " not 200" : "");
    }

    private static void awaitHealthy(final Api api) throws InterruptedException {
        final HttpClient http = HttpClient.newHttpClient();
        final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (final IOException notYet) {
                // starting
            }
            if (!api.process().alive()) {
                throw api.process().failure("The API stopped");
            }
            Thread.sleep(500);
        }
        throw api.process().failure("The API was not ready (/health/readiness) within 5 minutes");
    }

    /** The machine's 1-minute load average, sampled: its range over a phase of the run. */
    static final class LoadAverage {

        private double min = Double.MAX_VALUE;
        private double max;
        private double sum;
        private int samples;

        void sample() {
            final double now = now();
            if (now >= 0) {
                min = Math.min(min, now);
                max = Math.max(max, now);
                sum += now;
                samples++;
            }
        }

        String summary() {
            return samples == 0 ? "unknown" : String.format(Locale.ROOT, "mean %.1f, min %.1f, max %.1f", sum / samples,
                    min, max);
        }

        static double now() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (final IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
