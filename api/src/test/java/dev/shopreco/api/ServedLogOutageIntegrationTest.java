package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.api.served.ServedLog;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ServedTopic;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker outage neither fails nor slows the answers; their served events arrive when it returns. */
class ServedLogOutageIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static ApiInstance api;

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        api = ApiInstance.start(KAFKA.bootstrapServers()).awaitReady();
        await().atMost(Duration.ofSeconds(60)).until(() -> !api.http().get("/models/user/560").json()
                .get("fallback").asBoolean());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void shouldKeepAnsweringDuringABrokerOutageAndDeliverTheServedLogAfterIt() {
        final Set<String> ids = new HashSet<>();
        ids.add(api.http().get("/models/user/101").json().get("id").asText());
        KAFKA.broker().stop();
        try {
            for (final long user : ShopData.USERS) {
                final long start = System.nanoTime();
                final Http.Response response = api.http().get("/models/user/" + user);
                final long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(200, response.status(), "user " + user + " during the outage");
                assertTrue(millis < 1_000, "no broker round trip on the request path: " + millis + " ms");
                ids.add(response.json().get("id").asText());
            }
            final ServedLog log = api.context().getBean(ServedLog.class);
            assertTrue(log.pending() > 0, "the answers of the outage wait for the broker");
        } finally {
            KAFKA.broker().start();
        }
        try (ServedTopic served = new ServedTopic(KAFKA.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> served.poll()
                    .stream().map(s -> s.value().get("id").asText()).filter(ids::contains).count() >= ids.size());
            assertEquals(ids.size(), served.poll().stream().map(s -> s.value().get("id").asText())
                    .filter(ids::contains).count(), "each once");
        }
        final MeterRegistry meters = api.context().getBean(MeterRegistry.class);
        assertEquals(0.0, meters.find("reco.served.log.undelivered").counters().stream()
                .mapToDouble(c -> c.count()).sum(), "nothing lost");
    }
}
