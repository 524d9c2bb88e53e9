package dev.shopreco.streams.topology;

import dev.shopreco.common.model.RejectReason;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the dead letters one Kafka Streams client wrote, per stage and reason: those its processors
 * refuse ({@code SessionCleaner}, the A/B attribution) and those its exception
 * handlers send ({@link DeadLetterHandler}). One instance per client, carried in the client's
 * configuration under {@link #CONFIG} (processors read it from {@code appConfigs()}, the handlers
 * from {@code configure}), so no static state is shared between clients in one JVM.
 *
 * <p>A count is of dead letters handed to Kafka Streams: under exactly-once, a task that is aborted
 * and retried counts its dead letters again, while the topic holds them once.
 */
public final class DeadLetterMetrics {

    /** The configuration key that carries the client's instance. */
    public static final String CONFIG = "shop.reco.dead.letter.metrics";

    /** The stage of dead letters written by the topology's cleaning step and exception handlers. */
    public static final String STAGE_TOPOLOGY = "topology";

    /** The stage of served records the A/B attribution refuses. */
    public static final String STAGE_AB_ATTRIBUTION = "ab-attribution";

    private final Map<String, Map<RejectReason, LongAdder>> counts = new ConcurrentHashMap<>();

    /** Counts one dead letter. */
    public void record(final String stage, final RejectReason reason) {
        counts.computeIfAbsent(stage, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Dead letters counted for {@code stage} and {@code reason}. */
    public long count(final String stage, final RejectReason reason) {
        final Map<RejectReason, LongAdder> byReason = counts.get(stage);
        final LongAdder adder = byReason == null ? null : byReason.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** Every non-zero count, by stage then reason. */
    public Map<String, Map<RejectReason, Long>> snapshot() {
        final Map<String, Map<RejectReason, Long>> out = new TreeMap<>();
        counts.forEach((stage, byReason) -> byReason.forEach((reason, adder) ->
                out.computeIfAbsent(stage, s -> new TreeMap<>()).put(reason, adder.sum())));
        return out;
    }

    /** The instance in {@code configs} (a client's configuration), or a new one no client reports. */
    public static DeadLetterMetrics in(final Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterMetrics metrics ? metrics : new DeadLetterMetrics();
    }

    /** The instance in {@code props} (from {@code RecoTopology.config}). */
    public static DeadLetterMetrics in(final Properties props) {
        return props.get(CONFIG) instanceof DeadLetterMetrics metrics ? metrics : new DeadLetterMetrics();
    }
}
