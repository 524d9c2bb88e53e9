package dev.shopreco.streams.aggregate;

/**
 * What the per-user aggregation sends on, keyed by product: a change of the product's popularity
 * ({@link ProductTotals}), of the product's row of the item Gram matrix
 * ({@link dev.shopreco.streams.collaborative.GramRow}) or of its user-kNN postings
 * ({@link dev.shopreco.streams.knn.PostingChanges}). The topology splits them by type.
 */
public interface ProductChange {
}
