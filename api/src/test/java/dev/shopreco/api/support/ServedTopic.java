package dev.shopreco.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code reco.served} from the beginning, as an experiment analysis would. */
public final class ServedTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<Served> records = new ArrayList<>();

    /**
     * One record.
     *
     * @param key   the record key (user id)
     * @param value the JSON value
     */
    public record Served(String key, JsonNode value) {
    }

    public ServedTopic(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "served-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Names.TOPIC_SERVED));
    }

    /** Everything read so far, after one more poll. */
    public List<Served> poll() {
        for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            try {
                records.add(new Served(record.key(), Json.mapper().readTree(record.value())));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
