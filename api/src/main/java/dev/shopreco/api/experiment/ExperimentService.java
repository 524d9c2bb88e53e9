package dev.shopreco.api.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.api.streams.StreamsHostSettings;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.streams.experiment.ExperimentCounts;
import dev.shopreco.streams.experiment.ExperimentReadout;
import dev.shopreco.streams.experiment.ExperimentSettings;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The read-out of an experiment from this instance's {@code ab-experiment-counts} (the caller has
 * made sure this instance owns the experiment's key). The running experiment answers even before
 * its first list, with its configured variants at zero.
 */
@Singleton
public class ExperimentService {

    private final KafkaStreamsHost host;
    private final Experiment running;
    private final ExperimentSettings settings;

    public ExperimentService(final KafkaStreamsHost host, final Experiment running,
            final StreamsHostSettings hosted) {
        this.host = host;
        this.running = running;
        this.settings = hosted.topology().experiment();
    }

    /**
     * The read-out as JSON, written by the project's Jackson configuration (snake_case), as the
     * records of streams-app carry no Micronaut serialization metadata.
     */
    public String readoutJson(final String name) {
        try {
            return Json.mapper().writeValueAsString(readout(name));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the read-out of " + name + " as JSON", e);
        }
    }

    /**
     * The read-out.
     *
     * @throws ExperimentNotFoundException for a name that never served a list and is not running
     * @throws StoreUnavailableException   while the store cannot be read
     */
    public ExperimentReadout readout(final String name) {
        ExperimentCounts counts = store().get(name);
        final boolean isRunning = running.name().equals(name);
        if (counts == null) {
            if (!isRunning) {
                throw new ExperimentNotFoundException(name, running.name());
            }
            counts = new ExperimentCounts(name, running.rule().name(), running.weights(), Map.of());
        }
        final List<String> configured = isRunning
                ? running.rule().variants().stream().map(Variant::name).distinct().toList()
                : List.of();
        return ExperimentReadout.of(name, counts, configured, settings);
    }

    private ReadOnlyKeyValueStore<String, ExperimentCounts> store() {
        final KafkaStreams streams = host.streams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("Kafka Streams is " + (streams == null ? "starting" : streams.state()));
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_AB_EXPERIMENT_COUNTS,
                    QueryableStoreTypes.<String, ExperimentCounts>keyValueStore()));
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The experiment counts are not queryable yet: " + e.getMessage(), e);
        }
    }
}
