package dev.shopreco.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void shouldLeaveReplicationToTheClusterUnlessConfigured() {
        for (final NewTopic topic : Topics.all(TopicSettings.from(Map.of()))) {
            // -1 in a CreateTopics request: the broker's default.replication.factor
            assertEquals(TopicSettings.BROKER_DEFAULT, topic.replicationFactor(), topic.name());
            assertFalse(topic.configs().containsKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), topic.name());
        }
    }

    @Test
    void shouldCreateEveryTopicWithTheConfiguredReplicationAndMinInsyncReplicas() {
        final TopicSettings settings = TopicSettings.from(Map.of(TopicSettings.REPLICATION_FACTOR, "3",
                TopicSettings.MIN_INSYNC_REPLICAS, "2", "SHOP_TOPIC_PARTITIONS_SHOP_SESSIONS", "6"));
        for (final NewTopic topic : Topics.all(settings)) {
            assertEquals(3, topic.replicationFactor(), topic.name());
            assertEquals("2", topic.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), topic.name());
        }
        final NewTopic sessions = Topics.all(settings).stream().filter(t -> t.name().equals(Names.TOPIC_SESSIONS))
                .findFirst().orElseThrow();
        assertEquals(6, sessions.numPartitions());
        assertEquals("-1", sessions.configs().get(TopicConfig.RETENTION_MS_CONFIG), "its own configs kept");
    }

    @Test
    void shouldRefuseReplicationSettingsNoWriteCouldSatisfy() {
        final IllegalArgumentException above = assertThrows(IllegalArgumentException.class, () -> TopicSettings.from(
                Map.of(TopicSettings.REPLICATION_FACTOR, "2", TopicSettings.MIN_INSYNC_REPLICAS, "3")));
        assertTrue(above.getMessage().contains(TopicSettings.MIN_INSYNC_REPLICAS), above.getMessage());
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> TopicSettings.from(Map.of(TopicSettings.REPLICATION_FACTOR, "0")));
        assertTrue(zero.getMessage().contains(TopicSettings.REPLICATION_FACTOR), zero.getMessage());
    }
}
