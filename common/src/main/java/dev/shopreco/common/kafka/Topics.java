package dev.shopreco.common.kafka;

import dev.shopreco.common.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the system's topics explicitly (brokers run with auto-creation off): the catalog and the
 * users compacted, every event topic kept forever, since replays, the evaluator's snapshot and the
 * A/B analysis read them from the start.
 */
public final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /** The topics the system needs, sized by {@code settings}. */
    public static List<NewTopic> all(final TopicSettings settings) {
        final Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        final Map<String, String> keptForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        final List<NewTopic> topics = new ArrayList<>();
        topics.add(topic(Names.TOPIC_PRODUCTS, settings, compacted));
        topics.add(topic(Names.TOPIC_USERS, settings, compacted));
        for (final String name : List.of(Names.TOPIC_SESSIONS, Names.TOPIC_REJECTED,
                Names.TOPIC_INTERACTIONS, Names.TOPIC_SERVED)) {
            topics.add(topic(name, settings, keptForever));
        }
        return topics;
    }

    /**
     * Creates every topic of {@code topics} that does not exist yet; an existing topic is left as
     * it is (a warning is logged if its partition count differs from the configured one).
     *
     * @return the names of the topics this call created
     */
    public static List<String> ensure(final Admin admin, final List<NewTopic> topics, final Duration timeout) {
        try {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            final List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                final var results = admin.createTopics(missing).values();
                for (final NewTopic topic : missing) {
                    try {
                        results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        created.add(topic.name());
                        LOG.info("Created topic {} ({} partitions, replication {})", topic.name(),
                                topic.numPartitions(), topic.replicationFactor() == TopicSettings.BROKER_DEFAULT
                                        ? "the cluster's default" : topic.replicationFactor());
                    } catch (final ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            warnOnPartitionMismatch(admin, topics, existing, timeout);
            awaitLeaders(admin, created, timeout);
            return created;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the topics " + topics.stream().map(NewTopic::name).toList()
                    + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    /**
     * Waits until every partition of {@code names} has a leader in the cluster's metadata: a client that
     * starts right after the creation (a global store initialising, say) must find the partitions.
     */
    private static void awaitLeaders(final Admin admin, final List<String> names, final Duration timeout)
            throws InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!names.isEmpty()) {
            try {
                final Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (described.values().stream().allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return;
                }
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Cannot describe the topics just created " + names, e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("The topics " + names + " have no leader after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static void warnOnPartitionMismatch(final Admin admin, final List<NewTopic> topics, final Set<String> existing,
            final Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        final List<String> names = topics.stream().map(NewTopic::name).filter(existing::contains).toList();
        if (names.isEmpty()) {
            return;
        }
        final Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (final NewTopic topic : topics) {
            final TopicDescription description = described.get(topic.name());
            if (description != null && description.partitions().size() != topic.numPartitions()) {
                LOG.warn("Topic {} exists with {} partitions, configuration asks for {}; left as it is",
                        topic.name(), description.partitions().size(), topic.numPartitions());
            }
        }
    }

    private static NewTopic topic(final String name, final TopicSettings settings, final Map<String, String> configs) {
        return settings.newTopic(name, settings.partitionsOf(name), configs);
    }
}
