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
        // the topology cleans shop.products in a task of its group, then reads the valid ones back from
        // reco.catalog as a global table, which no group consumes
        assertTrue(topics.contains(Names.TOPIC_PRODUCTS), topics.toString());
        assertFalse(topics.contains(Names.TOPIC_CATALOG), "a global table's topic is read by no group");
        assertFalse(topics.contains(Names.TOPIC_ITEM_GRAM), "a global table's topic is read by no group");
    }
}
