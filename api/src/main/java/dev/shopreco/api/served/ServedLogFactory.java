package dev.shopreco.api.served;

import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the {@link ServedLog} and its Kafka producer from configuration ({@code served-log.*}). */
@Factory
public class ServedLogFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ServedLog servedLog(@Value("${kafka.bootstrap.servers}") final String bootstrapServers,
            @Value("${served-log.queue-capacity:100000}") final int capacity,
            @Value("${served-log.delivery-timeout:10m}") final Duration deliveryTimeout,
            @Value("${served-log.linger:5ms}") final Duration linger,
            @Value("${served-log.close-timeout:10s}") final Duration closeTimeout,
            final MeterRegistry meters) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "served-log");
        // every answer once: retries after a lost acknowledgement must not write it twice
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // how long an answer may wait for a broker that is away before it is counted as undelivered
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        // only the sender thread ever waits here; short, so that it notices a shutdown quickly
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        // batches at thousands of answers per second; costs no request latency, the send is async
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger.toMillis()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        KafkaClientSettings.addTo(props);
        return new ServedLog(new KafkaProducer<>(props, new StringSerializer(), JsonSerde.of(ServedEvent.class)),
                capacity, deliveryTimeout, closeTimeout, meters);
    }
}
