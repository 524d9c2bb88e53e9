package dev.shopreco.streams.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shopreco.common.json.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The K most popular products, best first (ties by ascending id). Kept by a single-key aggregation
 * and published to a topic that every instance reads as a global table, so that a popularity answer
 * reads one small value instead of scanning the catalog.
 *
 * <p>Correct because popularity never decreases (weights are non-negative, so every s(u,p) change is
 * {@code >= 0}): a product that drops out of the list can only come back through an update of its
 * own, which is offered to the list again.
 *
 * @param entries best first, at most K
 */
public record TopList(List<ScoredProduct> entries) {

    @JsonCreator
    public TopList(@JsonProperty("entries") final List<ScoredProduct> entries) {
        this.entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** No product yet. */
    public static TopList empty() {
        return new TopList(List.of());
    }

    /** This list with {@code product}'s popularity replaced by {@code update}, cut to {@code k}. */
    public TopList with(final ScoredProduct update, final int k) {
        final List<ScoredProduct> next = new ArrayList<>(entries.size() + 1);
        for (final ScoredProduct entry : entries) {
            if (entry.productId() != update.productId()) {
                next.add(entry);
            }
        }
        next.add(update);
        next.sort(ScoredProduct.BEST_FIRST);
        return new TopList(next.size() > k ? next.subList(0, k) : next);
    }

    /** JSON serde (the list is small and the topic is meant to be readable). */
    public static Serde<TopList> serde() {
        return JsonSerde.of(TopList.class);
    }
}
