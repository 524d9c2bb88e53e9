package dev.shopreco.producer.generate;

import java.util.SplittableRandom;

/**
 * The users' hidden state, kept as flat arrays so that a hundred thousand users cost a few tens of
 * megabytes: each user's taste over categories, a handful of favourite products, an activity level,
 * and which products they touched (bit sets over the catalog, split into earlier months and this
 * month, which is what "repeat" means in the statistics).
 *
 * <p>A user's taste is {@code (1 - s) * crowd + s * personal}, where {@code personal} is a sparse
 * Dirichlet draw (a few favoured categories) and {@code s} the personal strength; with
 * probability {@code 0.3 * s} a view goes to one of the user's favourite products instead.
 */
final class Shoppers {

    static final int FAVOURITES = 8;
    /** Sum of the Dirichlet parameters: small, so that personal taste sits on two or three categories. */
    private static final double TASTE_CONCENTRATION = 1.5;
    private static final double FAVOURITE_SHARE_AT_FULL_STRENGTH = 0.3;
    /** Gamma shape of users' activity: a coefficient of variation of about 0.35, some users busier than others. */
    private static final double ACTIVITY_SHAPE = 8;
    /** Rejection tries before enumerating the candidates (late in the period few products are new). */
    private static final int TRIES = 12;

    private final int categories;
    private final int words;
    private final int[] productCategory;
    private final MonthlyAppeal appeal;
    private final float[] taste;
    private final int[] favourites;
    private final float[] activity;
    private final long[] earlier;
    private final long[] current;
    private final double favouriteShare;
    private final double[] categoryScratch;
    private final double[] productScratch;

    Shoppers(final GeneratorConfig config, final GeneratedCatalog catalog, final MonthlyAppeal appeal,
             final SplittableRandom rng) {
        final int users = config.users();
        this.categories = Categories.count();
        this.words = (catalog.size() + 63) / 64;
        this.productCategory = catalog.category();
        this.appeal = appeal;
        this.taste = new float[users * categories];
        this.favourites = new int[users * FAVOURITES];
        this.activity = new float[users];
        this.earlier = new long[users * words];
        this.current = new long[users * words];
        this.favouriteShare = FAVOURITE_SHARE_AT_FULL_STRENGTH * config.personalStrength();
        this.categoryScratch = new double[categories];
        this.productScratch = new double[catalog.size()];
        final double[] crowd = appeal.globalCategoryShare();
        final double[] alpha = new double[categories];
        for (int c = 0; c < categories; c++) {
            alpha[c] = TASTE_CONCENTRATION * crowd[c];
        }
        final double s = config.personalStrength();
        for (int u = 0; u < users; u++) {
            final double[] personal = RandomDraws.dirichlet(rng, alpha);
            final double[] cumulative = new double[categories];
            double sum = 0;
            for (int c = 0; c < categories; c++) {
                taste[u * categories + c] = crowd[c] > 0 ? (float) (((1 - s) * crowd[c] + s * personal[c]) / crowd[c]) : 0f;
                sum += personal[c];
                cumulative[c] = sum;
            }
            for (int f = 0; f < FAVOURITES; f++) {
                final int c = RandomDraws.pick(rng, cumulative, categories);
                favourites[u * FAVOURITES + f] = appeal.drawFavourite(rng, c, catalog.baseAppeal());
            }
            activity[u] = (float) (RandomDraws.gamma(rng, ACTIVITY_SHAPE) / ACTIVITY_SHAPE);
        }
        // mean activity exactly 1: the sessions per user asked for should not depend on sampling luck
        double sum = 0;
        for (final float a : activity) {
            sum += a;
        }
        for (int u = 0; u < users; u++) {
            activity[u] = (float) (activity[u] * users / sum);
        }
    }

    double activity(final int user) {
        return activity[user];
    }

    /** A new month: what was touched this month becomes "earlier". */
    void startMonth() {
        for (int i = 0; i < earlier.length; i++) {
            earlier[i] |= current[i];
            current[i] = 0;
        }
    }

    boolean hasHistory(final int user) {
        for (int w = 0; w < words; w++) {
            if (earlier[user * words + w] != 0) {
                return true;
            }
        }
        return false;
    }

    boolean touchedEarlier(final int user, final int product) {
        return (earlier[user * words + (product >>> 6)] & (1L << product)) != 0;
    }

    boolean touched(final int user, final int product) {
        final int i = user * words + (product >>> 6);
        return ((earlier[i] | current[i]) & (1L << product)) != 0;
    }

    void touch(final int user, final int product) {
        current[user * words + (product >>> 6)] |= 1L << product;
    }

    /**
     * The product of a view: one touched in an earlier month if {@code repeat}, otherwise one the
     * user has never touched; either drawn by the user's taste times the month's appeal. When no
     * product qualifies (a very busy user has seen everything) any product is taken.
     */
    int choose(final SplittableRandom rng, final int user, final int month, final boolean repeat) {
        for (int t = 0; t < TRIES; t++) {
            final int p = draw(rng, user, month);
            if (p >= 0 && (repeat ? touchedEarlier(user, p) : !touched(user, p))) {
                return p;
            }
        }
        final int p = enumerate(rng, user, month, repeat);
        return p >= 0 ? p : draw(rng, user, month);
    }

    private int draw(final SplittableRandom rng, final int user, final int month) {
        if (favouriteShare > 0 && rng.nextDouble() < favouriteShare) {
            final int f = favourites[user * FAVOURITES + rng.nextInt(FAVOURITES)];
            if (f >= 0) {
                return f;
            }
        }
        double sum = 0;
        for (int c = 0; c < categories; c++) {
            sum += taste[user * categories + c] * appeal.categoryTotal(month, c);
            categoryScratch[c] = sum;
        }
        return appeal.drawInCategory(rng, month, RandomDraws.pick(rng, categoryScratch, categories));
    }

    /** The exact draw restricted to the qualifying products, for when rejection keeps failing. */
    private int enumerate(final SplittableRandom rng, final int user, final int month, final boolean repeat) {
        double z = 0;
        for (int c = 0; c < categories; c++) {
            z += taste[user * categories + c] * appeal.categoryTotal(month, c);
        }
        double sum = 0;
        for (int p = 0; p < productScratch.length; p++) {
            if (repeat ? touchedEarlier(user, p) : !touched(user, p)) {
                int fav = 0;
                for (int f = 0; f < FAVOURITES; f++) {
                    fav += favourites[user * FAVOURITES + f] == p ? 1 : 0;
                }
                sum += (1 - favouriteShare) * taste[user * categories + productCategory[p]] * appeal.appeal(month, p) / z
                        + favouriteShare * fav / FAVOURITES;
            }
            productScratch[p] = sum;
        }
        return sum <= 0 ? -1 : RandomDraws.pick(rng, productScratch, productScratch.length);
    }
}
