package dev.shopreco.streams.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Kafka Streams client on local state that a killed process may have left broken.
 *
 * <p>Kafka Streams deletes RocksDB folders with a recursive delete, file by file: an expired
 * window-store segment, or a task's state it wipes after a crash under exactly-once. A process
 * killed in the middle leaves a RocksDB folder whose {@code CURRENT} file names a {@code MANIFEST}
 * that is gone. {@link KafkaStreams#start()} opens the stores of the tasks it finds
 * on disk, so it then throws {@code ProcessorStateException: Error opening store ...} on every
 * attempt, and nothing in Kafka Streams recovers. Retrying in the same process does not help either:
 * RocksDB keeps the failed folder's lock for the life of the process, and the restore that follows
 * fails on it.
 *
 * <p>So the check runs before any client exists, on files only: every RocksDB folder under the
 * application's state folder whose {@code CURRENT} names a missing (or unreadable) manifest marks its
 * task folder as broken, and that task folder is deleted. The local state is only a cache of the
 * changelog topics: Kafka Streams restores the task's stores from them, as it does for a new
 * instance.
 *
 * <p>Global stores have the same weakness under exactly-once, and more often: a RocksDB store records
 * that it is open, a killed process never records that it closed, and on the next start the global
 * thread refuses the store ("didn't find a valid state, since under EOS it has the risk of getting
 * uncommitted data") and dies, taking the client to ERROR on every start (KAFKA-21034, open in Kafka
 * 4.4). Task stores are wiped and restored by Kafka Streams in that case; global stores are not. So
 * under exactly-once the global folder is deleted before every start and the global tables are read
 * again from their topics: the catalog, the users and the two popularity topics, all compacted and
 * one record per key once compacted.
 */
public final class StreamsStarter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsStarter.class);

    private StreamsStarter() {
    }

    /**
     * Removes the broken task folders of {@code settings}' application (see the class comment), then
     * builds a client with {@code clients} and starts it.
     *
     * @param clients builds a configured, not yet started client (listeners and metrics attached)
     * @return the started client
     */
    public static KafkaStreams start(final StreamsSettings settings, final Supplier<KafkaStreams> clients) {
        final Path appDir = stateDir(settings).resolve(settings.applicationId());
        removeBrokenTasks(appDir);
        if (settings.processingGuarantee().startsWith("exactly_once")) {
            removeGlobalState(appDir);
        }
        final KafkaStreams client = clients.get();
        client.start();
        return client;
    }

    /** The state folder Kafka Streams uses for {@code settings}: the configured one or Kafka's default. */
    static Path stateDir(final StreamsSettings settings) {
        return settings.stateDir() != null ? settings.stateDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");
    }

    /**
     * Deletes each task folder (a child of {@code appDir}, such as {@code 5_1} or {@code global})
     * that holds a RocksDB folder which cannot be opened; the deleted folders, none if {@code appDir}
     * does not exist.
     */
    public static List<Path> removeBrokenTasks(final Path appDir) {
        if (!Files.isDirectory(appDir)) {
            return List.of();
        }
        final TreeSet<Path> broken = new TreeSet<>();
        try (Stream<Path> currents = Files.walk(appDir)) {
            currents.filter(p -> p.getFileName().toString().equals("CURRENT") && Files.isRegularFile(p))
                    .filter(StreamsStarter::namesMissingManifest)
                    .forEach(current -> {
                        final Path task = appDir.resolve(appDir.relativize(current).getName(0));
                        LOG.warn("Local state {} cannot be opened: its CURRENT names a manifest that is not there "
                                + "(a process was killed while deleting it); deleting task folder {}, whose "
                                + "stores are restored from their changelog topics", current.getParent(), task);
                        broken.add(task);
                    });
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot check the local state in " + appDir, e);
        }
        final List<Path> removed = new ArrayList<>();
        for (final Path task : broken) {
            try {
                Utils.delete(task.toFile());
                removed.add(task);
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot delete the broken local state " + task
                        + "; delete it by hand (its stores are restored from the changelogs)", e);
            }
        }
        return removed;
    }

    /**
     * Deletes {@code <appDir>/global}, where Kafka Streams keeps the global stores; whether there was
     * one. They are rebuilt from their source topics.
     */
    public static boolean removeGlobalState(final Path appDir) {
        final Path global = appDir.resolve("global");
        if (!Files.exists(global)) {
            return false;
        }
        try {
            Utils.delete(global.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete the global state " + global, e);
        }
        LOG.info("Deleted the global stores' local copy {}: they are read again from their topics (exactly-once "
                + "refuses a global store a killed process left open, KAFKA-21034)", global);
        return true;
    }

    private static boolean namesMissingManifest(final Path current) {
        try {
            final String manifest = Files.readString(current, StandardCharsets.UTF_8).trim();
            return manifest.isEmpty() || manifest.contains("/") || !Files.isRegularFile(current.resolveSibling(manifest));
        } catch (final IOException e) {
            return true;
        }
    }
}
