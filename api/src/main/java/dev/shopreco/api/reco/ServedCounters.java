package dev.shopreco.api.reco;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code reco.served{model,variant,fallback}}: answers served per model and variant. Counted in a
 * {@link LongAdder} per tag set, read when metrics are scraped, so that a request never looks a
 * counter up in the registry.
 */
final class ServedCounters {

    private record Tags(String model, String variant, boolean fallback) {
    }

    private final MeterRegistry meters;
    private final ConcurrentMap<Tags, LongAdder> counts = new ConcurrentHashMap<>();

    ServedCounters(final MeterRegistry meters) {
        this.meters = meters;
    }

    /** One more answer of {@code model} (variant null: the caller chose the model). */
    void served(final String model, final String variant, final boolean fallback) {
        final Tags tags = new Tags(model, variant == null ? "none" : variant, fallback);
        LongAdder count = counts.get(tags);
        if (count == null) {
            count = counts.computeIfAbsent(tags, this::register);
        }
        count.increment();
    }

    private LongAdder register(final Tags tags) {
        final LongAdder count = new LongAdder();
        FunctionCounter.builder("reco.served", count, LongAdder::doubleValue)
                .tags("model", tags.model(), "variant", tags.variant(), "fallback", Boolean.toString(tags.fallback()))
                .description("Answers served, per model and experiment variant").register(meters);
        return count;
    }
}
