package dev.shopreco.api.health;

import dev.shopreco.api.streams.KafkaStreamsHost;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health/liveness}: DOWN when the hosted Kafka Streams client cannot recover by itself, so an
 * orchestrator should restart the process: the client is in ERROR (or on its way there), it stopped
 * without being asked to, or it is RUNNING or REBALANCING with no live stream thread. UP while it
 * starts or restores: slow is not dead.
 */
@Singleton
@Liveness
public class StreamsLivenessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final KafkaStreamsHost host;

    public StreamsLivenessIndicator(final KafkaStreamsHost host) {
        this.host = host;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams streams = host.streams();
        final Map<String, Object> details = new LinkedHashMap<>();
        if (streams == null) {
            details.put("state", "NOT_STARTED");
            healthStatus = HealthStatus.UP;
            return details;
        }
        final KafkaStreams.State state = streams.state();
        final long alive = host.liveStreamThreads();
        details.put("state", state.name());
        details.put("liveStreamThreads", alive);
        final boolean dead = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || (state == KafkaStreams.State.NOT_RUNNING && !host.closing())
                || ((state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) && alive == 0);
        healthStatus = dead ? HealthStatus.DOWN : HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "kafkaStreamsLiveness";
    }
}
