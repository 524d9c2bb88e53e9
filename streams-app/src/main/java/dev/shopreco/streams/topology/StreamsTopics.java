package dev.shopreco.streams.topology;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics the topology needs besides {@link Topics#all}: the popularity, item-Gram and user-kNN topics that every instance
 * reads as global tables. A global table's topic must exist before the instance starts (Kafka Streams
 * creates only internal topics), so the runner creates them, like the producer creates the others.
 */
public final class StreamsTopics {

    private StreamsTopics() {
    }

    /** The topology's own topics: compacted, since only the latest value of a key matters. */
    public static List<NewTopic> own(final TopicSettings settings) {
        final Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                settings.newTopic(Names.TOPIC_CATALOG, settings.partitionsOf(Names.TOPIC_CATALOG), compacted),
                settings.newTopic(Names.TOPIC_POPULARITY, settings.partitionsOf(Names.TOPIC_POPULARITY),
                        compacted),
                // one key: more partitions would stay empty
                settings.newTopic(Names.TOPIC_POPULARITY_TOP, 1, compacted),
                settings.newTopic(Names.TOPIC_ITEM_GRAM, settings.partitionsOf(Names.TOPIC_ITEM_GRAM),
                        compacted),
                // at most ITEM_EASE_MAX_PRODUCTS small records, written by one task
                settings.newTopic(Names.TOPIC_ITEM_GRAM_KEPT, 1, compacted),
                settings.newTopic(Names.TOPIC_USER_KNN_POSTINGS, settings.partitionsOf(Names.TOPIC_USER_KNN_POSTINGS),
                        compacted));
    }

    /** Creates every missing topic of the system and of the topology. */
    public static List<String> ensureAll(final Admin admin, final TopicSettings settings, final Duration timeout) {
        final List<NewTopic> topics = new ArrayList<>(Topics.all(settings));
        topics.addAll(own(settings));
        return Topics.ensure(admin, topics, timeout);
    }
}
