package dev.shopreco.producer.replay;

import dev.shopreco.producer.replay.Replayer.ReplayException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The producer of one replay attempt. The first failed record closes it at once, from its callback
 * (in the producer's I/O thread, before it sends anything else): every record queued behind the
 * failed one is dropped, never sent, so no partition gets a gap. Every later call throws
 * {@link Lost} (the failure may pass) or {@link ReplayException} (it will not).
 */
final class FailFastProducer implements AutoCloseable {

    private final Producer<String, String> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicBoolean acknowledged = new AtomicBoolean();
    private final Callback onDelivery;

    FailFastProducer(final Producer<String, String> producer) {
        this.producer = producer;
        this.onDelivery = (metadata, exception) -> {
            if (exception == null) {
                acknowledged.set(true);
            } else if (failure.compareAndSet(null, exception)) {
                producer.close(Duration.ZERO);
            }
        };
    }

    /** The number of partitions of {@code topic}. */
    int partitions(final String topic) {
        return guarded(() -> producer.partitionsFor(topic).size());
    }

    /** Sends {@code record}, unless an earlier record failed. */
    void send(final ProducerRecord<String, String> record) {
        checkFailure();
        guarded(() -> producer.send(record, onDelivery));
    }

    /** Waits until every record sent is acknowledged, then throws if one failed. */
    void flush() {
        guarded(() -> {
            producer.flush();
            return null;
        });
        checkFailure();
    }

    /** Throws if a record failed: {@link Lost} when trying again may help, {@link ReplayException} otherwise. */
    void checkFailure() {
        final Exception e = failure.get();
        if (e == null) {
            return;
        }
        if (e instanceof RetriableException) {
            throw new Lost(e, acknowledged.get());
        }
        throw new ReplayException("A record could not be delivered to Kafka: " + e.getMessage()
                + ". Nothing after it was sent; run the replay again (resume is on by default) to continue.", e);
    }

    /** A call on a producer that a failed record's callback closed meanwhile reports that failure. */
    private <T> T guarded(final Supplier<T> call) {
        try {
            return call.get();
        } catch (final KafkaException | IllegalStateException e) {
            // IllegalStateException: a failed record's callback closed the producer under this call
            checkFailure();
            throw e;
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** A send failed for a reason that may pass; {@code progressed}: Kafka acknowledged records of this attempt. */
    static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean progressed;

        Lost(final Exception cause, final boolean progressed) {
            super(cause.getMessage(), cause);
            this.progressed = progressed;
        }
    }
}
