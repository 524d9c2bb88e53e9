package dev.shopreco.bench.scale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topics whose committed offsets say the state has caught up come from the topology itself. */
class SourceTopicsTest {

    @Test
    void shouldWaitOnTheInputAndEveryRepartitionTopicButNotOnTheGlobalTables() {
        final List<String> topics = ScaleCommand.sourceTopics("app");

        assertTrue(topics.contains(Names.TOPIC_SESSIONS), topics.toString());
        assertTrue(topics.contains(Names.TOPIC_INTERACTIONS), topics.toString());
        assertTrue(topics.contains("app-" + Names.REPARTITION_ITEM_GRAM + "-repartition"), topics.toString());
        assertTrue(topics.stream().filter(t -> t.endsWith("-repartition")).allMatch(t -> t.startsWith("app-")),
                "internal topics carry the application id: " + topics);
        assertFalse(topics.contains(Names.TOPIC_PRODUCTS), "a global table's topic is read by no group");
    }
}
