package dev.shopreco.producer.generate;

import dev.shopreco.common.model.Product;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The catalog and the hidden facts the simulation needs about it: each product's category and
 * base appeal. A third of the products get no appeal at all, because in the shop's data about a
 * third of the catalog was never viewed.
 *
 * @param products   the records written to {@code products.jsonl}, index i has id 1001 + i
 * @param category   category index of each product
 * @param baseAppeal base appeal of each product; 0 = never interacted with
 */
record GeneratedCatalog(List<Product> products, int[] category, double[] baseAppeal) {

    static final long FIRST_ID = 1001;
    /** Noisy prices in the shop's first delivery, per 319 products. */
    static final int NON_POSITIVE_PRICES = 23;
    static final int ABSURD_PRICES = 14;
    static final double MISSING_RATING_SHARE = 0.08;

    int size() {
        return products.size();
    }

    static GeneratedCatalog generate(final GeneratorConfig config, final SplittableRandom rng) {
        final int n = config.products();
        final int[] category = shuffledCategories(n, rng);
        final double[] price = new double[n];
        final List<Product> products = new ArrayList<>(n);
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            price[i] = plausiblePrice(Categories.ALL.get(category[i]), rng);
        }
        injectNoise(price, rng);
        for (int i = 0; i < n; i++) {
            final String name = ProductNames.next(rng, category[i], names);
            final Double rating = rng.nextDouble() < MISSING_RATING_SHARE ? null : rng.nextDouble() * 5;
            products.add(new Product(FIRST_ID + i, name, Categories.ALL.get(category[i]).path(), price[i], rating));
        }
        return new GeneratedCatalog(List.copyOf(products), category, appeal(config, category, rng));
    }

    /** Category of each id, shuffled: in the shop's data ids are not grouped by category. */
    private static int[] shuffledCategories(final int n, final SplittableRandom rng) {
        final int[] sizes = Categories.sizes(n);
        final int[] category = new int[n];
        int i = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int k = 0; k < sizes[c]; k++) {
                category[i++] = c;
            }
        }
        shuffle(category, rng);
        return category;
    }

    private static double plausiblePrice(final Categories.Category c, final SplittableRandom rng) {
        final double raw = StrictMath.exp(StrictMath.log(c.minPrice())
                + rng.nextDouble() * (StrictMath.log(c.maxPrice()) - StrictMath.log(c.minPrice())));
        if (raw < 300 || rng.nextInt(3) == 0) {
            return Math.floor(raw) + 0.99;
        }
        return rng.nextInt(4) == 0 ? Math.round(raw * 100) / 100.0 : Math.floor(raw);
    }

    /** Exactly the shop's counts of broken prices (scaled to the catalog size), on random products. */
    private static void injectNoise(final double[] price, final SplittableRandom rng) {
        final int n = price.length;
        final int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, rng);
        final int nonPositive = scaled(NON_POSITIVE_PRICES, n);
        final int absurd = Math.min(n - nonPositive, scaled(ABSURD_PRICES, n));
        for (int k = 0; k < nonPositive; k++) {
            price[order[k]] = rng.nextInt(5) == 0 ? 0.0 : -price[order[k]];
        }
        for (int k = nonPositive; k < nonPositive + absurd; k++) {
            price[order[k]] = Math.max(price[order[k]] * 1000, 100_000 + price[order[k]]);
        }
    }

    static int scaled(final int perBaseCatalog, final int products) {
        return (int) Math.round((double) perBaseCatalog * products / Categories.BASE_CATALOG);
    }

    /**
     * Log-normal base appeal for the products that are ever interacted with, zero for the rest;
     * every category keeps at least one live product so that no category is absent from the data.
     */
    private static double[] appeal(final GeneratorConfig config, final int[] category, final SplittableRandom rng) {
        final int n = category.length;
        final double[] appeal = new double[n];
        for (int i = 0; i < n; i++) {
            appeal[i] = StrictMath.exp(config.popularitySkew() * RandomDraws.gaussian(rng));
        }
        final int[] live = new int[Categories.count()];
        for (final int c : category) {
            live[c]++;
        }
        final int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, rng);
        int dead = n - (int) Math.max(1, Math.round(config.touchedShare() * n));
        for (int k = 0; k < n && dead > 0; k++) {
            final int p = order[k];
            if (live[category[p]] > 1) {
                appeal[p] = 0;
                live[category[p]]--;
                dead--;
            }
        }
        return appeal;
    }

    static void shuffle(final int[] values, final SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
