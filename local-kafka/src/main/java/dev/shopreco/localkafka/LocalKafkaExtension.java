package dev.shopreco.localkafka;

import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real KRaft broker per test class, on free ports, in a temporary folder
 * removed afterwards, with the system's topics created (3 partitions each).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();
 * ... KAFKA.bootstrapServers() ...
 * }</pre>
 */
public final class LocalKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private final int partitions;
    private LocalKafka broker;

    /** A broker whose topics have 3 partitions. */
    public LocalKafkaExtension() {
        this(TopicSettings.DEFAULT_PARTITIONS);
    }

    /** A broker whose topics have {@code partitions} partitions. */
    public LocalKafkaExtension(final int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        broker = LocalKafka.builder().build().start();
        try (Admin admin = admin()) {
            Topics.ensure(admin, Topics.all(TopicSettings.from(
                    Map.of(TopicSettings.PARTITIONS, Integer.toString(partitions)))), Duration.ofSeconds(30));
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** {@code host:port} of the running broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The broker itself, e.g. to stop and restart it in a fault test. */
    public LocalKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("The broker is not started: register the extension with @RegisterExtension on a static field");
        }
        return broker;
    }

    /** A new admin client on the broker (close it). */
    public Admin admin() {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }
}
