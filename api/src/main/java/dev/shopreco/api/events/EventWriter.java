package dev.shopreco.api.events;

import dev.shopreco.common.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes valid events to {@code shop.sessions} as the replay does: keyed by session id, the event's
 * own JSON text as value, stamped with its event time. The producer has {@code acks=all} and
 * idempotence on: a future completes once every in-sync replica has the record.
 */
public class EventWriter implements AutoCloseable {

    private final Producer<String, String> producer;
    private final long timeoutMillis;

    public EventWriter(final Producer<String, String> producer, final EventSettings settings) {
        this.producer = producer;
        this.timeoutMillis = settings.sendTimeout().toMillis();
    }

    /**
     * Sends {@code events} in order.
     *
     * @return completes with their number once Kafka acknowledged all of them, or exceptionally (the
     *         first failure, or a timeout after {@code EVENTS_SEND_TIMEOUT})
     */
    public CompletableFuture<Integer> write(final List<EventBatch.Event> events) {
        final List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        for (final EventBatch.Event event : events) {
            final CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            try {
                producer.send(new ProducerRecord<>(Names.TOPIC_SESSIONS, null, event.event().epochMillis(),
                        Long.toString(event.event().sessionId()), event.text()), (metadata, error) -> {
                            if (error == null) {
                                ack.complete(null);
                            } else {
                                ack.completeExceptionally(error);
                            }
                        });
            } catch (final RuntimeException e) {
                ack.completeExceptionally(e);
                break;
            }
        }
        return CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0]))
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .thenApply(done -> events.size());
    }

    @Override
    public void close() {
        producer.close();
    }
}
