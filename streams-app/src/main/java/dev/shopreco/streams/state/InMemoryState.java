package dev.shopreco.streams.state;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.streams.collaborative.CoOccurrence;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.TfIdf;
import dev.shopreco.streams.knn.Postings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recommendation state computed in memory from a list of cleaned interactions and a catalog:
 * docs/design.md §1 steps 6 and 7 done directly (popularity is the sum of the final s(u,p), not of
 * increments), so it serves as the reference the streaming state is checked against. The evaluator
 * builds one from the training part of a split.
 */
public final class InMemoryState implements RecoStateView {

    private final Map<Long, List<UserInteraction>> byUser;
    private final Map<Long, Double> popularity;
    private final List<Long> users;
    private final List<ScoredProduct> top;
    private final ContentIndex content;
    private final GramSettings gramSettings;
    private volatile ItemGram itemGram;
    private volatile PopularityOrder popularityOrder;
    private volatile Postings postings;

    private InMemoryState(final Map<Long, List<UserInteraction>> byUser, final Map<Long, Double> popularity,
            final List<ScoredProduct> top, final ContentIndex content, final GramSettings gram) {
        this.byUser = byUser;
        this.gramSettings = gram;
        // looked up for every candidate of every list: a hash map, not the sorted map it was summed in
        this.popularity = Collections.unmodifiableMap(new HashMap<>(popularity));
        this.users = byUser.keySet().stream().sorted().toList();
        this.top = top;
        this.content = content;
    }

    /**
     * Aggregates {@code interactions} (in the given order) per (user, product) and derives popularity
     * and the top-{@code topK} list; the content index is fitted on {@code catalog}; the item Gram
     * matrices cover what {@code gram} says.
     */
    public static InMemoryState build(final Iterable<Interaction> interactions, final Collection<Product> catalog,
            final int topK, final GramSettings gram) {
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
        return new InMemoryState(byUser, popularity, top, TfIdf.fit(catalog), gram);
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

    /** Built on first use (this state does not change). */
    @Override
    public PopularityOrder popularityOrder() {
        PopularityOrder order = popularityOrder;
        if (order == null) {
            order = PopularityOrder.of(content, popularity);
            popularityOrder = order;
        }
        return order;
    }

    /** The Gram rows of {@link CoOccurrence#rows}, computed on first use (users in ascending id). */
    @Override
    public ItemGram itemGram() {
        ItemGram gram = itemGram;
        if (gram == null) {
            final List<List<UserInteraction>> histories = new ArrayList<>();
            users.forEach(user -> histories.add(byUser.get(user)));
            gram = ItemGram.of(CoOccurrence.rows(histories, gramSettings));
            itemGram = gram;
        }
        return gram;
    }

    /** The postings of {@link CoOccurrence#postings}, computed on first use. */
    @Override
    public Postings postings() {
        Postings computed = postings;
        if (computed == null) {
            computed = CoOccurrence.postings(byUser, gramSettings);
            postings = computed;
        }
        return computed;
    }

    /** What the item Gram matrices of this state cover. */
    public GramSettings gramSettings() {
        return gramSettings;
    }

    /** Every user with at least one interaction, ascending. */
    public List<Long> users() {
        return users;
    }

    /** The number of users who touched the product. */
    public long usersOf(final long productId) {
        long count = 0;
        for (final List<UserInteraction> history : byUser.values()) {
            for (final UserInteraction interaction : history) {
                if (interaction.productId() == productId) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Product -> popularity, for every product someone touched, ascending id. */
    public Map<Long, Double> popularityByProduct() {
        return popularity;
    }
}
