package dev.shopreco.producer.replay;

import dev.shopreco.common.kafka.KafkaRefusal;
import dev.shopreco.producer.replay.Replayer.ReplayException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;

/**
 * The producer of one replay attempt: a transactional producer, so that Kafka decides every record
 * whole. Records are sent in transactions committed every {@code commitInterval} or
 * {@code commitRecords} records, whichever comes first, and when {@link #commit()} is called; a
 * consumer reading {@code read_committed} (the topology, the read-back of {@link DeliveredFrontier})
 * sees a record only once its transaction is committed and never one of an aborted transaction.
 *
 * <p>{@link #start()} ({@code initTransactions}) fences every earlier producer with the same
 * transactional id and waits until Kafka has completed or aborted the transaction it left open, its
 * markers replicated. So after {@code start()} nothing an earlier attempt or run sent can still
 * appear on a topic: what a {@code read_committed} consumer reads is final.
 *
 * <p>The first failure ends the attempt: every later call throws {@link Lost} (the failure may
 * pass) or {@link ReplayException} (it will not); what the open transaction held is aborted by the
 * next attempt's {@code start()}, or by Kafka after {@code transaction.timeout.ms}.
 */
final class TransactionalProducer implements AutoCloseable {

    private final Producer<String, String> producer;
    private final long commitIntervalNanos;
    private final int commitRecords;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onDelivery;
    private boolean open;
    private long openedAt;
    private int inTransaction;
    private boolean committed;

    /**
     * @param producer       a producer with a transactional id ({@link ReplayTarget#newProducer})
     * @param commitInterval a transaction is committed at the first send after it has been open this long
     * @param commitRecords  ... or once it holds this many records
     */
    TransactionalProducer(final Producer<String, String> producer, final Duration commitInterval,
            final int commitRecords) {
        this.producer = producer;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.commitRecords = commitRecords;
        this.onDelivery = (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        };
    }

    /** Fences earlier producers of the same transactional id; returns once their transactions are decided. */
    void start() {
        guarded(() -> {
            producer.initTransactions();
            return null;
        });
    }

    /** The number of partitions of {@code topic}. */
    int partitions(final String topic) {
        return guarded(() -> producer.partitionsFor(topic).size());
    }

    /** Sends {@code record} in the open transaction (opening one if none is), then commits if one is due. */
    void send(final ProducerRecord<String, String> record) {
        checkFailure();
        if (!open) {
            guarded(() -> {
                producer.beginTransaction();
                return null;
            });
            open = true;
            openedAt = System.nanoTime();
            inTransaction = 0;
        }
        guarded(() -> producer.send(record, onDelivery));
        inTransaction++;
        if (inTransaction >= commitRecords || System.nanoTime() - openedAt >= commitIntervalNanos) {
            commit();
        }
    }

    /** Commits the open transaction, if any: every record sent so far is then visible. */
    void commit() {
        checkFailure();
        if (!open) {
            return;
        }
        guarded(() -> {
            producer.commitTransaction();
            return null;
        });
        open = false;
        committed = true;
    }

    /** Whether this attempt committed a transaction: Kafka took records from it. */
    boolean committed() {
        return committed;
    }

    /** Throws if a record failed: {@link Lost} when trying again may help, {@link ReplayException} otherwise. */
    void checkFailure() {
        final Exception e = failure.get();
        if (e != null) {
            throw failed(e);
        }
    }

    /** A call that throws reports the first record's failure if there was one, else its own. */
    private <T> T guarded(final Supplier<T> call) {
        try {
            return call.get();
        } catch (final KafkaException | IllegalStateException e) {
            // IllegalStateException: the producer is in an error state since a record failed
            checkFailure();
            failure.compareAndSet(null, e);
            throw failed(e);
        }
    }

    private RuntimeException failed(final Exception e) {
        if (mayPass(e)) {
            return new Lost(e, committed);
        }
        return new ReplayException("A record could not be delivered to Kafka: " + e.getMessage()
                + ". Nothing after the last committed transaction is visible; run the replay again (resume is on by"
                + " default) to continue.", e);
    }

    /**
     * Whether a new attempt may succeed where this one failed: Kafka was unavailable for a while
     * (a retriable error, a timeout), or the attempt's transaction was ended without it (another
     * producer of the same id fenced it, or Kafka aborted it after {@code transaction.timeout.ms}).
     * Credentials or permissions Kafka refuses, and records it refuses, do not pass.
     */
    static boolean mayPass(final Throwable error) {
        if (KafkaRefusal.isRefusal(error)) {
            return false;
        }
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof RetriableException || e instanceof ProducerFencedException
                    || e instanceof InvalidProducerEpochException || e instanceof TransactionAbortableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the producer. A transaction still open is aborted when the failure cannot pass (or
     * there was none: the replay stopped for a reason of its own), so that readers are not held up
     * until Kafka's {@code transaction.timeout.ms}; after a failure that may pass it is left to the
     * next attempt's {@link #start()}, without waiting for a broker that is away.
     */
    @Override
    public void close() {
        final Exception e = failure.get();
        if (open && (e == null || !mayPass(e))) {
            try {
                producer.abortTransaction();
            } catch (final KafkaException | IllegalStateException ignored) {
                // the transaction ends anyway: the next start() or Kafka's timeout aborts it
            }
        }
        producer.close(e != null || open ? Duration.ZERO : Duration.ofSeconds(30));
    }

    /** A send failed for a reason that may pass; {@code progressed}: this attempt committed a transaction. */
    static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean progressed;

        Lost(final Exception cause, final boolean progressed) {
            super(cause.getMessage(), cause);
            this.progressed = progressed;
        }
    }
}
