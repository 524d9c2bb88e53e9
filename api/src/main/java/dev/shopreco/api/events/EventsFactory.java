package dev.shopreco.api.events;

import dev.shopreco.api.streams.StreamsHostSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer of {@code POST /events} and what goes with it. */
@Factory
public class EventsFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EventWriter eventWriter(final StreamsHostSettings host, final EventSettings settings) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, host.topology().bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "events-endpoint");
        // a 202 promises the events are on every in-sync replica, written once despite retries
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        final long timeout = settings.sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout + 1000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        host.topology().client().addTo(props);
        return new EventWriter(new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()), settings);
    }

    @Singleton
    IdempotencyKeys idempotencyKeys(final EventSettings settings) {
        return new IdempotencyKeys(settings);
    }
}
