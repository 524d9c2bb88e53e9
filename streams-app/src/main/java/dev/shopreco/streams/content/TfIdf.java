package dev.shopreco.streams.content;

import dev.shopreco.common.model.Product;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TF-IDF over category levels, as scikit-learn's {@code TfidfVectorizer} computes it with its
 * defaults and a {@code ;}-split tokenizer (docs/design.md §3): raw term counts, smooth idf
 * {@code ln((1 + n) / (1 + df)) + 1} (n = catalog size, df = products containing the term), each
 * vector L2-normalised.
 */
public final class TfIdf {

    private TfIdf() {
    }

    /** The content index of {@code catalog} (one product per id; if an id repeats, the last one wins). */
    public static ContentIndex fit(final Collection<Product> catalog) {
        final Map<Long, List<String>> tokensById = new TreeMap<>();
        for (final Product product : catalog) {
            tokensById.put(product.productId(), CategoryTokens.of(product.categoryPath()));
        }
        final TreeSet<String> vocabulary = new TreeSet<>();
        tokensById.values().forEach(vocabulary::addAll);
        final List<String> terms = new ArrayList<>(vocabulary);
        final Map<String, Integer> termIds = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            termIds.put(terms.get(i), i);
        }
        final double[] idf = idf(tokensById.values(), termIds, tokensById.size());

        final Map<Long, SparseVector> vectors = new HashMap<>();
        // products with the same term counts share one vector: that is a category group
        final Map<Map<Integer, Integer>, List<Long>> members = new LinkedHashMap<>();
        final Map<Map<Integer, Integer>, SparseVector> groupVectors = new HashMap<>();
        for (final Map.Entry<Long, List<String>> e : tokensById.entrySet()) {
            final Map<Integer, Integer> counts = new TreeMap<>();
            for (final String token : e.getValue()) {
                counts.merge(termIds.get(token), 1, Integer::sum);
            }
            final SparseVector vector = groupVectors.computeIfAbsent(counts, c -> weigh(c, idf));
            vectors.put(e.getKey(), vector);
            members.computeIfAbsent(counts, c -> new ArrayList<>()).add(e.getKey());
        }
        final List<CategoryGroup> groups = new ArrayList<>();
        final List<List<Integer>> postingLists = new ArrayList<>();
        terms.forEach(t -> postingLists.add(new ArrayList<>()));
        for (final Map.Entry<Map<Integer, Integer>, List<Long>> e : members.entrySet()) {
            final int id = groups.size();
            groups.add(new CategoryGroup(id, groupVectors.get(e.getKey()),
                    e.getValue().stream().mapToLong(Long::longValue).toArray()));
            e.getKey().keySet().forEach(term -> postingLists.get(term).add(id));
        }
        final int[][] postings = new int[terms.size()][];
        final long[][] productsByTerm = new long[terms.size()][];
        for (int t = 0; t < terms.size(); t++) {
            postings[t] = postingLists.get(t).stream().mapToInt(Integer::intValue).toArray();
            productsByTerm[t] = postingLists.get(t).stream()
                    .flatMapToLong(g -> Arrays.stream(groups.get(g).products())).sorted().toArray();
        }
        return new ContentIndex(terms, termIds, idf, vectors, new ArrayList<>(tokensById.keySet()), groups, postings,
                productsByTerm);
    }

    private static double[] idf(final Collection<List<String>> documents, final Map<String, Integer> termIds,
            final int n) {
        final int[] df = new int[termIds.size()];
        for (final List<String> tokens : documents) {
            new TreeSet<>(tokens).forEach(token -> df[termIds.get(token)]++);
        }
        final double[] idf = new double[df.length];
        for (int t = 0; t < df.length; t++) {
            // scikit-learn: df += 1, n += 1, idf = log(n / df) + 1
            idf[t] = Math.log((n + 1.0) / (df[t] + 1.0)) + 1.0;
        }
        return idf;
    }

    private static SparseVector weigh(final Map<Integer, Integer> counts, final double[] idf) {
        final Map<Integer, Double> weights = new TreeMap<>();
        counts.forEach((term, tf) -> weights.put(term, tf * idf[term]));
        return SparseVector.of(weights).normalized();
    }
}
