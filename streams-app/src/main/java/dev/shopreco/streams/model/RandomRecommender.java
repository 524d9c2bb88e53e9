package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Random products, the floor every model must beat. Each user gets a permutation of the catalog
 * (products in ascending id, positions {@code (a·i + b) mod P} for i = 0, 1, ... with a prime to P,
 * a and b drawn from (seed, user)); the list is its first products not excluded, and a product's
 * score is {@code 1 − i / P}. So the order is fixed per user and seed, ranking any candidate set
 * agrees with the full ranking (a product's i comes from its position by the inverse permutation),
 * and a request costs O(n + excluded), never a pass over the catalog. With {@code perUser} off the
 * user is left out of the draw, which gives the original's one permutation of the catalog shared by
 * all users.
 */
public final class RandomRecommender extends AbstractRecommender {

    private final long seed;
    private final boolean perUser;

    public RandomRecommender(final RecoStateView state, final long seed, final boolean perUser) {
        super(state);
        this.seed = seed;
        this.perUser = perUser;
    }

    @Override
    public String name() {
        return Recommenders.RANDOM;
    }

    /**
     * With a category, the user's permutation runs over the products of the category's rarest level
     * (ascending id) instead of the catalog: a request still reads O(n + left out) products.
     */
    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final Restriction restriction = restriction(interactions, exclusion, filter);
        final List<Long> catalog = restriction.index().productIds();
        if (interactions.isEmpty() || catalog.isEmpty()) {
            return popularityList(userId, n, restriction, true);
        }
        final List<ScoredProduct> list = new ArrayList<>(n);
        if (restriction.impossible()) {
            return new Recommendation(userId, name(), list, false);
        }
        final long[] category = restriction.categoryProducts();
        final int size = category == null ? catalog.size() : category.length;
        final Permutation permutation = permutation(userId, size);
        for (long i = 0; i < size && list.size() < n; i++) {
            final int at = permutation.at(i);
            final long product = category == null ? catalog.get(at) : category[at];
            if (restriction.accepts(product)) {
                list.add(new ScoredProduct(product, permutation.score(i)));
            }
        }
        return new Recommendation(userId, name(), list, false);
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final List<Long> catalog = state.content().productIds();
        final Permutation permutation = permutation(userId, catalog.size());
        final List<ScoredProduct> ranked = new ArrayList<>(candidates.size());
        for (final Long product : candidates) {
            final int position = Collections.binarySearch(catalog, product);
            // a product outside the catalog ranks after every catalog product
            ranked.add(new ScoredProduct(product, position < 0 ? 0.0 : permutation.score(permutation.index(position))));
        }
        ranked.sort(ScoredProduct.BEST_FIRST);
        return ranked;
    }

    private Permutation permutation(final long userId, final int size) {
        return Permutation.of(size, mix(seed * 0x9E3779B97F4A7C15L + (perUser ? userId : 0L) * 0xC2B2AE3D27D4EB4FL));
    }

    /** SplitMix64's finaliser. */
    private static long mix(final long key) {
        long z = key;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The permutation i -> (a·i + b) mod size of 0 .. size − 1, with a prime to size, and its inverse. */
    private record Permutation(long size, long a, long b, long aInverse) {

        static Permutation of(final int size, final long draw) {
            if (size <= 1) {
                return new Permutation(Math.max(size, 1), 1, 0, 1);
            }
            long a = Math.floorMod(draw, size - 1) + 1;
            while (gcd(a, size) != 1) {
                a = a % (size - 1) + 1;
            }
            final long b = Math.floorMod(mix(draw), size);
            return new Permutation(size, a, b, inverse(a, size));
        }

        /** The position at step i. */
        int at(final long i) {
            return (int) Math.floorMod(a * i + b, size);
        }

        /** The step at which position {@code position} comes. */
        long index(final int position) {
            return Math.floorMod(aInverse * Math.floorMod(position - b, size), size);
        }

        /** The score of step i: 1 for the first, falling to 1/size for the last. */
        double score(final long i) {
            return 1.0 - (double) i / size;
        }

        private static long gcd(final long x, final long y) {
            return y == 0 ? x : gcd(y, x % y);
        }

        /** a⁻¹ mod m (a prime to m), by the extended Euclidean algorithm. */
        private static long inverse(final long a, final long m) {
            long oldR = a;
            long r = m;
            long oldS = 1;
            long s = 0;
            while (r != 0) {
                final long q = oldR / r;
                long t = oldR - q * r;
                oldR = r;
                r = t;
                t = oldS - q * s;
                oldS = s;
                s = t;
            }
            return Math.floorMod(oldS, m);
        }
    }
}
