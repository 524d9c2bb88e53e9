package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.content.CategoryGroup;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.SparseVector;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Products similar to a product (item-to-item), from state every instance holds: the catalog's
 * TF-IDF vectors, popularity and the ITEM_EASE fit on the item Gram rows.
 *
 * <ul>
 *   <li>{@code ITEM_EASE}: the fitted products q with a positive EASE weight {@code B[p][q]}, highest
 *       first: what a user who touched only p would be offered.</li>
 *   <li>{@code CONTENT_BASE}: the cosine of the TF-IDF category vectors, highest first (the products of
 *       p's own category first).</li>
 *   <li>{@code HYBRID}: HYBRID's "all" weights on the same signals, each divided by its largest value:
 *       collaborative (the EASE weight), content (the cosine), popularity; the "own" weight has no
 *       meaning here and is not used.</li>
 * </ul>
 * Ties by popularity, then ascending id; a list shorter than n is filled with the most popular
 * products (score 0), as the user lists are. A product without the model's signal (not fitted,
 * no category) gets the popularity list with {@code fallback} set. Every list passes the
 * request's {@link ProductFilter} and never holds the product itself.
 */
public final class SimilarProducts {

    /** The models with a similar-products list, as one constant text (for annotations). */
    public static final String NAMES = Recommenders.ITEM_EASE + ", " + Recommenders.CONTENT_BASE + ", "
            + Recommenders.HYBRID;

    /** The models with a similar-products list, in the order the API lists them ({@link #NAMES}). */
    public static List<String> models() {
        return List.of(NAMES.split(", "));
    }

    /**
     * A similar-products list.
     *
     * @param productId the product asked about
     * @param model     the model's API name
     * @param products  the similar products, best first, with the model's scores
     * @param fallback  whether the model had no signal for the product and the popularity list stood in
     */
    public record Similar(long productId, String model, List<ScoredProduct> products, boolean fallback) {

        public Similar {
            products = List.copyOf(products);
        }

        /** The product ids in order. */
        public List<Long> productIds() {
            return products.stream().map(ScoredProduct::productId).toList();
        }
    }

    private record ScoredGroup(CategoryGroup group, double score) {
    }

    private final RecoStateView state;
    private final ModelSettings settings;
    private final ItemEaseFits fits;

    public SimilarProducts(final RecoStateView state, final ModelSettings settings, final ItemEaseFits fits) {
        this.state = state;
        this.settings = settings;
        this.fits = fits;
    }

    /**
     * Up to {@code n} products similar to {@code productId} by {@code model} that pass {@code filter}.
     *
     * @param model one of {@link #models()}
     * @return the list, or null when the product is not in the catalog
     * @throws IllegalArgumentException for a model not in {@link #models()}
     */
    public Similar similar(final String model, final long productId, final int n, final ProductFilter filter) {
        final ContentIndex index = state.content();
        if (!index.contains(productId)) {
            return null;
        }
        final Restriction restriction = Restriction.of(index, filter, Set.of(productId));
        return switch (model) {
            case Recommenders.ITEM_EASE -> itemEase(productId, n, restriction);
            case Recommenders.CONTENT_BASE -> content(productId, n, restriction);
            case Recommenders.HYBRID -> hybrid(productId, n, restriction);
            default -> throw new IllegalArgumentException("No similar products by " + model + "; known: " + models());
        };
    }

    private Similar itemEase(final long product, final int n, final Restriction restriction) {
        final Map<Long, Double> neighbours = easeNeighbours(product);
        if (neighbours.isEmpty()) {
            return fallback(Recommenders.ITEM_EASE, product, n, restriction);
        }
        final List<ScoredProduct> head = new ArrayList<>();
        neighbours.forEach((other, weight) -> {
            if (restriction.accepts(other)) {
                head.add(new ScoredProduct(other, weight));
            }
        });
        head.sort(ItemEaseRecommender.bestFirst(state));
        return filled(Recommenders.ITEM_EASE, product, n, restriction, head);
    }

    private Similar content(final long product, final int n, final Restriction restriction) {
        final SparseVector vector = restriction.index().vector(product);
        if (vector.isZero()) {
            return fallback(Recommenders.CONTENT_BASE, product, n, restriction);
        }
        return filled(Recommenders.CONTENT_BASE, product, n, restriction, contentNeighbours(vector, restriction, n));
    }

