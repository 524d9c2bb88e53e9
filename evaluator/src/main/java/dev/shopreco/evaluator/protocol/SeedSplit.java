package dev.shopreco.evaluator.protocol;

import dev.shopreco.common.model.Interaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The original's split (docs/design.md §7): cleaned event rows, ordered by user, split at random 80/20
 * stratified by user, the way scikit-learn's {@code train_test_split(..., stratify=user_id)} does it:
 * {@code ceil(share * N)} rows go to the test part; each user's training count is
 * {@code floor(rows_u * n_train / N)}, and the rows still missing go one each to the users with the
 * largest remainders (ties in a seeded random order); the user's rows are shuffled and the first
 * ones trained on. scikit-learn draws from numpy's generator, which we do not replicate: the sizes
 * per user are the same, which rows land where is not.
 *
 * @param train the training rows, in the input order
 * @param test  the test rows, in the input order
 */
public record SeedSplit(List<Interaction> train, List<Interaction> test) {

    /** The rows of the users who touched at least {@code minProducts} distinct products (order kept). */
    public static List<Interaction> usersWithAtLeast(final List<Interaction> rows, final int minProducts) {
        final List<Interaction> kept = new ArrayList<>(rows.size());
        for (final Segment user : Segment.byUser(rows)) {
            final Set<Long> products = new HashSet<>();
            for (int i = user.from(); i < user.to(); i++) {
                products.add(rows.get(i).productId());
            }
            if (products.size() >= minProducts) {
                kept.addAll(rows.subList(user.from(), user.to()));
            }
        }
        return kept;
    }

    /** Splits {@code rows} (each user's rows contiguous) with a test share and a seed. */
    public static SeedSplit split(final List<Interaction> rows, final double testShare, final long seed) {
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("The test share must be between 0 and 1, got " + testShare);
        }
        final List<Segment> users = Segment.byUser(rows);
        final long n = rows.size();
        final long nTrain = n - (long) Math.ceil(testShare * n);
        final int[] trainCount = trainCounts(users, n, nTrain, seed);
        final boolean[] isTest = new boolean[rows.size()];
        for (int u = 0; u < users.size(); u++) {
            final Segment user = users.get(u);
            final List<Integer> order = new ArrayList<>();
            for (int i = user.from(); i < user.to(); i++) {
                order.add(i);
            }
            // one generator per user: the split of a user does not depend on the other users' sizes
            Collections.shuffle(order, new Random(seed * 0x9E3779B97F4A7C15L ^ user.userId()));
            for (final Integer row : order.subList(trainCount[u], order.size())) {
                isTest[row] = true;
            }
        }
        final List<Interaction> train = new ArrayList<>();
        final List<Interaction> test = new ArrayList<>();
        for (int i = 0; i < isTest.length; i++) {
            (isTest[i] ? test : train).add(rows.get(i));
        }
        return new SeedSplit(train, test);
    }

    /** scikit-learn's {@code _approximate_mode}: floors, then the largest remainders, exact integers. */
    static int[] trainCounts(final List<Segment> users, final long n, final long nTrain, final long seed) {
        final int[] counts = new int[users.size()];
        final long[] remainders = new long[users.size()];
        final double[] tieBreak = new double[users.size()];
        final Random random = new Random(seed);
        long assigned = 0;
        for (int u = 0; u < users.size(); u++) {
            final long product = users.get(u).size() * nTrain;
            counts[u] = (int) (product / n);
            remainders[u] = product % n;
            tieBreak[u] = random.nextDouble();
            assigned += counts[u];
        }
        final List<Integer> byRemainder = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            byRemainder.add(u);
        }
        byRemainder.sort(Comparator.<Integer>comparingLong(u -> remainders[u]).reversed()
                .thenComparingDouble(u -> tieBreak[u]));
        for (int i = 0; i < nTrain - assigned; i++) {
            counts[byRemainder.get(i)]++;
        }
        return counts;
    }

    /** One user's rows: indices [from, to) of the row list. */
    record Segment(long userId, int from, int to) {

        long size() {
            return to - from;
        }

        static List<Segment> byUser(final List<Interaction> rows) {
            final List<Segment> segments = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= rows.size(); i++) {
                if (i == rows.size() || rows.get(i).userId() != rows.get(start).userId()) {
                    if (i < rows.size() && rows.get(i).userId() < rows.get(start).userId()) {
                        throw new IllegalArgumentException("Rows must be ordered by user id");
                    }
                    segments.add(new Segment(rows.get(start).userId(), start, i));
                    start = i;
                }
            }
            return segments;
        }
    }
}
