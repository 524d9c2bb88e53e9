package dev.shopreco.api.reco;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shopreco.api.streams.LocalState;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.state.StateVersions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The models' answers, kept per (model, user, n) until the state they were computed from changes.
 * The hosted topology bumps {@link StateVersions} after each write: the user's interactions, any
 * popularity value or the top list (everyone's fallback and CB's tie order), the catalog (through
 * the content index the answer used), and a rebalance (a store regained from another instance).
 * A user's answer therefore changes with the next request after their event is in the store, as
 * without the cache; it is only recomputed when something it depends on moved.
 *
 * <p>Only the models whose inputs are exactly those are kept ({@link #CACHED_MODELS}); a model that
 * reads other state must say which counters it depends on before it is added there. Bounded in
 * entries (least recently used out first); size 0 turns the cache off.
 */
@Singleton
public class AnswerCache {

    /** Models that read only a user's interactions, popularity, the top list and the catalog. */
    static final Set<String> CACHED_MODELS = Set.of(Recommenders.POPULARITY, Recommenders.CONTENT_BASE,
            Recommenders.RANDOM);

    private record Key(String model, long userId, int n) {

        @Override
        public boolean equals(final Object other) {
            return other instanceof Key that && userId == that.userId && n == that.n && model.equals(that.model);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(userId) * 31 + n) * 31 + model.hashCode();
        }
    }

    private record Entry(StateStamp stamp, Answer answer) {
    }

    /**
     * An answer as the response needs it.
     *
     * @param productIds best first
     * @param fallback   whether the popularity list stood in
     */
    public record Answer(List<Long> productIds, boolean fallback) {

        static Answer of(final Recommendation recommendation) {
            return new Answer(recommendation.productIds(), recommendation.fallback());
        }
    }

    private final LocalState state;
    private final Cache<Key, Entry> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public AnswerCache(final LocalState state, final MeterRegistry meters, final RecoSettings settings) {
        final long size = settings.answerCacheSize();
        this.state = state;
        this.cache = size <= 0 ? null : Caffeine.newBuilder().maximumSize(size).build();
        // adders read at scrape time: a registry counter's increment costs more than a cache hit
        FunctionCounter.builder("reco.answer.cache", hits, LongAdder::doubleValue).tag("result", "hit")
                .description("Answers served from the answer cache, or computed").register(meters);
        FunctionCounter.builder("reco.answer.cache", misses, LongAdder::doubleValue).tag("result", "miss")
                .description("Answers served from the answer cache, or computed").register(meters);
    }

    /** The answer of {@code model} for the user: kept, or computed by {@code compute} and kept. */
    public Answer get(final String model, final long userId, final int n, final Supplier<Recommendation> compute) {
        if (cache == null || !CACHED_MODELS.contains(model)) {
            misses.increment();
            return Answer.of(compute.get());
        }
        final StateStamp stamp = stamp(userId);
        final Key key = new Key(model, userId, n);
        final Entry entry = cache.getIfPresent(key);
        if (entry != null && entry.stamp().equals(stamp)) {
            hits.increment();
            return entry.answer();
        }
        misses.increment();
        final Answer answer = Answer.of(compute.get());
        cache.put(key, new Entry(stamp, answer));
        return answer;
    }

    /** An answer that is not kept (a filtered list), counted as a miss. */
    public Answer computed(final Supplier<Recommendation> compute) {
        misses.increment();
        return Answer.of(compute.get());
    }

    /** The counters first, then the content index: a write after this read makes the stamp stale. */
    private StateStamp stamp(final long userId) {
        final StateVersions versions = state.versions();
        final long user = versions.user(userId);
        final long popularity = versions.popularity();
        final long everything = versions.everything();
        return new StateStamp(user, popularity, everything, state.view().content(), null);
    }
}
