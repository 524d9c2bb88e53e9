package dev.shopreco.producer.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One visit to the shop: a run of views, then a checkout where some viewed products are bought
 * (all at one timestamp, each with its own purchase id), then the shop's data losses (user or
 * product id missing). A purchase always follows a view of its product in the same session, and
 * that view never loses its product id, so "bought what was viewed" holds in the files.
 */
final class SessionSimulator {

    private static final int[] DISCOUNTS = {0, 5, 10, 15, 20};
    private static final double[] DISCOUNT_CUMULATIVE = {0.6, 0.75, 0.87, 0.93, 1.0};
    /** People buy what they have looked at before: a product seen in an earlier month is this much likelier to be bought. */
    private static final double REPEAT_BUY_WEIGHT = 4;
    private static final double MEAN_VIEW_GAP_SECONDS = 40;
    private static final double MEAN_CHECKOUT_SECONDS = 60;
    /** Gamma shape of a session's length around its mean: some visits are a glance, some a long browse. */
    private static final double LENGTH_SHAPE = 2;

    private final Shoppers shoppers;
    private final double repeatRate;
    private final double extraViews;
    private final double buysPerView;
    private final double anonymous;
    private final double userNullInNamedSession;
    private final double productNullGivenUserNull;
    private final double productNullGivenUser;
    private long nextPurchaseId = 1;

    SessionSimulator(final GeneratorConfig config, final Shoppers shoppers) {
        this.shoppers = shoppers;
        this.repeatRate = config.repeatRate();
        this.buysPerView = config.purchaseShare() / (1 - config.purchaseShare());
        this.extraViews = config.eventsPerSession() / (1 + buysPerView) - 1;
        this.anonymous = config.anonymousSessions();
        this.userNullInNamedSession = (config.userNullShare() - anonymous) / (1 - anonymous);
        // views that a purchase points at keep their product: the others lose it a little more often
        final double eligible = 1 - config.purchaseShare();
        this.productNullGivenUserNull = Math.min(1, config.bothNullShare() / (config.userNullShare() * eligible));
        this.productNullGivenUser = Math.min(1, (config.productNullShare() - config.bothNullShare())
                / ((1 - config.userNullShare()) * eligible));
    }

    long purchases() {
        return nextPurchaseId - 1;
    }

    /** Simulates the session and appends its events to {@code out}. */
    void simulate(final SplittableRandom rng, final int user, final long sessionId, final long startSecond,
                  final int month, final List<GeneratedEvent> out) {
        final int views = 1 + RandomDraws.poisson(rng, extraViews * RandomDraws.gamma(rng, LENGTH_SHAPE) / LENGTH_SHAPE);
        final boolean history = shoppers.hasHistory(user);
        final int[] product = new int[views];
        final long[] time = new long[views];
        final int[] discount = new int[views];
        final boolean[] seenBefore = new boolean[views];
        long t = startSecond;
        for (int i = 0; i < views; i++) {
            final boolean repeat = history && rng.nextDouble() < repeatRate;
            product[i] = shoppers.choose(rng, user, month, repeat);
            seenBefore[i] = shoppers.touchedEarlier(user, product[i]);
            shoppers.touch(user, product[i]);
            time[i] = t;
            discount[i] = DISCOUNTS[RandomDraws.pick(rng, DISCOUNT_CUMULATIVE, DISCOUNTS.length)];
            t += 1 + (long) RandomDraws.exponential(rng, MEAN_VIEW_GAP_SECONDS);
        }
        final boolean[] bought = chooseBuys(rng, product, seenBefore, RandomDraws.binomial(rng, views, buysPerView));
        final boolean anonymousSession = rng.nextDouble() < anonymous;
        final long checkout = time[views - 1] + 5 + (long) RandomDraws.exponential(rng, MEAN_CHECKOUT_SECONDS);
        int seq = 0;
        for (int i = 0; i < views; i++) {
            out.add(lose(rng, anonymousSession, bought[i], new GeneratedEvent(time[i], sessionId, seq++,
                    userId(user), productId(product[i]), false, discount[i], -1)));
        }
        for (int i = 0; i < views; i++) {
            if (bought[i]) {
                out.add(lose(rng, anonymousSession, false, new GeneratedEvent(checkout, sessionId, seq++,
                        userId(user), productId(product[i]), true, discount[i], nextPurchaseId++)));
            }
        }
    }

    /**
     * Marks {@code k} views as bought: only a product's first view in the session (one purchase per
     * product), weighted towards products seen in earlier months.
     */
    private static boolean[] chooseBuys(final SplittableRandom rng, final int[] product, final boolean[] seenBefore,
                                        final int k) {
        final boolean[] bought = new boolean[product.length];
        final boolean[] firstView = new boolean[product.length];
        for (int i = 0; i < product.length; i++) {
            firstView[i] = true;
            for (int j = 0; j < i && firstView[i]; j++) {
                firstView[i] = product[j] != product[i];
            }
        }
        final double[] cumulative = new double[product.length];
        for (int b = 0; b < k; b++) {
            double sum = 0;
            for (int i = 0; i < product.length; i++) {
                sum += firstView[i] && !bought[i] ? (seenBefore[i] ? REPEAT_BUY_WEIGHT : 1) : 0;
                cumulative[i] = sum;
            }
            if (sum <= 0) {
                break;
            }
            bought[RandomDraws.pick(rng, cumulative, product.length)] = true;
        }
        return bought;
    }

    /** Applies the shop's data losses; a view a purchase points at keeps its product id. */
    private GeneratedEvent lose(final SplittableRandom rng, final boolean anonymousSession, final boolean anchor,
                                final GeneratedEvent e) {
        final boolean userNull = anonymousSession || rng.nextDouble() < userNullInNamedSession;
        final double productNull = userNull ? productNullGivenUserNull : productNullGivenUser;
        final boolean productLost = !anchor && rng.nextDouble() < productNull;
        if (!userNull && !productLost) {
            return e;
        }
        return new GeneratedEvent(e.second(), e.sessionId(), e.seq(), userNull ? -1 : e.userId(),
                productLost ? -1 : e.productId(), e.buy(), e.discount(), e.purchaseId());
    }

    private static long userId(final int user) {
        return 101L + user;
    }

    private static long productId(final int product) {
        return GeneratedCatalog.FIRST_ID + product;
    }
}
