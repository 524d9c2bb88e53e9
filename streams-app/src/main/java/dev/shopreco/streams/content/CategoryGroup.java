package dev.shopreco.streams.content;

/**
 * The products whose category paths give the same terms, hence the same TF-IDF vector. A
 * content-based score is computed once per group, not once per product: on a category tree the
 * number of groups is the number of leaf categories, however large the catalog.
 *
 * @param id       position in {@link ContentIndex#groups()}
 * @param vector   the shared L2-normalised TF-IDF vector
 * @param products the group's product ids, ascending
 */
public record CategoryGroup(int id, SparseVector vector, long[] products) {
}
