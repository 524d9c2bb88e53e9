package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every model shares: the state, the exclusion rule, the popularity fallback. */
abstract class AbstractRecommender implements Recommender {

    protected final RecoStateView state;

    AbstractRecommender(final RecoStateView state) {
        this.state = state;
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        return rank(userId, catalogWithout(state.interactions(userId), exclusion));
    }

    /** The catalog's products, less those {@code exclusion} removes for a user with these interactions. */
    List<Long> catalogWithout(final List<UserInteraction> interactions, final Exclusion exclusion) {
        final Set<Long> excluded = excluded(interactions, exclusion);
        final List<Long> candidates = new ArrayList<>();
        for (final Long product : state.content().productIds()) {
            if (!excluded.contains(product)) {
                candidates.add(product);
            }
        }
        return candidates;
    }

    /** The products {@code exclusion} removes for a user with these interactions. */
    static Set<Long> excluded(final List<UserInteraction> interactions, final Exclusion exclusion) {
        final Set<Long> excluded = new HashSet<>();
        for (final UserInteraction interaction : interactions) {
            if (exclusion == Exclusion.INTERACTED || exclusion == Exclusion.PURCHASED && interaction.purchased()) {
                excluded.add(interaction.productId());
            }
        }
        return excluded;
    }

    /** The unfiltered answer: {@link #recommend(long, int, Exclusion, ProductFilter)} with no filter. */
    @Override
    public final Recommendation recommend(final long userId, final int n, final Exclusion exclusion) {
        return recommend(userId, n, exclusion, ProductFilter.NONE);
    }

    /** The answer under {@code filter}, from a bounded candidate set (never a rank of the whole catalog). */
    @Override
    public abstract Recommendation recommend(long userId, int n, Exclusion exclusion, ProductFilter filter);

    /**
     * The list from a model's scores: the scored products that pass the restriction, best first
     * ({@link ItemEaseRecommender#bestFirst}), then popular ones that pass ({@link #personalList}). The
     * popularity list flagged as a fallback when no scored product survives the exclusion and is in
     * the catalog; a filter that leaves no scored product is filled by popularity, unflagged.
     */
    Recommendation scoredList(final long userId, final int n, final Restriction restriction,
            final Map<Long, Double> scores) {
        final List<ScoredProduct> head = new ArrayList<>();
        boolean personal = false;
        for (final Map.Entry<Long, Double> score : scores.entrySet()) {
            final long product = score.getKey();
            if (!restriction.excluded(product) && restriction.index().contains(product)) {
                personal = true;
                if (restriction.accepts(product)) {
                    head.add(new ScoredProduct(product, score.getValue()));
                }
            }
        }
        if (!personal) {
            return popularityList(userId, n, restriction, true);
        }
        head.sort(ItemEaseRecommender.bestFirst(state));
        return personalList(userId, n, restriction, head);
    }

    /** What a list for a user with these interactions may hold under {@code exclusion} and {@code filter}. */
    Restriction restriction(final List<UserInteraction> interactions, final Exclusion exclusion,
            final ProductFilter filter) {
        return Restriction.of(state.content(), filter, excluded(interactions, exclusion));
    }

    /**
     * The personal answer: the first {@code n} of {@code ranked} (best first, all passing the
     * restriction), then, if fewer, the most popular products that pass and are not already listed,
     * with score 0.
     */
    Recommendation personalList(final long userId, final int n, final Restriction restriction,
            final List<ScoredProduct> ranked) {
        final List<ScoredProduct> head = ranked.subList(0, Math.min(n, ranked.size()));
        // products the model cannot score follow by popularity
        final List<ScoredProduct> filled = PopularityList.top(state, n, restriction, head);
        final List<ScoredProduct> list = new ArrayList<>(head);
        for (final ScoredProduct more : filled.subList(head.size(), filled.size())) {
            list.add(new ScoredProduct(more.productId(), 0.0));
        }
        return new Recommendation(userId, name(), list, false);
    }

    /** The popularity answer, flagged as a fallback when a personal model stands in with it. */
    Recommendation popularityList(final long userId, final int n, final Restriction restriction,
            final boolean fallback) {
        return new Recommendation(userId, name(), PopularityList.top(state, n, restriction, new ArrayList<>()),
                fallback);
    }
}
