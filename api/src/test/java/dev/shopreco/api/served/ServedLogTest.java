package dev.shopreco.api.served;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ServedLogTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(1);

    private static ServedEvent event(final int i) {
        return event(i, System.currentTimeMillis());
    }

    private static ServedEvent event(final int i, final long servedAt) {
        return new ServedEvent("id-" + i, "2026-01-01 00:00:00", 100 + i, "POPULARITY", List.of(1001L), "A", false,
                "exp", "hash", "host:1", servedAt, servedAt, Map.of("A", 1.0), "req-" + i,
                new ServedFilters(null, List.of(), "PURCHASED"));
    }

    private ServedLog log(final MockProducer<String, ServedEvent> producer, final int capacity) {
        return new ServedLog(producer, "t", capacity, DELIVERY_TIMEOUT, Duration.ofSeconds(5), meters);
    }

    @Test
    void shouldWriteEveryEventKeyedByUserWithItsTimestamp() {
        final MockProducer<String, ServedEvent> producer = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        try (ServedLog log = log(producer, 100)) {
            for (int i = 0; i < 10; i++) {
                log.publish(event(i, 1_000L + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 10);
            final ProducerRecord<String, ServedEvent> first = producer.history().get(0);
            assertEquals("100", first.key());
            assertEquals("id-0", first.value().id());
            assertEquals(1_000L, first.timestamp());
            await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("reco.served.log.sent").functionCounter().count() == 10);
        }
    }

    @Test
    void shouldNeverBlockTheCallerWhileTheProducerIsStuck() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final MockProducer<String, ServedEvent> stuck = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]) {
            @Override
            public synchronized Future<RecordMetadata> send(final ProducerRecord<String, ServedEvent> record,
                    final Callback callback) {
                try {
                    release.await(); // a send waiting for metadata during a broker outage
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(record, callback);
            }
        };
        try (ServedLog log = log(stuck, 1_000)) {
            final long start = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                log.publish(event(i));
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "publish only queues");
            assertTrue(log.pending() >= 499);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck.history().size() == 500);
        }
    }

    @Test
    void shouldRetryASendRefusedWhileTheBrokerIsAwayAndCountWhatIsLost() {
        final AtomicInteger refusals = new AtomicInteger(3);
        final MockProducer<String, ServedEvent> flaky = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]) {
            @Override
            public synchronized Future<RecordMetadata> send(final ProducerRecord<String, ServedEvent> record,
                    final Callback callback) {
                if (refusals.getAndDecrement() > 0) {
                    throw new TimeoutException("Topic not present in metadata after 2000 ms.");
                }
                return super.send(record, callback);
            }
        };
        try (ServedLog log = log(flaky, 2)) {
            log.publish(event(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> flaky.history().size() == 1);
            assertEquals("id-1", flaky.history().get(0).value().id(), "kept and sent once the broker answered");
            assertEquals(0.0, meters.counter("reco.served.log.undelivered", "reason", "delivery_failed").count());
        }
    }

    @Test
    void shouldSendAgainAnEventTheProducerReportsAsNeverWritten() {
        final MockProducer<String, ServedEvent> producer = new MockProducer<>(false, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        try (ServedLog log = log(producer, 10)) {
            log.publish(event(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
            // what KafkaProducer hands the callback when the topic's metadata did not come in max.block.ms
            producer.errorNext(new TimeoutException("Topic t not present in metadata after 2000 ms."));
            await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
            assertEquals("id-1", producer.history().get(1).value().id());
            producer.completeNext();
            await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("reco.served.log.sent").functionCounter().count() == 1);
            assertEquals(0.0, meters.counter("reco.served.log.undelivered", "reason", "delivery_failed").count());
        }
    }

    @Test
    void shouldCountEventsThatCouldNotBeDeliveredInTime() {
        final MockProducer<String, ServedEvent> producer = new MockProducer<>(false, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        try (ServedLog log = log(producer, 10)) {
            log.publish(event(1, System.currentTimeMillis() - DELIVERY_TIMEOUT.toMillis()));
            log.publish(event(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
            producer.errorNext(new TimeoutException("Expiring 1 record(s): delivery timeout has passed"));
            producer.errorNext(new RecordTooLargeException("too large"));
            assertEquals(2.0, meters.counter("reco.served.log.undelivered", "reason", "delivery_failed").count());
            assertEquals(0, log.pending());
        }
    }

    @Test
    void shouldCountEventsThatDoNotFitTheQueue() {
        final CountDownLatch release = new CountDownLatch(1);
        final MockProducer<String, ServedEvent> stuck = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]) {
            @Override
            public synchronized Future<RecordMetadata> send(final ProducerRecord<String, ServedEvent> record,
                    final Callback callback) {
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(record, callback);
            }
        };
        try (ServedLog log = log(stuck, 5)) {
            for (int i = 0; i < 20; i++) {
                log.publish(event(i));
            }
            // the sender holds one event in send, the queue five: the rest are counted, not silently dropped
            assertTrue(meters.counter("reco.served.log.undelivered", "reason", "queue_full").count() >= 14);
            release.countDown();
        }
    }
}
