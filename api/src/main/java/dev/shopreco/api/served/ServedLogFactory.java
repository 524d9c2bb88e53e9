package dev.shopreco.api.served;

import dev.shopreco.api.streams.StreamsHostSettings;
import dev.shopreco.common.json.JsonSerde;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the {@link ServedLog} and its Kafka producer from {@link ServedLogSettings}. */
@Factory
public class ServedLogFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ServedLog servedLog(final StreamsHostSettings host, final ServedLogSettings settings, final MeterRegistry meters) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, host.topology().bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "served-log");
        // every answer once: retries after a lost acknowledgement must not write it twice
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // how long an answer may wait for a broker that is away before it is counted as undelivered
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(settings.deliveryTimeout().toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        // only the sender thread ever waits here; short, so that it notices a shutdown quickly
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        // batches at thousands of answers per second; costs no request latency, the send is async
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.linger().toMillis()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        host.topology().client().addTo(props);
        return new ServedLog(new KafkaProducer<>(props, new StringSerializer(), JsonSerde.of(ServedEvent.class)),
                settings.queueCapacity(), settings.deliveryTimeout(), settings.closeTimeout(), meters);
    }
}
