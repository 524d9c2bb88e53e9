package dev.shopreco.api.served;

import dev.shopreco.common.Names;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every served answer to {@code reco.served} without touching the request's latency.
 *
 * <p>{@link #publish} only offers the event to a bounded in-memory queue and returns; one sender
 * thread hands the events to the Kafka producer. The hand-off exists because
 * {@code KafkaProducer.send} itself can block (up to {@code max.block.ms}) when it has no metadata
 * for the topic or its buffer is full, which is exactly what happens during a broker outage.
 *
 * <p>During an outage events wait in the producer's buffer (retried by the producer until
 * {@code delivery.timeout.ms}) or, when the producer refuses them for want of metadata, in the
 * queue again, until the broker is back. An event is lost only when the queue is full, the delivery
 * timeout (counted from when it was served) expires, or the service stops with the broker still
 * down; each case is counted in {@code reco.served.log.undelivered} with the reason. The producer
 * is idempotent with {@code acks=all}, and only events that were never written are queued again,
 * so no answer is written twice.
 */
public final class ServedLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedLog.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);

    private final Producer<String, ServedEvent> producer;
    private final String topic;
    private final BlockingQueue<ServedEvent> queue;
    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final Counter queueFull;
    private final Counter deliveryFailed;
    private final Counter droppedAtShutdown;
    private final Thread sender;
    private final Duration closeTimeout;
    private final long deliveryTimeoutMillis;
    private volatile boolean running = true;

    /**
     * @param producer        idempotent, {@code acks=all}, with {@code delivery.timeout.ms} equal to
     *                        {@code deliveryTimeout}
     * @param capacity        events the queue holds while the producer cannot take them
     * @param deliveryTimeout how long after it was served an event may still be delivered
     * @param closeTimeout    how long {@link #close} waits for the queue to drain
     */
    public ServedLog(final Producer<String, ServedEvent> producer, final int capacity, final Duration deliveryTimeout,
            final Duration closeTimeout, final MeterRegistry meters) {
        this(producer, Names.TOPIC_SERVED, capacity, deliveryTimeout, closeTimeout, meters);
    }

    ServedLog(final Producer<String, ServedEvent> producer, final String topic, final int capacity,
            final Duration deliveryTimeout, final Duration closeTimeout, final MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.closeTimeout = closeTimeout;
        this.deliveryTimeoutMillis = deliveryTimeout.toMillis();
        // an adder read at scrape time, not a registry counter incremented per acknowledgement
        FunctionCounter.builder("reco.served.log.sent", sent, LongAdder::doubleValue)
                .description("Served answers acknowledged by Kafka").register(meters);
        this.queueFull = undelivered(meters, "queue_full");
        this.deliveryFailed = undelivered(meters, "delivery_failed");
        this.droppedAtShutdown = undelivered(meters, "shutdown");
        Gauge.builder("reco.served.log.pending", this, ServedLog::pending)
                .description("Served answers not yet acknowledged by Kafka (queued or in flight)").register(meters);
        this.sender = new Thread(this::drain, "served-log-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    private static Counter undelivered(final MeterRegistry meters, final String reason) {
        return Counter.builder("reco.served.log.undelivered").tag("reason", reason)
                .description("Served answers that could not be written to " + Names.TOPIC_SERVED).register(meters);
    }

    /** Queues the event for {@code reco.served}; never blocks, never throws. */
    public void publish(final ServedEvent event) {
        if (!running) {
            droppedAtShutdown.increment();
        } else if (!queue.offer(event)) {
            queueFull.increment();
        }
    }

    /** Events accepted but not yet acknowledged by the broker. */
    public long pending() {
        return queue.size() + inFlight.get();
    }

    private void drain() {
        try {
            while (running || !queue.isEmpty()) {
                final ServedEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    send(event);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(final ServedEvent event) throws InterruptedException {
        final ProducerRecord<String, ServedEvent> record = new ProducerRecord<>(topic, null, event.servedAt(),
                Long.toString(event.userId()), event);
        while (true) {
            try {
                inFlight.incrementAndGet();
                producer.send(record, (metadata, error) -> acknowledged(event, error));
                return;
            } catch (final RetriableException e) {
                // no metadata or a full buffer: the broker is away; keep the event and try again
                inFlight.decrementAndGet();
                if (!running) {
                    droppedAtShutdown.increment();
                    return;
                }
                if (System.currentTimeMillis() - event.servedAt() >= deliveryTimeoutMillis) {
                    deliveryFailed.increment();
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF.toMillis());
            } catch (final KafkaException | IllegalStateException e) {
                inFlight.decrementAndGet();
                deliveryFailed.increment();
                LOG.warn("Could not write served answer {} to {}: {}", event.id(), topic, e.toString());
                return;
            }
        }
    }

    private void acknowledged(final ServedEvent event, final Exception error) {
        inFlight.decrementAndGet();
        if (error == null) {
            sent.increment();
        } else if (error instanceof RetriableException && running
                && System.currentTimeMillis() - event.servedAt() < deliveryTimeoutMillis) {
            // never written (e.g. no metadata for the topic while the broker is away; the producer reports
            // that here, not by throwing): queue it again. A batch that expired after being sent is older
            // than the delivery timeout and is not retried, so a retry never duplicates an answer.
            if (!queue.offer(event)) {
                queueFull.increment();
            }
        } else if (!running) {
            droppedAtShutdown.increment();
        } else {
            deliveryFailed.increment();
            LOG.warn("Served answer {} was not delivered to {}: {}", event.id(), topic, error.toString());
        }
    }

    /** Sends what is queued (waiting at most the close timeout in all), then closes the producer. */
    @Override
    public void close() {
        final long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        try {
            sender.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final int left = queue.size();
        queue.clear();
        if (left > 0) {
            droppedAtShutdown.increment(left);
        }
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
