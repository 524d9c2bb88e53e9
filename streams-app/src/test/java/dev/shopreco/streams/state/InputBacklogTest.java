package dev.shopreco.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class InputBacklogTest {

    private static final String MAIN = "shop-reco-8f1e-StreamThread-1-consumer";

    @Test
    void shouldSumTheMainConsumersLagOverTheTasksPartitions() {
        final Map<MetricName, Metric> metrics = new HashMap<>();
        lag(metrics, MAIN, "shop_interactions", 1, 1_500);
        lag(metrics, "shop-reco-8f1e-StreamThread-2-consumer", "reco_served", 1, 20);
        lag(metrics, MAIN, "shop_interactions", 2, 7);
        // the restore consumer's and the global consumer's lag are not the tasks' input
        lag(metrics, "shop-reco-8f1e-StreamThread-1-restore-consumer", "shop_interactions", 1, 90_000);
        lag(metrics, "shop-reco-8f1e-global-consumer", "reco_served", 1, 90_000);
        // a partition not fetched yet has no value
        lag(metrics, MAIN, "shop-reco-item-gram-by-product-repartition", 1, Double.NaN);
        final Map<String, Long> lag = InputBacklog.consumerLag(metrics);

        final List<TopicPartition> task = List.of(new TopicPartition("shop.interactions", 1),
                new TopicPartition("reco.served", 1), new TopicPartition("shop-reco-item-gram-by-product-repartition", 1));
        assertEquals(1_520, InputBacklog.waitingIn(task, lag));
        assertEquals(7, InputBacklog.waitingIn(List.of(new TopicPartition("shop.interactions", 2)), lag));
        assertEquals(0, InputBacklog.waitingIn(List.of(new TopicPartition("shop.sessions", 2)), lag));
    }

    @Test
    void shouldReportNothingWaitingForATaskItWasNotToldOf() {
        final InputBacklog backlog = new InputBacklog();
        backlog.set(new TaskId(1, 0), 700);
        assertEquals(700, backlog.waiting(new TaskId(1, 0)));
        assertEquals(0, backlog.waiting(new TaskId(1, 1)));
    }

    private static void lag(final Map<MetricName, Metric> metrics, final String client, final String topic,
            final int partition, final double value) {
        final MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition)));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
