package dev.shopreco.evaluator.baseline;

import dev.shopreco.evaluator.baseline.UserSimilarity.Neighbour;
import java.util.List;

/**
 * User-based k nearest neighbours: a user's neighbours are the k other users whose rows of X have
 * the highest positive cosine with theirs ({@link UserSimilarity}), and
 * {@code score(u, i) = Σ_{v ∈ N_k(u)} sim(u,v)·X[v][i]}. k is the only hyper-parameter.
 */
public final class UserKnn implements ItemScorer {

    private final UserSimilarity similarity;
    private final int k;

    private UserKnn(final UserSimilarity similarity, final int k) {
        this.similarity = similarity;
        this.k = k;
    }

    /** User-kNN with {@code k} neighbours over {@code x}. */
    public static UserKnn fit(final StrengthMatrix x, final int k) {
        return fit(UserSimilarity.of(x, k), k);
    }

    /** User-kNN with {@code k} neighbours over similarities already computed (shared across a k grid). */
    public static UserKnn fit(final UserSimilarity similarity, final int k) {
        if (k < 1 || k > similarity.maxNeighbours()) {
            throw new IllegalArgumentException("k must be in 1.." + similarity.maxNeighbours() + ", got " + k);
        }
        return new UserKnn(similarity, k);
    }

    /** The neighbours of the user of {@code row}, most similar first. */
    public List<Neighbour> neighbours(final int row) {
        final List<Neighbour> all = similarity.neighbours(row);
        return all.subList(0, Math.min(k, all.size()));
    }

    @Override
    public StrengthMatrix matrix() {
        return similarity.matrix();
    }

    @Override
    public double[] scores(final int row) {
        final StrengthMatrix x = similarity.matrix();
        final double[] scores = new double[x.columns()];
        for (final Neighbour neighbour : neighbours(row)) {
            final int[] columns = x.columnsOf(neighbour.row());
            final double[] values = x.valuesOf(neighbour.row());
            for (int j = 0; j < columns.length; j++) {
                scores[columns[j]] += neighbour.similarity() * values[j];
            }
        }
        return scores;
    }
}
