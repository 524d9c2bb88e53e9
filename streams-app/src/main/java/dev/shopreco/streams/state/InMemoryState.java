package dev.shopreco.streams.state;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.streams.collaborative.GramBuilder;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.TfIdf;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recommendation state computed in memory from a list of cleaned interactions and a catalog:
 * DESIGN §1 steps 6 and 7 done directly (popularity is the sum of the final s(u,p), not of
 * increments), so it serves as the reference the streaming state is checked against. The evaluator
 * builds one from the training part of a split.
 */
public final class InMemoryState implements RecoStateView {

    private final Map<Long, List<UserInteraction>> byUser;
    private final Map<Long, Double> popularity;
    private final List<Long> users;
    private final List<ScoredProduct> top;
    private final ContentIndex content;
    private volatile ItemGram itemGram;

    private InMemoryState(final Map<Long, List<UserInteraction>> byUser, final Map<Long, Double> popularity,
            final List<ScoredProduct> top, final ContentIndex content) {
        this.byUser = byUser;
        this.popularity = Collections.unmodifiableMap(popularity);
        this.users = byUser.keySet().stream().sorted().toList();
        this.top = top;
        this.content = content;
    }

    /**
     * Aggregates {@code interactions} (in the given order) per (user, product) and derives popularity
     * and the top-{@code topK} list; the content index is fitted on {@code catalog}.
     */
    public static InMemoryState build(final Iterable<Interaction> interactions, final Collection<Product> catalog,
            final int topK) {
        final Map<Long, TreeMap<Long, InteractionStats>> stats = new TreeMap<>();
        for (final Interaction event : interactions) {
            stats.computeIfAbsent(event.userId(), u -> new TreeMap<>())
                    .merge(event.productId(), InteractionStats.of(event), (old, one) -> old.plus(event));
        }
        final Map<Long, List<UserInteraction>> byUser = new HashMap<>();
        final Map<Long, Double> popularity = new TreeMap<>();
        // users in ascending id: a fixed summation order for popularity
        stats.forEach((user, products) -> {
            final List<UserInteraction> list = new ArrayList<>(products.size());
            products.forEach((product, s) -> {
                final UserInteraction interaction = UserInteraction.of(product, s);
                list.add(interaction);
                popularity.merge(product, interaction.strength(), Double::sum);
            });
            byUser.put(user, List.copyOf(list));
        });
        final List<ScoredProduct> ranked = new ArrayList<>();
        popularity.forEach((product, value) -> ranked.add(new ScoredProduct(product, value)));
        ranked.sort(ScoredProduct.BEST_FIRST);
        final List<ScoredProduct> top = List.copyOf(ranked.subList(0, Math.min(topK, ranked.size())));
        return new InMemoryState(byUser, popularity, top, TfIdf.fit(catalog));
    }

    @Override
    public List<UserInteraction> interactions(final long userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    @Override
    public double popularity(final long productId) {
        return popularity.getOrDefault(productId, 0.0);
    }

    @Override
    public List<ScoredProduct> topPopular() {
        return top;
    }

    @Override
    public ContentIndex content() {
        return content;
    }

    /** The Gram rows of every user's history, computed on first use (users in ascending id). */
    @Override
    public ItemGram itemGram() {
        ItemGram gram = itemGram;
        if (gram == null) {
            final List<List<UserInteraction>> histories = new ArrayList<>();
            users.forEach(user -> histories.add(byUser.get(user)));
            gram = ItemGram.of(GramBuilder.of(histories));
            itemGram = gram;
        }
        return gram;
    }

    /** Every user with at least one interaction, ascending. */
    public List<Long> users() {
        return users;
    }

    /** Product -> popularity, for every product someone touched, ascending id. */
    public Map<Long, Double> popularityByProduct() {
        return popularity;
    }
}
