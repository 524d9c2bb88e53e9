package dev.shopreco.streams.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.Lines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records on a real broker, three partitions per topic: a record that once stopped a task
 * ({@code "user_id":1e400}: the thread was replaced, read it again and died again, and valid events
 * on the task's other partitions were never processed) and foreign records on the topics the
 * topology writes and reads back ({@code shop.interactions}) or reads from the API
 * ({@code reco.served}). Each becomes one dead letter; valid events after them, on the same
 * partition and on the others, are processed; no stream thread dies.
 */
class PoisonRecordIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String APP = "reco-poison-it";

    @Test
    void shouldDeadLetterPoisonRecordsAndProcessValidEventsOnEveryPartitionAfterThem(@TempDir final Path tmp)
            throws Exception {
        final StreamsSettings settings = StreamsSettings.defaults().on(KAFKA.bootstrapServers(), APP, tmp);
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final AtomicInteger threadFailures = new AtomicInteger();
        final List<KafkaStreams.State> states = new ArrayList<>();
        final Properties config = RecoTopology.config(settings);
        final DeadLetterMetrics counted = DeadLetterMetrics.in(config);
        try (Admin admin = KAFKA.admin();
                KafkaProducer<String, byte[]> producer = producer();
                KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions()), config)) {
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            assertEquals(3, admin.describeTopics(List.of(Names.TOPIC_SESSIONS)).allTopicNames().get()
                    .get(Names.TOPIC_SESSIONS).partitions().size());
            streams.setUncaughtExceptionHandler(e -> {
                // as the API does: a failed thread is replaced (and would read the same record again)
                threadFailures.incrementAndGet();
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener((now, before) -> states.add(now));
            send(producer, Names.TOPIC_PRODUCTS, null, "1001", Lines.product(1001, "Gry i konsole;Gry komputerowe"));
            producer.flush();
            streams.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            // partition 0: the poison records first, then a valid event; partitions 1 and 2: valid events
            final String time = "2021-01-04T10:00:00";
            send(producer, Names.TOPIC_SESSIONS, 0, "21", "{\"session_id\":21,\"timestamp\":\"" + time
                    + "\",\"user_id\":1e400,\"product_id\":1001,\"event_type\":\"VIEW_PRODUCT\"}");
            send(producer, Names.TOPIC_SESSIONS, 0, "22", "{\"session_id\":22,\"timestamp\":\"" + time
                    + "\",\"user_id\":501,\"product_id\":1e400,\"event_type\":\"VIEW_PRODUCT\"}");
            send(producer, Names.TOPIC_INTERACTIONS, 0, "501", new byte[] {(byte) 0xff, 0x01});
            send(producer, Names.TOPIC_INTERACTIONS, 0, "501", "{}");
            send(producer, Names.TOPIC_SERVED, 0, "501", "{\"experiment\":\"seed\",\"user_id\":1e400}");
            for (int partition = 0; partition < 3; partition++) {
                send(producer, Names.TOPIC_SESSIONS, partition, Long.toString(30 + partition),
                        Lines.event(30 + partition, time, 600L + partition, 1001L, "VIEW_PRODUCT"));
            }
            producer.flush();

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Invariant.users(streams).containsAll(Set.of(600L, 601L, 602L)));
            final Map<String, Long> expected = new TreeMap<>(Map.of(
                    "topology NUMBER_OUT_OF_RANGE " + Names.TOPIC_SESSIONS, 2L,
                    "topology UNREADABLE_RECORD " + Names.TOPIC_INTERACTIONS, 2L,
                    "ab-attribution NUMBER_OUT_OF_RANGE " + Names.TOPIC_SERVED, 1L));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertEquals(expected, deadLetters(topics)));
            final List<Rejected> unreadable = topics.readAll(Names.TOPIC_REJECTED, JsonSerde.of(Rejected.class)).stream()
                    .filter(r -> r.reason() == RejectReason.UNREADABLE_RECORD).toList();
            assertTrue(unreadable.stream().allMatch(r -> r.exception() != null && r.exceptionMessage() != null
                    && r.line() >= 0), "the exception's class and message, and the offset: " + unreadable);
            assertEquals(List.of("{}"), unreadable.stream().map(Rejected::original).filter("{}"::equals).toList());

            assertEquals(0, threadFailures.get(), "no stream thread failed");
            assertTrue(!states.contains(KafkaStreams.State.ERROR), "never in ERROR: " + states);
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            assertEquals(2, counted.count(DeadLetterMetrics.STAGE_TOPOLOGY, RejectReason.UNREADABLE_RECORD));
        }
    }

    private static Map<String, Long> deadLetters(final KafkaTopics topics) {
        return topics.readAll(Names.TOPIC_REJECTED, JsonSerde.of(Rejected.class)).stream()
                .collect(Collectors.groupingBy(r -> r.stage() + " " + r.reason() + " " + r.source(), TreeMap::new,
                        Collectors.counting()));
    }

    private static KafkaProducer<String, byte[]> producer() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final String topic, final Integer partition,
            final String key, final String value) {
        send(producer, topic, partition, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final String topic, final Integer partition,
            final String key, final byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, key, value));
    }
}
