package dev.shopreco.evaluator.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The sampled negatives of the original protocol: {@code n} products drawn without replacement from
 * the products the user never touched. The original seeded its generator with the test product's id,
 * so the same product asked about gets the same draw from the same pool; the run's seed is mixed
 * in so that another seed gives other negatives.
 */
public final class NegativeSampler {

    private NegativeSampler() {
    }

    /** Up to {@code n} of {@code pool} (all of it if smaller), in draw order. */
    public static List<Long> sample(final List<Long> pool, final int n, final long seed, final long productId) {
        final List<Long> items = new ArrayList<>(pool);
        final int k = Math.min(n, items.size());
        final Random random = new Random(productId * 0x9E3779B97F4A7C15L + seed);
        // partial Fisher-Yates: the first k positions end up a uniform sample
        for (int i = 0; i < k; i++) {
            Collections.swap(items, i, i + random.nextInt(items.size() - i));
        }
        return List.copyOf(items.subList(0, k));
    }
}
