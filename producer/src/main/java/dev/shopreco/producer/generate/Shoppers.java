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
 *
 * <p>With neighbourhoods, each user belongs to one group (drawn uniformly), and each group has a
 * taste over products: a Gamma weight per product, drawn independently of its category, so a
 * group's favoured products are spread over every category. A draw that does not go to a
 * favourite follows the group's taste (times the month's appeal) with probability {@code g},
 * the neighbourhood strength, and the user's category taste otherwise. Group and taste come from
 * their own random stream, so without neighbourhoods every other draw is what it was.
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
    /**
     * Gamma shape of a neighbourhood's weight per product: below 1, so that a group favours some
     * products clearly (its favourite fifth of the products holds about two thirds of its weight)
     * and barely touches others.
     */
    private static final double NEIGHBOURHOOD_CONCENTRATION = 0.5;

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
    private final double groupShare;
    private final int products;
    /** Each user's neighbourhood (empty without neighbourhoods). */
    private final int[] group;
    /** groupTaste[g * products + p]: neighbourhood g's weight of product p. */
    private final double[] groupTaste;
    /** Cumulative groupTaste times appeal, per group, for {@link #cachedMonth}. */
    private final double[] groupCumulative;
    private int cachedMonth = -1;

    Shoppers(final GeneratorConfig config, final GeneratedCatalog catalog, final MonthlyAppeal appeal,
             final SplittableRandom rng, final SplittableRandom neighbourhoodRng) {
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
        this.products = catalog.size();
        if (config.hasNeighbourhoods()) {
            final int groups = config.neighbourhoods();
            this.groupShare = config.neighbourhoodStrength();
            this.group = new int[users];
            for (int u = 0; u < users; u++) {
                group[u] = neighbourhoodRng.nextInt(groups);
            }
            this.groupTaste = new double[groups * products];
            for (int i = 0; i < groupTaste.length; i++) {
                groupTaste[i] = RandomDraws.gamma(neighbourhoodRng, NEIGHBOURHOOD_CONCENTRATION);
            }
            this.groupCumulative = new double[groups * products];
        } else {
            this.groupShare = 0;
            this.group = new int[0];
            this.groupTaste = new double[0];
            this.groupCumulative = new double[0];
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
        if (groupShare > 0 && rng.nextDouble() < groupShare) {
            final int g = group[user];
            final double[] cumulative = groupCumulative(month);
            final double total = cumulative[g * products + products - 1];
            if (total > 0) {
                final double x = rng.nextDouble() * total;
                // binary search in this group's slice
                int lo = g * products;
                int hi = g * products + products - 1;
                while (lo < hi) {
                    final int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] > x) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                return lo - g * products;
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
        final double[] groupCum = groupShare > 0 ? groupCumulative(month) : null;
        final int base = groupShare > 0 ? group[user] * products : 0;
        final double zg = groupShare > 0 ? groupCum[base + products - 1] : 0;
        double sum = 0;
        for (int p = 0; p < productScratch.length; p++) {
            if (repeat ? touchedEarlier(user, p) : !touched(user, p)) {
                int fav = 0;
                for (int f = 0; f < FAVOURITES; f++) {
                    fav += favourites[user * FAVOURITES + f] == p ? 1 : 0;
                }
                if (groupShare > 0) {
                    final double byTaste = taste[user * categories + productCategory[p]] * appeal.appeal(month, p) / z;
                    final double byGroup = zg > 0 ? groupTaste[base + p] * appeal.appeal(month, p) / zg : 0;
                    sum += (1 - favouriteShare) * ((1 - groupShare) * byTaste + groupShare * byGroup)
                            + favouriteShare * fav / FAVOURITES;
                } else {
                    // the expression as it was before neighbourhoods: the same bytes for the same seed
                    sum += (1 - favouriteShare) * taste[user * categories + productCategory[p]] * appeal.appeal(month, p) / z
                            + favouriteShare * fav / FAVOURITES;
                }
            }
            productScratch[p] = sum;
        }
        return sum <= 0 ? -1 : RandomDraws.pick(rng, productScratch, productScratch.length);
    }

    /** Every group's cumulative taste times the appeal of {@code month} (computed once per month). */
    private double[] groupCumulative(final int month) {
        if (month != cachedMonth) {
            for (int g = 0; g < groupCumulative.length / products; g++) {
                double sum = 0;
                for (int p = 0; p < products; p++) {
                    sum += groupTaste[g * products + p] * appeal.appeal(month, p);
                    groupCumulative[g * products + p] = sum;
                }
            }
            cachedMonth = month;
        }
        return groupCumulative;
    }
}
