package dev.shopreco.api.health;

import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.LocalState;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health} is UP only when Kafka Streams is RUNNING and its stores answer a read: before
 * that every answer would be a 503, so a load balancer should not send traffic here yet.
 */
@Singleton
@Readiness
public class StreamsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final KafkaStreamsHost host;
    private final LocalState state;

    public StreamsHealthIndicator(final KafkaStreamsHost host, final LocalState state) {
        this.host = host;
        this.state = state;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams.State streamsState = host.state();
        final boolean queryable = state.queryable();
        healthStatus = queryable ? HealthStatus.UP : HealthStatus.DOWN;
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", streamsState == null ? "NOT_STARTED" : streamsState.name());
        details.put("storesQueryable", queryable);
        details.put("instance", host.instanceId());
        return details;
    }

    @Override
    protected String getName() {
        return "kafkaStreams";
    }
}
