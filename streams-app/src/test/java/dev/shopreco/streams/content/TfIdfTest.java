package dev.shopreco.streams.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Product;
import dev.shopreco.streams.state.UserInteraction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TF-IDF against values computed by hand with scikit-learn's formulas (smooth idf, raw tf, L2):
 * three products, n = 3; "gry i konsole" is in two of them (idf = ln(4/3) + 1), every other level
 * in one (idf = ln(4/2) + 1).
 */
class TfIdfTest {

    private static final double EXACT = 1e-15;
    private static final Product XBOX_GAME = product(1, "Gry i konsole;Gry na konsole;Gry Xbox 360");
    private static final Product PC_GAME = product(2, "Gry i konsole;Gry komputerowe");
    private static final Product MONITOR = product(3, "Komputery;Monitory");
    private static final ContentIndex INDEX = TfIdf.fit(List.of(XBOX_GAME, PC_GAME, MONITOR));

    @Test
    void shouldUseLowerCasedCategoryLevelsAsTermsInAlphabeticalOrder() {
        assertEquals(List.of("gry i konsole", "gry komputerowe", "gry na konsole", "gry xbox 360", "komputery",
                "monitory"), List.of(INDEX.term(0), INDEX.term(1), INDEX.term(2), INDEX.term(3), INDEX.term(4),
                INDEX.term(5)));
        assertEquals(List.of("gry i konsole", "gry na konsole", "gry xbox 360"),
                CategoryTokens.of(" Gry i konsole;Gry na konsole;;GRY Xbox 360 "));
    }

    @Test
    void shouldComputeSmoothIdf() {
        assertEquals(1.2876820724517808, INDEX.idf(INDEX.termId("gry i konsole")), EXACT);
        assertEquals(1.6931471805599454, INDEX.idf(INDEX.termId("monitory")), EXACT);
    }

    @Test
    void shouldNormaliseEachVectorToUnitLength() {
        assertVector(Map.of("gry i konsole", 0.4736296010332684, "gry na konsole", 0.6227660078332259,
                "gry xbox 360", 0.6227660078332259), INDEX.vector(1));
        assertVector(Map.of("gry i konsole", 0.6053485081062916, "gry komputerowe", 0.7959605415681652),
                INDEX.vector(2));
        assertVector(Map.of("komputery", 0.7071067811865475, "monitory", 0.7071067811865475), INDEX.vector(3));
        assertNull(INDEX.vector(4), "a product outside the catalog has no vector");
    }

    @Test
    void shouldBuildTheProfileAsTheStrengthWeightedMeanNormalised() {
        // bought the Xbox game (s = log2(1 + 2)), viewed the monitor (s = log2(1 + 1) = 1)
        final SparseVector profile = UserProfile.of(List.of(new UserInteraction(1, 2.0, true, 0, 0),
                new UserInteraction(3, 1.0, false, 0, 0), new UserInteraction(99, 5.0, false, 0, 0)), INDEX);
        assertVector(Map.of("gry i konsole", 0.40056593509298716, "gry na konsole", 0.526696067407156,
                "gry xbox 360", 0.526696067407156, "komputery", 0.3773124943589558,
                "monitory", 0.3773124943589558), profile);
        assertEquals(1.0, profile.norm(), EXACT);
    }

    @Test
    void shouldGroupProductsWithTheSameTermsAndIndexGroupsByTerm() {
        final ContentIndex index = TfIdf.fit(List.of(XBOX_GAME, product(5, "gry i konsole;gry na konsole;gry xbox 360"),
                PC_GAME, MONITOR, product(6, "")));
        assertEquals(4, index.groups().size(), "two Xbox games share a group; the empty path is its own");
        assertTrue(index.vector(6).isZero());
        final int[] withRoot = index.groupsWithTerm(index.termId("gry i konsole"));
        assertEquals(2, withRoot.length);
        assertEquals(List.of(1L, 5L), Arrays.stream(index.groups().get(withRoot[0]).products()).boxed()
                .toList());
    }

    private static void assertVector(final Map<String, Double> expected, final SparseVector actual) {
        assertEquals(expected.size(), actual.size(), "non-zero entries of " + actual);
        expected.forEach((term, value) -> assertEquals(value, actual.get(INDEX.termId(term)), EXACT, term));
    }

    private static Product product(final long id, final String path) {
        return new Product(id, "p" + id, path, 1.0, null);
    }
}
