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
 * {@code /health/readiness} (and so {@code /health}) is UP only when this instance should get traffic:
 * Kafka Streams is RUNNING, its stores answer a read, no local store has more than
 * {@link HealthSettings#maxStoreLag()} records left to restore, no stream thread keeps failing
 * ({@link HealthSettings#failuresToFail()} failures within {@link HealthSettings#failureWindow()}),
 * and processing is not stuck (input waiting while nothing is processed for
 * {@link HealthSettings#stallTimeout()}). Each condition is in the details.
 */
@Singleton
@Readiness
public class StreamsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final KafkaStreamsHost host;
    private final LocalState state;
    private final HealthSettings settings;

    public StreamsHealthIndicator(final KafkaStreamsHost host, final LocalState state, final HealthSettings settings) {
        this.host = host;
        this.state = state;
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final long now = System.currentTimeMillis();
        final KafkaStreams.State streamsState = host.state();
        final boolean queryable = state.queryable();
        final long storeLag = host.restoreLag().maxLag();
        final int failures = host.threadFailures().recent(now);
        final long stalled = host.progress() == null ? 0 : host.progress().stalledMillis(now);
        final boolean ready = queryable && storeLag <= settings.maxStoreLag()
                && failures < settings.failuresToFail() && stalled < settings.stallTimeout().toMillis();
        healthStatus = ready ? HealthStatus.UP : HealthStatus.DOWN;
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", streamsState == null ? "NOT_STARTED" : streamsState.name());
        details.put("storesQueryable", queryable);
        details.put("storeLag", storeLag);
        details.put("threadFailures", failures);
        details.put("inputWaiting", host.progress() == null ? 0 : host.progress().waiting());
        details.put("stalledMs", stalled);
        details.put("instance", host.instanceId());
        return details;
    }

    @Override
    protected String getName() {
        return "kafkaStreams";
    }
}
