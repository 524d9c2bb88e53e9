package dev.shopreco.api.support;

import dev.shopreco.common.Names;
import dev.shopreco.producer.replay.ReplayCommand;
import dev.shopreco.streams.reference.ReferenceResult;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

/** Feeds the test fixture (and single new events) into the broker the way the shop would. */
public final class ShopData {

    /** Users of the fixture: 101..120 (at or below the seed's threshold) and 551..570 (above). */
    public static final long[] USERS = users();

    private ShopData() {
    }

    /** Replays {@code src/test/resources/fixture} with the project's replay command. */
    public static void replayFixture(final String bootstrapServers) {
        final int code = new CommandLine(new ReplayCommand()).execute("--data", fixture().toString(),
                "--bootstrap-servers", bootstrapServers, "--no-progress");
        if (code != 0) {
            throw new IllegalStateException("Replay failed with exit code " + code);
        }
    }

    /**
     * A session event as the shop writes it.
     *
     * @param sessionId the session
     * @param time      event time
     * @param userId    the user
     * @param productId the product
     * @param eventType VIEW_PRODUCT or BUY_PRODUCT
     */
    public record Event(long sessionId, LocalDateTime time, long userId, long productId, String eventType) {

        /** The event as a line of {@code sessions.jsonl}. */
        public String line() {
            return String.format("{\"session_id\": %d, \"timestamp\": \"%s\", \"user_id\": %d, "
                    + "\"product_id\": %d, \"event_type\": \"%s\", \"offered_discount\": 0, \"purchase_id\": null}",
                    sessionId, time, userId, productId, eventType);
        }
    }

    /** Sends session events as the producer does (keyed by session, the original line as value), acknowledged. */
    public static void send(final String bootstrapServers, final List<Event> events) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (final Event event : events) {
                producer.send(new ProducerRecord<>(Names.TOPIC_SESSIONS, Long.toString(event.sessionId()),
                        event.line()));
            }
            producer.flush();
        }
    }

    /** The fixture's data folder ({@code products.jsonl}, {@code sessions.jsonl}, {@code users.jsonl}). */
    public static Path fixture() {
        try {
            return Path.of(ShopData.class.getResource("/fixture/products.jsonl").toURI()).getParent();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first product of {@code batch}'s catalog that none of its interactions touches: no model has a signal for it. */
    public static long untouchedProduct(final ReferenceResult batch) {
        final Set<Long> touched = new HashSet<>();
        batch.interactions().forEach(i -> touched.add(i.productId()));
        return batch.catalog().keySet().stream().filter(p -> !touched.contains(p)).findFirst()
                .orElseThrow(() -> new IllegalStateException("fixture: every product was touched"));
    }

    private static long[] users() {
        final long[] users = new long[40];
        for (int i = 0; i < 20; i++) {
            users[i] = 101 + i;
            users[20 + i] = 551 + i;
        }
        return users;
    }
}
