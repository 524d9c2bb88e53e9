package dev.shopreco.bench;

import dev.shopreco.common.Names;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.model.User;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.topology.DroppedRecords;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsTopics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Benchmark (not a test): the topology's throughput next to the raw ceiling of the same records on the
 * same broker, in one run.
 *
 * <pre>
 * java -jar local-kafka/target/local-kafka.jar --wipe &amp;                 # a broker on 127.0.0.1:9092
 * java -jar producer/target/producer.jar generate --out /tmp/bench --users 12000 --gzip
 * java -Xmx1g -jar benchmarks/target/benchmarks.jar topology /tmp/bench 127.0.0.1:9092
 * </pre>
 *
 * <ol>
 *   <li>load: the catalog, the users and every valid session line into the (empty) topics;</li>
 *   <li>ceiling: one plain consumer reads all session records and one idempotent producer writes
 *       them to another topic (acks=all): a raw produce/consume pass of the same records;</li>
 *   <li>framework: a Kafka Streams application with the topology's settings (guarantee, commit
 *       interval, threads) that only copies the session records, as bytes, to another topic: what
 *       Kafka Streams itself costs before any processing; then the same copy through one repartition
 *       topic on the way (two hops): the skeleton of any topology that must regroup events by another
 *       key, as ours regroups sessions by user; then the two hops and a count per key (the session id,
 *       so most counts change once per commit and reach the changelog) in a cached, logged RocksDB
 *       store; then each event parsed and re-keyed by its user, the two hops and a count per user (few
 *       keys, which the record cache folds): the least work of any topology that must
 *       parse every event and regroup it by user (all four skipped with
 *       {@code -Dbench.framework=false});</li>
 *   <li>topology: the full topology with {@code exactly_once_v2} (settings from the environment)
 *       processes the loaded sessions from the start until every input and internal topic is
 *       committed to its end (skipped with {@code -Dbench.topology=false}).</li>
 * </ol>
 * Prints records/s of each, their ratios, the peak heap and RSS of this process, and the offsets the
 * topology wrote per topic and event.
 */
public final class TopologyBench {

    private static final String HOP = "framework-hop";