    private Similar hybrid(final long product, final int n, final Restriction restriction) {
        final Map<Long, Double> ease = easeNeighbours(product);
        final SparseVector vector = restriction.index().vector(product);
        if (ease.isEmpty() && vector.isZero()) {
            return fallback(Recommenders.HYBRID, product, n, restriction);
        }
        final HybridWeights weights = settings.hybrid().all();
        // as deep as the popularity list goes: the blend may lift a product below the top n of each signal
        final int deep = Math.max(n, state.topPopular().size());
        final Set<Long> candidates = new LinkedHashSet<>(ease.keySet());
        if (!vector.isZero()) {
            contentNeighbours(vector, restriction, deep).forEach(p -> candidates.add(p.productId()));
        }
        PopularityList.top(state, deep, restriction, new ArrayList<>()).forEach(p -> candidates.add(p.productId()));
        candidates.removeIf(p -> !restriction.accepts(p));
        double maxEase = 0.0;
        for (final double weight : ease.values()) {
            maxEase = Math.max(maxEase, weight);
        }
        final List<ScoredProduct> top = state.topPopular();
        final double maxPopularity = top.isEmpty() ? 0.0 : top.get(0).score();
        final ContentIndex index = restriction.index();
        final List<ScoredProduct> scored = new ArrayList<>(candidates.size());
        for (final long candidate : candidates) {
            double score = 0.0;
            if (maxEase > 0) {
                score += weights.collaborative() * ease.getOrDefault(candidate, 0.0) / maxEase;
            }
            // both vectors are L2-normalised: the dot product is the cosine, at most 1
            score += weights.content() * vector.dot(index.vector(candidate));
            if (maxPopularity > 0) {
                score += weights.popularity() * state.popularity(candidate) / maxPopularity;
            }
            scored.add(new ScoredProduct(candidate, score));
        }
        scored.sort(ItemEaseRecommender.bestFirst(state));
        return filled(Recommenders.HYBRID, product, n, restriction, scored);
    }

    /** ITEM_EASE's positive weights from {@code product} (empty without a fit or when it is not fitted). */
    private Map<Long, Double> easeNeighbours(final long product) {
        final ItemEaseFit fit = fits.current(settings.itemEase().all());
        return fit == null ? Map.of() : fit.neighbours(product);
    }

    /**
     * The products of the groups sharing a category level with {@code vector} that pass the
     * restriction, by cosine, whole tiers of equal cosine (ordered by popularity, then id) until at
     * least {@code limit} are listed.
     */
    private List<ScoredProduct> contentNeighbours(final SparseVector vector, final Restriction restriction,
            final int limit) {
        final ContentIndex index = restriction.index();
        final Set<Integer> groupIds = new HashSet<>();
        for (int i = 0; i < vector.size(); i++) {
            for (final int group : index.groupsWithTerm(vector.index(i))) {
                groupIds.add(group);
            }
        }
        final List<ScoredGroup> groups = new ArrayList<>(groupIds.size());
        for (final int id : groupIds) {
            final CategoryGroup group = index.groups().get(id);
            if (restriction.accepts(group)) {
                groups.add(new ScoredGroup(group, vector.dot(group.vector())));
            }
        }
        groups.sort(Comparator.comparingDouble(ScoredGroup::score).reversed()
                .thenComparingInt(g -> g.group().id()));
        final List<ScoredProduct> list = new ArrayList<>();
        int next = 0;
        while (next < groups.size() && list.size() < limit) {
            final double score = groups.get(next).score();
            final List<ScoredProduct> tier = new ArrayList<>();
            for (; next < groups.size() && groups.get(next).score() == score; next++) {
                for (final long product : groups.get(next).group().products()) {
                    if (!restriction.excluded(product)) {
                        tier.add(new ScoredProduct(product, score));
                    }
                }
            }
            tier.sort(ItemEaseRecommender.bestFirst(state));
            list.addAll(tier);
        }
        return list;
    }

    /** The first n of {@code ranked}, then popular products that pass (score 0) up to n. */
    private Similar filled(final String model, final long product, final int n, final Restriction restriction,
            final List<ScoredProduct> ranked) {
        final List<ScoredProduct> head = new ArrayList<>(ranked.subList(0, Math.min(n, ranked.size())));
        final List<ScoredProduct> filled = PopularityList.top(state, n, restriction, head);
        final List<ScoredProduct> list = new ArrayList<>(head);
        for (final ScoredProduct more : filled.subList(head.size(), filled.size())) {
            list.add(new ScoredProduct(more.productId(), 0.0));
        }
        return new Similar(product, model, list, false);
    }

    private Similar fallback(final String model, final long product, final int n, final Restriction restriction) {
        return new Similar(product, model, PopularityList.top(state, n, restriction, new ArrayList<>()), true);
    }
}
