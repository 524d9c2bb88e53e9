package dev.shopreco.streams.content;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the content model of one catalog: the vocabulary with its idf, each
 * product's TF-IDF vector, and the inverted index term -> groups of products sharing a vector.
 * Built by {@link TfIdf#fit}; rebuilt (never mutated) when the catalog changes.
 */
public final class ContentIndex {

    private final List<String> terms;
    private final Map<String, Integer> termIds;
    private final double[] idf;
    private final Map<Long, SparseVector> vectors;
    private final List<Long> productIds;
    private final List<CategoryGroup> groups;
    private final int[][] postings;
    private final long[][] productsByTerm;

    ContentIndex(final List<String> terms, final Map<String, Integer> termIds, final double[] idf,
            final Map<Long, SparseVector> vectors, final List<Long> productIds, final List<CategoryGroup> groups,
            final int[][] postings, final long[][] productsByTerm) {
        this.terms = List.copyOf(terms);
        this.termIds = Map.copyOf(termIds);
        this.idf = idf.clone();
        this.vectors = Map.copyOf(vectors);
        this.productIds = Collections.unmodifiableList(productIds);
        this.groups = List.copyOf(groups);
        this.postings = postings;
        this.productsByTerm = productsByTerm;
    }

    /** The index of an empty catalog. */
    public static ContentIndex empty() {
        return TfIdf.fit(List.of());
    }

    /** Whether the product is in the catalog. */
    public boolean contains(final long productId) {
        return vectors.containsKey(productId);
    }

    /** The product's unit TF-IDF vector (zero for a product without category); null if not in the catalog. */
    public SparseVector vector(final long productId) {
        return vectors.get(productId);
    }

    /** Every catalog product id, ascending. */
    public List<Long> productIds() {
        return productIds;
    }

    /** Number of catalog products (the {@code n} of the idf). */
    public int size() {
        return productIds.size();
    }

    /** Vocabulary size. */
    public int termCount() {
        return terms.size();
    }

    /** The term with id {@code termId} (terms are numbered in alphabetical order, as scikit-learn does). */
    public String term(final int termId) {
        return terms.get(termId);
    }

    /** The id of {@code term}, or -1. */
    public int termId(final String term) {
        return termIds.getOrDefault(term, -1);
    }

    /** {@code ln((1 + n) / (1 + df)) + 1} of the term. */
    public double idf(final int termId) {
        return idf[termId];
    }

    /** The groups of products that share a vector. */
    public List<CategoryGroup> groups() {
        return groups;
    }

    /** The products whose category has the term, ascending id (empty for -1); do not modify. */
    public long[] productsWithTerm(final int termId) {
        return termId < 0 ? new long[0] : productsByTerm[termId];
    }

    /** Ids of the groups whose vector contains {@code termId}, ascending (the inverted index). */
    public int[] groupsWithTerm(final int termId) {
        return postings[termId];
    }
}