    private TopologyBench() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TopologyBench DATA_DIR BOOTSTRAP_SERVERS");
            System.exit(2);
        }
        final Path data = Path.of(args[0]);
        final String bootstrap = args[1];
        final Variables environment = Variables.ofEnvironment();
        final Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            final TopicSettings topics = TopicSettings.from(environment);
            StreamsTopics.ensureAll(admin, topics, Duration.ofSeconds(60));
            final String copy = "bench.ceiling-" + UUID.randomUUID();
            final String frameworkCopy = "bench.framework-" + UUID.randomUUID();
            admin.createTopics(List.of(new NewTopic(copy, topics.partitions(), topics.replicationFactor()),
                    new NewTopic(frameworkCopy, topics.partitions(), topics.replicationFactor()))).all().get();

            final long events = load(data, bootstrap);
            final Throughput ceiling = new CeilingPass(bootstrap, copy).run(events);
            System.out.printf("ceiling  : %,d records in %.1f s = %,.0f records/s (raw consume + produce)%n",
                    events, ceiling.seconds(), ceiling.perSecond());

            final Path state = Files.createTempDirectory("bench-state");
            final StreamsSettings settings = StreamsSettings.from(environment)
                    .on(bootstrap, "bench-" + UUID.randomUUID(), state);
            Throughput framework = null;
            if (!"false".equals(System.getProperty("bench.framework"))) {
                framework = frameworkPass(admin, settings, state, frameworkCopy, events, Shape.COPY);
                printPass("framework", String.format("Kafka Streams copying bytes, %s, %d thread(s)",
                        settings.processingGuarantee(), settings.threads()), framework, ceiling);
                printPass("two hops ", "the same copy through a repartition topic",
                        frameworkPass(admin, settings, state, frameworkCopy, events, Shape.TWO_HOPS), ceiling);
                printPass("+ state  ", "two hops and a count per key in a cached, logged RocksDB store",
                        frameworkPass(admin, settings, state, frameworkCopy, events, Shape.COUNTED), ceiling);
                printPass("per user ", "each event parsed, re-keyed by its user, two hops, a count per user",
                        frameworkPass(admin, settings, state, frameworkCopy, events, Shape.PER_USER), ceiling);
            }
            if ("false".equals(System.getProperty("bench.topology"))) {
                admin.deleteTopics(List.of(copy, frameworkCopy));
                return;
            }
            try (MemorySampler memory = new MemorySampler().start();
                    KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions()),
                            RecoTopology.config(settings))) {
                final double cpuBefore = ThreadMetrics.processCpuSeconds();
                final double gcBefore = ThreadMetrics.gcSeconds();
                final Throughput topology = new Progress(admin, settings.applicationId()).run(streams, events);
                final double cpu = ThreadMetrics.processCpuSeconds() - cpuBefore;
                System.out.printf("topology : %,d events in %.1f s = %,.0f events/s (%s, %d thread(s))%n", events,
                        topology.seconds(), topology.perSecond(), settings.processingGuarantee(), settings.threads());
                System.out.printf("ratio    : %.2f of the ceiling%s%n", topology.perSecond() / ceiling.perSecond(),
                        framework == null ? "" : String.format(", %.2f of the framework pass",
                                topology.perSecond() / framework.perSecond()));
                System.out.println("memory   : " + memory.report());
                TopicVolumes.print(admin, settings.applicationId(), events);
                System.out.println("threads  : " + ThreadMetrics.summary(streams));
                System.out.printf("dropped  : %,d records (task metric dropped-records-total: events later than "
                        + "AB_WINDOW + AB_GRACE for the A/B window stores)%n", DroppedRecords.total(streams.metrics()));
                System.out.printf("cpu      : process %.1f s, stream thread(s) %.1f s, producer I/O %.1f s, GC pauses "
                        + "%.1f s over %.1f s; load average %.1f on %d cores%n", cpu,
                        ThreadMetrics.cpuSeconds("StreamThread-"), ThreadMetrics.cpuSeconds("-producer"),
                        ThreadMetrics.gcSeconds() - gcBefore, topology.seconds(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
            }
            admin.deleteTopics(List.of(copy, frameworkCopy));
        }
    }

    /** One line of a framework pass: its rate, what it did, and its share of the ceiling. */
    private static void printPass(final String label, final String what, final Throughput pass,
            final Throughput ceiling) {
        System.out.printf("%s: %,d records in %.1f s = %,.0f records/s (%s): %.2f of the ceiling%n", label,
                pass.records(), pass.seconds(), pass.perSecond(), what, pass.perSecond() / ceiling.perSecond());
    }

    /** The framework passes: what Kafka Streams costs for a topology's shape, before any processing. */
    private enum Shape {
        /** Session records in, the same bytes out. */
        COPY,
        /** The same through a repartition topic on the way: any topology that regroups by another key. */
        TWO_HOPS,
        /** Two hops, then a count per key in a cached, logged RocksDB store whose changes are the output. */
        COUNTED,
        /**
         * The least any topology of this design must do: each event parsed ({@link SessionEventParser}, as the
         * cleaner does) and re-keyed by its user, two hops, a count per user in a cached, logged RocksDB store.
         * Events without a user are left out (no session state), and one entry per user is far less state
         * than one per (user, product): a bound no topology of the issue can pass, not a topology.
         */
        PER_USER
    }

    /** Runs the framework pass of {@code shape} with the topology's settings under a new application id. */
    private static Throughput frameworkPass(final Admin admin, final StreamsSettings settings, final Path state,
            final String target, final long events, final Shape shape) throws Exception {
        final StreamsSettings copySettings = settings.on(settings.bootstrapServers(),
                "bench-framework-" + UUID.randomUUID(), state);
        final List<String> topics = shape == Shape.COPY ? List.of(Names.TOPIC_SESSIONS)
                : List.of(Names.TOPIC_SESSIONS, copySettings.applicationId() + "-" + HOP + "-repartition");
        try (KafkaStreams streams = new KafkaStreams(frameworkTopology(target, shape),
                RecoTopology.config(copySettings))) {
            return new Progress(admin, copySettings.applicationId(), topics).run(streams, events);
        }
    }

    /** Session records in, bytes out to {@code target}: no processing of ours, at most one store. */
    private static Topology frameworkTopology(final String target, final Shape shape) {
        final StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> records = builder.stream(Names.TOPIC_SESSIONS,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("framework-source"));
        if (shape == Shape.PER_USER) {
            records = records.flatMap((key, value) -> {
                final Parsed<SessionEvent> parsed = SessionEventParser.DEFAULT.parse(new String(value, StandardCharsets.UTF_8));
                return parsed instanceof Parsed.Valid<SessionEvent> valid && valid.value().userId() != null
                        ? List.of(KeyValue.pair(Long.toString(valid.value().userId()).getBytes(StandardCharsets.UTF_8),
                                value))
                        : List.of();
            }, Named.as("framework-by-user"));
        }
        if (shape != Shape.COPY) {
            records = records.repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(HOP));
        }
        if (shape == Shape.COUNTED || shape == Shape.PER_USER) {
            records.groupByKey(Grouped.with("framework-grouped", Serdes.ByteArray(), Serdes.ByteArray()))
                    .count(Named.as("framework-count"), Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as(
                            "framework-counts").withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()))
                    .toStream(Named.as("framework-changes"))
                    .to(target, Produced.with(Serdes.ByteArray(), Serdes.Long()).withName("framework-sink"));
        } else {
            records.to(target, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("framework-sink"));
        }
        return builder.build();
    }

    private static long load(final Path data, final String bootstrap) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            final long started = System.nanoTime();
            final long products = SessionFile.sendCatalog(data, DataFolder.PRODUCTS,
                    line -> CatalogParser.product(line) instanceof Parsed.Valid<Product> p ? p.value().productId()
                            : null, producer, Names.TOPIC_PRODUCTS);
            final long users = SessionFile.sendCatalog(data, DataFolder.USERS,
                    line -> CatalogParser.user(line) instanceof Parsed.Valid<User> u ? u.value().userId() : null,
                    producer, Names.TOPIC_USERS);
            final long events = new SessionFile(data).sendAll(producer, Names.TOPIC_SESSIONS);
            System.out.printf("load     : %,d products, %,d users, %,d session events in %.1f s%n", products, users,
                    events, (System.nanoTime() - started) / 1e9);
            return events;
        }
    }

    /** How many records in how long. */
    record Throughput(long records, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }

        double perSecond() {
            return records / seconds();
        }
    }
}
